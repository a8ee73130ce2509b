// `netkit url defrag URL ...`: urldefrag(): the URL without its fragment, and the fragment.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { urldefrag, type DefragResult } from '../../protocols/url/index.js';

const EXAMPLES = ["netkit url defrag 'https://example.com/page#section-2'", 'netkit url defrag --json < urls.txt'];

export function makeDefragCommand(ctx: Context, run = runDefrag): Command {
  const cmd = new Command('defrag')
    .description('split off the fragment as urllib.parse.urldefrag() does: URL and fragment, tab-separated (stdin lines if none)')
    .argument('[URL...]', 'the URLs')
    .action(async (urls: string[]) => {
      ctx.exitCode = await run(ctx, urls);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runDefrag(ctx: Context, urls: readonly string[]): Promise<number> {
  const summary = await runBatch<DefragResult>(ctx, urls, { operand: 'URL', handle: urldefrag, render: (r) => `${r.url}\t${r.fragment}\n` });
  return summary.failed > 0 ? 1 : 0;
}
