// `netkit ip exclude NET EXCLUDED ...`: address_exclude(), repeated: NET minus every EXCLUDED.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { ipNetwork, type IPNetwork } from '../../protocols/ip/network.js';
import { excludeAll } from '../../protocols/ip/plan.js';
import { writeNetworks } from './list-output.js';

const EXAMPLES = ['netkit ip exclude 10.0.0.0/24 10.0.0.64/26', 'netkit ip exclude 10.0.0.0/16 10.0.1.0/24 10.0.200.0/21', 'netkit ip exclude 2001:db8::/32 2001:db8:1::/48 --json'];

export function makeExcludeCommand(ctx: Context, run = runExclude): Command {
  const cmd = new Command('exclude')
    .description('what is left of NET without each EXCLUDED network: address_exclude(), repeated')
    .argument('<NET>', 'the network')
    .argument('<EXCLUDED...>', 'networks to take out')
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .action(async (net: string, excluded: string[], opts: { strict: boolean }) => {
      ctx.exitCode = await run(ctx, net, excluded, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runExclude(ctx: Context, net: string, excluded: readonly string[], opts: { strict: boolean }): Promise<number> {
  const base: IPNetwork = ipNetwork(net, opts.strict);
  await writeNetworks(ctx, excludeAll(base, excluded.map((x) => ipNetwork(x, opts.strict))));
  return 0;
}
