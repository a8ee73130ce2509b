// `netkit url decode QUERY ...`: parse_qs() (or parse_qsl() with --list), printed as
// Python prints the result, or as JSON.
import { Command, InvalidArgumentError } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { parseQs, parseQsl, type ParseQsOptions } from '../../protocols/url/index.js';
import { pyRepr } from '../../protocols/core/py-text.js';

export interface DecodeOptions {
  list: boolean;
  keepBlankValues: boolean;
  strictParsing: boolean;
  maxNumFields?: number;
  separator: string;
  encoding: string;
  errors?: string;
}

type Decoded = { query: string; pairs: Array<[string, string]> } | { query: string; fields: Record<string, string[]> };

function positive(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  return Number(value);
}

export function makeDecodeCommand(ctx: Context, run = runDecode): Command {
  const cmd = new Command('decode')
    .description('parse query strings as urllib.parse.parse_qs() does (parse_qsl() with --list); stdin lines if none')
    .argument('[QUERY...]', 'query strings (without "?")')
    .option('--list', 'parse_qsl(): the (name, value) pairs in order', false)
    .option('--keep-blank-values', 'keep_blank_values=True', false)
    .option('--strict-parsing', 'strict_parsing=True: a malformed field is an error', false)
    .option('--max-num-fields <N>', 'max_num_fields=: more fields is an error', positive)
    .option('--separator <C>', 'separator=', '&')
    .option('--encoding <E>', 'text encoding of the escaped bytes', 'utf-8')
    .option('--errors <E>', "decoding error handler (Python's errors=, default replace)")
    .action(async (queries: string[], opts: DecodeOptions) => {
      ctx.exitCode = await run(ctx, queries, opts);
    });
  return withExamples(cmd, ["netkit url decode 'a=1&b=2&a=3'", "netkit url decode --list --keep-blank-values 'a=&b=x+y'", "netkit url decode --json 'tag=a&tag=b'"]);
}

/** Python's repr of the result: {'a': ['1', '3']} or [('a', '1'), ...]. */
function render(r: Decoded): string {
  if ('pairs' in r) return '[' + r.pairs.map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(', ') + ']\n';
  return '{' + Object.entries(r.fields).map(([k, v]) => `${pyRepr(k)}: [${v.map(pyRepr).join(', ')}]`).join(', ') + '}\n';
}

export async function runDecode(ctx: Context, queries: readonly string[], opts: DecodeOptions): Promise<number> {
  const options: ParseQsOptions = {
    keepBlankValues: opts.keepBlankValues,
    strictParsing: opts.strictParsing,
    maxNumFields: opts.maxNumFields ?? null,
    separator: opts.separator,
    encoding: opts.encoding,
    errors: opts.errors ?? 'replace',
  };
  const summary = await runBatch<Decoded>(ctx, queries, {
    operand: 'QUERY',
    handle: (query) => (opts.list ? { query, pairs: parseQsl(query, options) } : { query, fields: Object.fromEntries(parseQs(query, options)) }),
    render,
  });
  return summary.failed > 0 ? 1 : 0;
}
