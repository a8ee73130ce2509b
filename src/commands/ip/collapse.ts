// `netkit ip collapse [ITEM ...]`: collapse_addresses() over addresses and networks, from
// arguments or stdin. Plain IPv4 addresses take a bulk path (a typed array, no objects),
// so a million of them collapse in well under a second.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { eachOperand } from '../../cli/batch.js';
import { IPv4Address } from '../../protocols/ip/address.js';
import { IPv4Network, type IPObject } from '../../protocols/ip/network.js';
import { collapseAddresses, collapseIPv4, eachCollapsedIPv4 } from '../../protocols/ip/ops.js';
import { quickV4, v4ToString } from '../../protocols/ip/text.js';
import { parseAddressOrNetwork } from './records.js';
import { writeNetworks } from './list-output.js';

const EXAMPLES = [
  'netkit ip collapse 192.168.0.0/25 192.168.0.128/25 192.168.1.0/24',
  'netkit ip collapse < addresses.txt',
  'netkit ip collapse 10.0.0.1 10.0.0.2 10.0.0.3 2001:db8::/33 2001:db8:8000::/33 --json',
];

export function makeCollapseCommand(ctx: Context, run = runCollapse): Command {
  const cmd = new Command('collapse')
    .description('the fewest networks covering every ITEM: collapse_addresses() (IPv4 then IPv6); stdin lines if none')
    .argument('[ITEM...]', 'addresses and networks')
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .action(async (items: string[], opts: { strict: boolean }) => {
      ctx.exitCode = await run(ctx, items, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

/** A growing Uint32Array of IPv4 values. */
class V4Values {
  values = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const bigger = new Uint32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = v;
  }
}

export async function runCollapse(ctx: Context, items: readonly string[], opts: { strict: boolean }): Promise<number> {
  const v4 = new V4Values();
  const others: IPObject[] = [];
  const summary = await eachOperand(
    ctx,
    items,
    'ITEM',
    (text) => {
      const value = quickV4(text);
      if (value >= 0) v4.push(value);
      else others.push(parseAddressOrNetwork(text, opts.strict));
    },
    (bytes, start, end) => {
      const value = quickV4(bytes, start, end);
      if (value < 0) return false;
      v4.push(value);
      return true;
    },
  );
  if (others.length === 0) {
    const values = v4.values.subarray(0, v4.length);
    if (ctx.flags.json) {
      await writeNetworks(ctx, collapseIPv4(values).map(([n, p]) => IPv4Network.build(new IPv4Address(n), p, true)));
    } else {
      eachCollapsedIPv4(values, (n, p) => ctx.out.write(`${v4ToString(n)}/${p}\n`));
    }
  } else {
    const all: IPObject[] = Array.from(v4.values.subarray(0, v4.length), (v) => IPv4Address.fromInt(v));
    await writeNetworks(ctx, collapseAddresses(all.concat(others)));
  }
  return summary.failed > 0 ? 1 : 0;
}
