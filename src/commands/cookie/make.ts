// `netkit cookie make NAME=VALUE [attributes]`: Morsel.output() byte for byte (or
// js_output() with --js), as SimpleCookie()[name] = value and the attributes make it.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { makeCookie, type MakeAttributes } from '../../protocols/cookies/index.js';
import { cookieRecord, type CookieRecord } from './records.js';

export interface MakeOptions {
  path?: string;
  domain?: string;
  expires?: string;
  maxAge?: string;
  secure: boolean;
  httponly: boolean;
  samesite?: string;
  comment?: string;
  version?: string;
  js: boolean;
}

const EXAMPLES = [
  'netkit cookie make session=abc123 --path / --httponly --secure --samesite Lax',
  'netkit cookie make token=\'a b;c\' --max-age 3600',
  'netkit cookie make id=42 --expires 86400        # seconds from now, as Python formats an int',
  'netkit cookie make id=42 --js',
];

export function makeMakeCommand(ctx: Context, run = runMake): Command {
  const cmd = new Command('make')
    .description("build a Set-Cookie header as http.cookies.Morsel.output() prints it (Python's quoting and escapes)")
    .argument('<NAME=VALUE>', 'the cookie')
    .option('--path <P>', 'Path attribute')
    .option('--domain <D>', 'Domain attribute')
    .option('--expires <E>', 'Expires: a date text as given, or whole seconds from now (an int, as Python formats it)')
    .option('--max-age <N>', 'Max-Age attribute')
    .option('--secure', 'Secure flag', false)
    .option('--httponly', 'HttpOnly flag', false)
    .addOption(new Option('--samesite <S>', 'SameSite attribute (Strict, Lax, None)'))
    .option('--comment <C>', 'Comment attribute')
    .option('--version <V>', 'Version attribute')
    .option('--js', 'print js_output(): a <script> that sets document.cookie', false)
    .action(async (pair: string, opts: MakeOptions) => {
      ctx.exitCode = await run(ctx, pair, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

const INT = /^[+-]?\d+$/;

export interface MadeCookie {
  output: string;
  cookie: CookieRecord;
}

export async function runMake(ctx: Context, pair: string, opts: MakeOptions): Promise<number> {
  const eq = pair.indexOf('=');
  if (eq < 0) throw new UsageError(`expected NAME=VALUE, got '${pair}'`);
  const attributes: MakeAttributes = {
    expires: opts.expires === undefined ? undefined : INT.test(opts.expires) ? Number(opts.expires) : opts.expires,
    path: opts.path,
    comment: opts.comment,
    domain: opts.domain,
    'max-age': opts.maxAge === undefined ? undefined : INT.test(opts.maxAge) ? Number(opts.maxAge) : opts.maxAge,
    secure: opts.secure || undefined,
    httponly: opts.httponly || undefined,
    version: opts.version,
    samesite: opts.samesite,
  };
  const morsel = makeCookie(pair.slice(0, eq), pair.slice(eq + 1), attributes);
  const output = opts.js ? morsel.js_output() : morsel.output();
  ctx.out.result<MadeCookie>({ output, cookie: cookieRecord(morsel) }, (r) => r.output + '\n');
  return 0;
}
