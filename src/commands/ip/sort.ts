// `netkit ip sort [ITEM ...]`: addresses and networks in Python's get_mixed_type_key order.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { eachOperand } from '../../cli/batch.js';
import { compareMixed } from '../../protocols/ip/ops.js';
import { itemRecord, parseItem, type Item } from './records.js';

const EXAMPLES = ['netkit ip sort 10.0.0.10 10.0.0.9 ::1 10.0.0.0/8', 'sort -u addresses.txt | netkit ip sort', 'netkit ip sort --json < list.txt'];

export function makeSortCommand(ctx: Context, run = runSort): Command {
  const cmd = new Command('sort')
    .description("sort addresses and networks as sorted(key=ipaddress.get_mixed_type_key) does; stdin lines if none")
    .argument('[ITEM...]', 'addresses, networks (ADDR/PREFIX) or, with --interface, interfaces')
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .option('-i, --interface', 'read ADDR/PREFIX as an interface (ip_interface)', false)
    .action(async (items: string[], opts: { strict: boolean; interface: boolean }) => {
      ctx.exitCode = await run(ctx, items, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runSort(ctx: Context, items: readonly string[], opts: { strict: boolean; interface: boolean }): Promise<number> {
  const parsed: Item[] = [];
  const summary = await eachOperand(ctx, items, 'ITEM', (text) => {
    parsed.push(parseItem(text, { strict: opts.strict, iface: opts.interface }));
  });
  parsed.sort((a, b) => compareMixed(a.value, b.value));
  const out = ctx.out;
  for (const item of parsed) {
    if (out.stdout.closed) break;
    out.record(ctx.flags.json ? itemRecord(item) : item.value, (x) => x.toString() + '\n');
    if (out.stdout.full) await out.stdout.drain();
  }
  return summary.failed > 0 ? 1 : 0;
}
