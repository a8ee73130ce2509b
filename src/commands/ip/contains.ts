// `netkit ip contains NET ITEM ...`: `ITEM in NET` (a network ITEM: subnet_of); exit 0 when
// every ITEM is inside, 1 otherwise.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { eachOperand } from '../../cli/batch.js';
import { ipNetwork } from '../../protocols/ip/network.js';
import { parseAddressOrNetwork } from './records.js';
import { pyBool } from './relations.js';

export interface ContainsRecord {
  network: string;
  item: string;
  contains: boolean;
}

const EXAMPLES = [
  'netkit ip contains 10.0.0.0/8 10.1.2.3 && echo inside',
  'netkit ip contains 192.168.0.0/16 192.168.1.0/24 10.0.0.1',
  'netkit ip contains 2001:db8::/32 2001:db8::1 --json',
  'netkit ip contains 10.0.0.0/8 < addresses.txt',
];

export function makeContainsCommand(ctx: Context, run = runContains): Command {
  const cmd = new Command('contains')
    .description('is each ITEM inside NET? (`in`, or subnet_of for networks); exit 0 if all are, 1 if not')
    .argument('<NET>', 'the network')
    .argument('[ITEM...]', 'addresses or networks; stdin lines if none')
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .action(async (net: string, items: string[], opts: { strict: boolean }) => {
      ctx.exitCode = await run(ctx, net, items, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runContains(ctx: Context, netText: string, items: readonly string[], opts: { strict: boolean }): Promise<number> {
  const net = ipNetwork(netText, opts.strict);
  let outside = 0;
  const summary = await eachOperand(ctx, items, 'ITEM', (text) => {
    const item = parseAddressOrNetwork(text, opts.strict);
    const inside = 'prefixlen' in item ? item.version === net.version && item.subnet_of(net) : net.contains(item);
    if (!inside) outside++;
    ctx.out.record({ network: net.toString(), item: text, contains: inside }, renderContains);
  });
  return summary.failed > 0 || outside > 0 ? 1 : 0;
}

function renderContains(r: ContainsRecord): string {
  return `${r.item} ${pyBool(r.contains)}\n`;
}
