// `netkit ip hosts NET`: Python's hosts(), streamed (a /8 never sits in memory).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { ipNetwork } from '../../protocols/ip/network.js';
import { writeAddresses } from './list-output.js';

const EXAMPLES = ['netkit ip hosts 192.168.1.0/29', 'netkit ip hosts 10.0.0.0/31', 'netkit ip hosts 2001:db8::/126 --json', 'netkit ip hosts 10.0.0.0/8 | wc -l'];

export function makeHostsCommand(ctx: Context, run = runHosts): Command {
  const cmd = new Command('hosts')
    .description("the usable addresses of a network: hosts() (all of a /31 or /127, as Python 3.11 does)")
    .argument('<NET>', 'the network')
    .option('--no-strict', 'ip_network(strict=False): allow host bits in NET')
    .action(async (net: string, opts: { strict: boolean }) => {
      ctx.exitCode = await run(ctx, net, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runHosts(ctx: Context, text: string, opts: { strict: boolean }): Promise<number> {
  await writeAddresses(ctx, ipNetwork(text, opts.strict).hosts());
  return 0;
}
