// `netkit ip subnet NET`: subnets() with --new-prefix or --prefixlen-diff; beyond Python,
// --count N equal parts and --hosts H1,H2,... (VLSM, packed in the order given).
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { ipNetwork, type IPNetwork } from '../../protocols/ip/network.js';
import { equalParts, usableHosts, vlsm } from '../../protocols/ip/plan.js';
import { parsePrefixOption } from './options.js';
import { writeNetworks } from './list-output.js';

export interface SubnetOptions {
  newPrefix?: number;
  prefixlenDiff?: number;
  count?: number;
  hosts?: number[];
  strict: boolean;
}

const EXAMPLES = [
  'netkit ip subnet 10.0.0.0/24',
  'netkit ip subnet 10.0.0.0/16 --new-prefix 24 | head',
  'netkit ip subnet 2001:db8::/48 --prefixlen-diff 16 --json | head -3',
  'netkit ip subnet 192.168.0.0/24 --count 3',
  'netkit ip subnet 192.168.0.0/24 --hosts 100,50,20,2',
];

function parseHostList(value: string): number[] {
  const parts = value.split(',');
  if (!parts.every((p) => /^\d+$/.test(p.trim()) && Number(p) > 0)) throw new UsageError(`--hosts wants positive counts separated by commas, got '${value}'`);
  return parts.map(Number);
}

export function makeSubnetCommand(ctx: Context, run = runSubnet): Command {
  const cmd = new Command('subnet')
    .description("split a network: subnets() (prefixlen_diff=1 unless told), or into N equal parts, or VLSM by host counts")
    .argument('<NET>', 'the network')
    .addOption(new Option('--new-prefix <N>', 'prefix length of the subnets').argParser(parsePrefixOption('--new-prefix')))
    .addOption(new Option('--prefixlen-diff <N>', 'bits to add to the prefix (default 1)').argParser(parsePrefixOption('--prefixlen-diff')))
    .addOption(new Option('--count <N>', 'the first N subnets of the smallest power-of-two split into at least N equal parts').argParser(parsePrefixOption('--count')))
    .addOption(new Option('--hosts <LIST>', 'VLSM: the smallest subnet holding each host count (hosts() rules), packed in order').argParser(parseHostList))
    .option('--no-strict', 'ip_network(strict=False): allow host bits in NET')
    .action(async (net: string, opts: SubnetOptions) => {
      ctx.exitCode = await run(ctx, net, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runSubnet(ctx: Context, text: string, opts: SubnetOptions): Promise<number> {
  const modes = [opts.newPrefix, opts.prefixlenDiff, opts.count, opts.hosts].filter((v) => v !== undefined).length;
  if (modes > 1 && !(modes === 2 && opts.newPrefix !== undefined && opts.prefixlenDiff !== undefined)) {
    throw new UsageError('give one of --new-prefix, --prefixlen-diff, --count and --hosts');
  }
  const net: IPNetwork = ipNetwork(text, opts.strict);
  if (opts.hosts) {
    for (const { hosts, network } of vlsm(net, opts.hosts)) {
      ctx.out.record({ network: network.toString(), hosts, usable: usableHosts(network).toString() }, renderPlanned);
    }
    return 0;
  }
  if (opts.count !== undefined) {
    await writeNetworks(ctx, equalParts(net, opts.count));
    return 0;
  }
  const subnetOpts: { prefixlenDiff?: number; newPrefix?: number } = {};
  if (opts.newPrefix !== undefined) subnetOpts.newPrefix = opts.newPrefix;
  if (opts.prefixlenDiff !== undefined) subnetOpts.prefixlenDiff = opts.prefixlenDiff;
  await writeNetworks(ctx, net.subnets(subnetOpts));
  return 0;
}

/** `NETWORK HOSTS USABLE`: the subnet, the hosts asked for, the hosts it holds. */
function renderPlanned(r: { network: string; hosts: number; usable: string }): string {
  return `${r.network} ${r.hosts} ${r.usable}\n`;
}
