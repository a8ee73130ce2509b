// `netkit ip info ADDR|NET|IFACE ...`: everything Python's ipaddress knows about each operand.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { eachOperand } from '../../cli/batch.js';
import { IPv4Address } from '../../protocols/ip/address.js';
import { quickV4 } from '../../protocols/ip/text.js';
import { itemJSON, itemRecord, parseItem, type Item } from './records.js';
import { renderKeyValues } from '../../cli/key-values.js';

export interface InfoOptions {
  strict: boolean;
  interface: boolean;
}

const EXAMPLES = [
  'netkit ip info 192.168.1.10',
  'netkit ip info 10.0.0.0/8 --json',
  'netkit ip info --no-strict 10.1.2.3/8',
  'netkit ip info --interface 10.1.2.3/255.0.0.0',
  'netkit ip info 2001:db8::1 fe80::1%eth0 ::ffff:192.0.2.1',
  'cut -d" " -f1 access.log | netkit ip info --json',
];

export function makeInfoCommand(ctx: Context, run = runInfo): Command {
  const cmd = new Command('info')
    .description('show every attribute of addresses (ip_address), networks (ip_network) or interfaces (ip_interface)')
    .argument('[ITEM...]', 'ADDR, NET (ADDR/PREFIX, ADDR/NETMASK, ADDR/HOSTMASK) or an integer; stdin lines if none')
    .option('--no-strict', 'ip_network(strict=False): allow host bits in NET')
    .option('-i, --interface', 'read ADDR/PREFIX as an interface (ip_interface)', false)
    .action(async (items: string[], opts: InfoOptions) => {
      ctx.exitCode = await run(ctx, items, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runInfo(ctx: Context, items: readonly string[], opts: InfoOptions): Promise<number> {
  await ctx.out.useColors();
  const out = ctx.out;
  const write = (item: Item): void => out.record(item, (x, style) => renderKeyValues(itemRecord(x), style), itemJSON);
  const summary = await eachOperand(
    ctx,
    items,
    'ITEM',
    (text) => write(parseItem(text, { strict: opts.strict, iface: opts.interface })),
    // A plain IPv4 line is read from its bytes: no string is made for it.
    opts.interface
      ? undefined
      : (bytes, start, end) => {
          const value = quickV4(bytes, start, end);
          if (value < 0) return false;
          write({ kind: 'address', value: new IPv4Address(value) });
          return true;
        },
  );
  return summary.failed > 0 ? 1 : 0;
}
