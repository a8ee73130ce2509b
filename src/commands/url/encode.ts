// `netkit url encode KEY=VALUE ...`: urlencode() of the pairs, or of JSON objects read from
// standard input (one per line, one query string each).
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { UsageError } from '../../cli/errors.js';
import { urlencode, type UrlencodeOptions } from '../../protocols/url/index.js';
import { PyTypeError } from '../../protocols/core/errors.js';

export interface EncodeOptions {
  doseq: boolean;
  quoteVia: 'quote' | 'plus';
  safe?: string;
  encoding: string;
  errors?: string;
}

type Pairs = Array<[string, string | string[]]>;

/** Python's str() of a JSON scalar, as urlencode applies it to a dict's values. */
function pyStr(value: unknown, key: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'number') return String(value).includes('.') || String(value).includes('e') ? String(value) : value.toFixed(1);
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  throw new PyTypeError(`${key}: a value must be a string, number, boolean, null or a list of them`);
}

/** A JSON object as urlencode's pairs (insertion order), lists kept for doseq. */
function pairsFromJSON(line: string): Pairs {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new PyTypeError(`not a JSON object: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PyTypeError('expected a JSON object of query parameters');
  return Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => pyStr(x, k)) : pyStr(v, k)]);
}

/** KEY=VALUE arguments in order (a repeated KEY gives repeated parameters). */
function pairsFromArgs(args: readonly string[]): Pairs {
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq < 0) throw new UsageError(`expected KEY=VALUE, got '${arg}'`);
    return [arg.slice(0, eq), arg.slice(eq + 1)];
  });
}

export function makeEncodeCommand(ctx: Context, run = runEncode): Command {
  const cmd = new Command('encode')
    .description('build a query string as urllib.parse.urlencode() does, from KEY=VALUE pairs or JSON objects on stdin')
    .argument('[KEY=VALUE...]', 'parameters, in order')
    .option('--doseq', 'a JSON list value gives one parameter per item', false)
    .addOption(new Option('--quote-via <F>', 'quote_via=: quote or plus (quote_plus, the default)').choices(['quote', 'plus']).default('plus'))
    .option('--safe <CHARS>', 'characters left unescaped', '')
    .option('--encoding <E>', 'text encoding of the escaped bytes', 'utf-8')
    .option('--errors <E>', "encoding error handler (Python's errors=, default strict)")
    .action(async (args: string[], opts: EncodeOptions) => {
      ctx.exitCode = await run(ctx, args, opts);
    });
  return withExamples(cmd, ["netkit url encode q='a b' lang=en", 'echo \'{"q": "x y", "tag": ["a", "b"]}\' | netkit url encode --doseq', 'netkit url encode --quote-via quote path=/a b']);
}

export async function runEncode(ctx: Context, args: readonly string[], opts: EncodeOptions): Promise<number> {
  const options: UrlencodeOptions = { doseq: opts.doseq, safe: opts.safe, encoding: opts.encoding, errors: opts.errors, quoteVia: opts.quoteVia === 'quote' ? 'quote' : 'quote_plus' };
  const render = (r: { query: string }): string => r.query + '\n';
  if (args.length > 0) {
    ctx.out.record({ query: urlencode(pairsFromArgs(args), options) }, render);
    return 0;
  }
  if (ctx.io.stdin.isTTY) throw new UsageError('give KEY=VALUE pairs, or JSON objects on standard input');
  const summary = await runBatch(ctx, [], { operand: 'JSON object', handle: (line) => ({ query: urlencode(pairsFromJSON(line), options) }), render });
  return summary.failed > 0 ? 1 : 0;
}
