// `netkit ip supernet NET [--new-prefix N | --prefixlen-diff N]`: Python's supernet().
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { ipNetwork } from '../../protocols/ip/network.js';
import { parsePrefixOption } from './options.js';
import { writeNetworks } from './list-output.js';

export interface SupernetOptions {
  newPrefix?: number;
  prefixlenDiff?: number;
  strict: boolean;
}

const EXAMPLES = ['netkit ip supernet 192.168.1.0/24', 'netkit ip supernet 192.168.1.0/24 --new-prefix 16', 'netkit ip supernet 2001:db8::/48 --prefixlen-diff 16 --json'];

export function makeSupernetCommand(ctx: Context, run = runSupernet): Command {
  const cmd = new Command('supernet')
    .description('the network that contains NET: supernet() (prefixlen_diff=1 unless told)')
    .argument('<NET>', 'the network')
    .addOption(new Option('--new-prefix <N>', 'prefix length of the supernet').argParser(parsePrefixOption('--new-prefix')))
    .addOption(new Option('--prefixlen-diff <N>', 'bits to take off the prefix (default 1)').argParser(parsePrefixOption('--prefixlen-diff')))
    .option('--no-strict', 'ip_network(strict=False): allow host bits in NET')
    .action(async (net: string, opts: SupernetOptions) => {
      ctx.exitCode = await run(ctx, net, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runSupernet(ctx: Context, text: string, opts: SupernetOptions): Promise<number> {
  const superOpts: { prefixlenDiff?: number; newPrefix?: number } = {};
  if (opts.newPrefix !== undefined) superOpts.newPrefix = opts.newPrefix;
  if (opts.prefixlenDiff !== undefined) superOpts.prefixlenDiff = opts.prefixlenDiff;
  await writeNetworks(ctx, [ipNetwork(text, opts.strict).supernet(superOpts)]);
  return 0;
}
