// `netkit cgi form`: the current CGI request (environment and stdin) parsed as
// cgi.FieldStorage does, uploads saved to a fresh directory, the fields printed as
// `name=value` lines, JSON (--json) or shell assignments for eval (--shell).
import { Command } from 'commander';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { DEFAULT_MAX_BODY, bodyExpected, formFields, parseFieldStorage, readRequestBody, removeUploads, saveUploads } from '../../protocols/cgi/index.js';
import { parseCount, parsePrefix } from './options.js';
import { fieldRecords, renderFields } from './records.js';
import { renderShell } from './shell.js';

export interface FormOptions {
  shell: boolean;
  prefix: string;
  keepBlank: boolean;
  strict: boolean;
  maxFields?: number;
  maxBody: number;
  separator: string;
  uploadDir?: string;
  discardFiles: boolean;
}

const EXAMPLES = [
  'eval "$(netkit cgi form --shell)"; echo "Hello, $FORM_name"',
  'netkit cgi form --json --max-fields 100 --max-body 1048576',
  "REQUEST_METHOD=GET QUERY_STRING='a=1&b=2' netkit cgi form",
];

export function makeFormCommand(ctx: Context): Command {
  const cmd = new Command('form')
    .description("parse this CGI request (environment and stdin) as Python's cgi.FieldStorage does and print its fields")
    .option('--shell', 'print shell assignments for eval (FORM_name=\'value\'; see netkit-cgi(1))', false)
    .option('--prefix <PREFIX>', 'variable prefix for --shell', parsePrefix, 'FORM_')
    .option('--keep-blank', 'keep fields with blank values (keep_blank_values=True)', false)
    .option('--strict', 'fail on malformed query fields (strict_parsing=True)', false)
    .option('--max-fields <N>', "fail when there are more than N fields (max_num_fields: 'Max number of fields exceeded')", parseCount)
    .option('--max-body <BYTES>', 'fail when the request body is larger', parseCount, DEFAULT_MAX_BODY)
    .option('--separator <SEP>', 'query field separator (separator=)', '&')
    .option('--upload-dir <DIR>', 'where the per-request upload directory is made (default: $TMPDIR, else the system temporary directory)')
    .option('--discard-files', 'do not save uploads (their size and headers are still reported)', false)
    .action(async (opts: FormOptions) => {
      ctx.exitCode = await runForm(ctx, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runForm(ctx: Context, opts: FormOptions): Promise<number> {
  if (opts.shell && ctx.flags.json) throw new UsageError('--shell and --json are exclusive');
  const env = ctx.io.env;
  // stdin is touched only when the request has a body (process.stdin sets up a stream on first use).
  const expected = bodyExpected(env);
  if (expected && ctx.io.stdin.isTTY) throw new UsageError(`a ${env.REQUEST_METHOD} request's body comes on standard input, which is a terminal`);
  const body = expected ? await readRequestBody(ctx.io.stdin, env, opts.maxBody) : new Uint8Array(0);
  const form = parseFieldStorage(env, body, { keepBlankValues: opts.keepBlank, strictParsing: opts.strict, maxNumFields: opts.maxFields ?? null, separator: opts.separator });
  const parent = resolve(ctx.io.cwd, opts.uploadDir ?? env.TMPDIR ?? tmpdir());
  const uploads = saveUploads(form, parent, { discard: opts.discardFiles });
  const fields = formFields(form);
  if (opts.shell) {
    let shell;
    try {
      shell = renderShell(fields, uploads, opts.prefix);
    } catch (err) {
      removeUploads(uploads);
      throw err;
    }
    for (const w of shell.warnings) ctx.out.warn(w);
    ctx.out.write(shell.text);
    return 0;
  }
  ctx.out.result(fieldRecords(fields, uploads), renderFields);
  return 0;
}
