// `netkit ip summarize FIRST LAST`: Python's summarize_address_range().
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { summarizeAddressRange } from '../../protocols/ip/ops.js';
import { parseAddressOrNetwork } from './records.js';
import { writeNetworks } from './list-output.js';

const EXAMPLES = ['netkit ip summarize 192.168.0.0 192.168.3.255', 'netkit ip summarize 10.0.0.5 10.0.0.20', 'netkit ip summarize 2001:db8:: 2001:db8::ff --json'];

export function makeSummarizeCommand(ctx: Context, run = runSummarize): Command {
  const cmd = new Command('summarize')
    .description('the fewest networks that cover FIRST to LAST: summarize_address_range()')
    .argument('<FIRST>', 'first address')
    .argument('<LAST>', 'last address')
    .action(async (first: string, last: string) => {
      ctx.exitCode = await run(ctx, first, last);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runSummarize(ctx: Context, first: string, last: string): Promise<number> {
  await writeNetworks(ctx, summarizeAddressRange(parseAddressOrNetwork(first), parseAddressOrNetwork(last)));
  return 0;
}
