// `netkit url split URL ...`: urlsplit() with username, password, hostname and port.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { renderKeyValues } from '../../cli/key-values.js';
import { splitRecord, withURLOptions, type URLOptions } from './records.js';

const EXAMPLES = ["netkit url split 'https://example.com/a/b?q=1#top'", 'netkit url split --json < urls.txt', 'netkit url split --no-fragments http://h/a#b'];

export function makeSplitCommand(ctx: Context, run = runSplit): Command {
  const cmd = withURLOptions(
    new Command('split')
      .description('split URLs as urllib.parse.urlsplit() does (no params), with username, password, hostname, port (stdin lines if none)')
      .argument('[URL...]', 'the URLs'),
  ).action(async (urls: string[], opts: URLOptions) => {
    ctx.exitCode = await run(ctx, urls, opts);
  });
  return withExamples(cmd, EXAMPLES);
}

export async function runSplit(ctx: Context, urls: readonly string[], opts: URLOptions): Promise<number> {
  await ctx.out.useColors();
  const summary = await runBatch(ctx, urls, { operand: 'URL', handle: (url) => splitRecord(url, opts), render: renderKeyValues });
  return summary.failed > 0 ? 1 : 0;
}
