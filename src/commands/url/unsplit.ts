// `netkit url unsplit` and `netkit url unparse`: urlunsplit()/urlunparse() from flags, or
// from JSON objects (one per line) on standard input, e.g. the records `url split --json`
// prints.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { UsageError } from '../../cli/errors.js';
import { urlunparse, urlunsplit } from '../../protocols/url/index.js';
import { PyTypeError } from '../../protocols/core/errors.js';

export interface Components {
  scheme?: string;
  netloc?: string;
  path?: string;
  params?: string;
  query?: string;
  fragment?: string;
}

type Kind = 'unsplit' | 'unparse';

const KEYS: Record<Kind, ReadonlyArray<keyof Components>> = {
  unsplit: ['scheme', 'netloc', 'path', 'query', 'fragment'],
  unparse: ['scheme', 'netloc', 'path', 'params', 'query', 'fragment'],
};

function join(kind: Kind, c: Components): string {
  const parts = KEYS[kind].map((k) => c[k] ?? '');
  return kind === 'unsplit' ? urlunsplit(parts as [string, string, string, string, string]) : urlunparse(parts as [string, string, string, string, string, string]);
}

/** A JSON object line as components: strings only, as Python's tuple of str needs. */
function fromJSON(kind: Kind, line: string): Components {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new PyTypeError(`not a JSON object: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PyTypeError('expected a JSON object of URL components');
  const c: Components = {};
  for (const key of KEYS[kind]) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new PyTypeError(`${key} must be a string, not ${typeof v}`);
    c[key] = v;
  }
  return c;
}

function makeJoinCommand(ctx: Context, kind: Kind): Command {
  const cmd = new Command(kind)
    .description(`build a URL with urllib.parse.url${kind}() from the component flags, or from JSON objects on stdin (one per line)`)
    .option('--scheme <S>', 'scheme component')
    .option('--netloc <N>', 'netloc component (user:pass@host:port)')
    .option('--path <P>', 'path component');
  if (kind === 'unparse') cmd.option('--params <P>', 'params component (after ";")');
  cmd
    .option('--query <Q>', 'query component (without "?")')
    .option('--fragment <F>', 'fragment component (without "#")')
    .action(async (opts: Components) => {
      ctx.exitCode = await runJoin(ctx, kind, opts);
    });
  const examples =
    kind === 'unsplit'
      ? ['netkit url unsplit --scheme https --netloc example.com --path /a --query q=1', "netkit url split --json < urls.txt | jq -c '.query=\"\"' | netkit url unsplit"]
      : ['netkit url unparse --scheme http --netloc h --path /p --params x --query q=1'];
  return withExamples(cmd, examples);
}

export async function runJoin(ctx: Context, kind: Kind, opts: Components): Promise<number> {
  const given = KEYS[kind].some((k) => opts[k] !== undefined);
  if (given) {
    ctx.out.record({ url: join(kind, opts) }, (r) => r.url + '\n');
    return 0;
  }
  if (ctx.io.stdin.isTTY) throw new UsageError('give the components as flags, or JSON objects on standard input');
  const summary = await runBatch(ctx, [], { operand: 'JSON object', handle: (line) => ({ url: join(kind, fromJSON(kind, line)) }), render: (r) => r.url + '\n' });
  return summary.failed > 0 ? 1 : 0;
}

export const makeUnsplitCommand = (ctx: Context): Command => makeJoinCommand(ctx, 'unsplit');
export const makeUnparseCommand = (ctx: Context): Command => makeJoinCommand(ctx, 'unparse');
