// `netkit url join BASE REF ...`: urljoin(BASE, REF) for each REF.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { urljoin } from '../../protocols/url/index.js';

const EXAMPLES = ["netkit url join https://example.com/a/b/c ../d './e?x=1' //other.org/f", 'netkit url join https://example.com/docs/ < relative-links.txt'];

export function makeJoinCommand(ctx: Context, run = runJoin): Command {
  const cmd = new Command('join')
    .description('resolve references against BASE as urllib.parse.urljoin() does (stdin lines if no REF)')
    .argument('<BASE>', 'the base URL')
    .argument('[REF...]', 'relative or absolute references')
    .option('--no-fragments', "Python's allow_fragments=False")
    .action(async (base: string, refs: string[], opts: { fragments: boolean }) => {
      ctx.exitCode = await run(ctx, base, refs, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runJoin(ctx: Context, base: string, refs: readonly string[], opts: { fragments: boolean }): Promise<number> {
  const summary = await runBatch(ctx, refs, { operand: 'REF', handle: (ref) => ({ base, ref, url: urljoin(base, ref, opts.fragments) }), render: (r) => r.url + '\n' });
  return summary.failed > 0 ? 1 : 0;
}
