// `netkit url parse URL ...`: urlparse() with username, password, hostname and port;
// --compare shows, field by field, where Python's parser and the WHATWG URL parser disagree.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { renderKeyValues } from '../../cli/key-values.js';
import type { Style } from '../../cli/output.js';
import { compareWhatwg, type WhatwgComparison } from '../../protocols/url/index.js';
import { parseRecord, withURLOptions, type URLOptions } from './records.js';

export interface ParseOptions extends URLOptions {
  compare: boolean;
}

const EXAMPLES = [
  "netkit url parse 'https://user:pw@Example.com:8443/a;p?q=1#frag'",
  'netkit url parse --json http://[::1]:8080/x',
  "netkit url parse --compare 'http://evil.com\\\\@good.com/'",
  'netkit url parse --scheme https example.com/path',
];

export function makeParseCommand(ctx: Context, run = runParse): Command {
  const cmd = withURLOptions(
    new Command('parse')
      .description('split URLs as urllib.parse.urlparse() does, with username, password, hostname, port (stdin lines if none)')
      .argument('[URL...]', 'the URLs'),
  )
    .option('--compare', "show where Python's urlsplit and the WHATWG URL parser (browsers, Node) disagree", false)
    .action(async (urls: string[], opts: ParseOptions) => {
      ctx.exitCode = await run(ctx, urls, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runParse(ctx: Context, urls: readonly string[], opts: ParseOptions): Promise<number> {
  await ctx.out.useColors();
  if (opts.compare) {
    let differ = 0;
    const summary = await runBatch<WhatwgComparison>(ctx, urls, {
      operand: 'URL',
      handle: (url) => {
        const c = compareWhatwg(url);
        if (!c.agree) differ++;
        return c;
      },
      render: renderComparison,
    });
    return summary.failed > 0 || differ > 0 ? 1 : 0;
  }
  const summary = await runBatch(ctx, urls, { operand: 'URL', handle: (url) => parseRecord(url, opts), render: renderKeyValues });
  return summary.failed > 0 ? 1 : 0;
}

const show = (value: string | number | null): string => (value === null ? 'None' : JSON.stringify(value));

/** The URL, then one line per field: python's value, WHATWG's, and a mark where they differ. */
export function renderComparison(c: WhatwgComparison, style: Style): string {
  let text = `${style.bold(c.url)}\n`;
  if (c.pythonError) text += `  python: ${c.pythonError.type}: ${c.pythonError.message}\n`;
  if (c.whatwgError) text += `  whatwg: ${c.whatwgError.type}: ${c.whatwgError.message}\n`;
  for (const f of c.fields) {
    const py = f.pythonError ? `${f.pythonError.type}: ${f.pythonError.message}` : show(f.python);
    text += `  ${f.field}: python ${py} | whatwg ${show(f.whatwg)}${f.agree ? '' : '  ' + style.red('<- differs')}\n`;
  }
  return text + `  agree: ${c.agree ? 'True' : style.red('False')}\n\n`;
}
