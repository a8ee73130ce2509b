// `netkit ip grep NET ... < text`: the lines that hold an address inside any NET, like
// grepcidr; -v, -c and -o as grep has them. Exit 0 when a line was selected, else 1.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { readLines } from '../../cli/batch.js';
import { ipNetwork, type IPNetwork } from '../../protocols/ip/network.js';
import { findAddresses } from '../../protocols/ip/find.js';
import type { IPAddress } from '../../protocols/ip/address.js';

export interface GrepOptions {
  invertMatch: boolean;
  count: boolean;
  onlyMatching: boolean;
  strict: boolean;
}

const EXAMPLES = [
  'netkit ip grep 10.0.0.0/8 192.168.0.0/16 < access.log',
  'netkit ip grep -v 10.0.0.0/8 < access.log',
  'netkit ip grep -c 2001:db8::/32 < access.log',
  'netkit ip grep -o 0.0.0.0/0 ::/0 < mail.log | sort -u',
];

export function makeGrepCommand(ctx: Context, run = runGrep): Command {
  const cmd = new Command('grep')
    .description('print lines of stdin that hold an address inside any NET (IPv4 and IPv6)')
    .argument('<NET...>', 'networks to look for')
    .option('-v, --invert-match', 'print the lines that do not', false)
    .option('-c, --count', 'print only the number of selected lines', false)
    .option('-o, --only-matching', 'print only the matching addresses, one per line', false)
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .action(async (nets: string[], opts: GrepOptions) => {
      ctx.exitCode = await run(ctx, nets, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export interface GrepRecord {
  line_number: number;
  line: string;
  matches: string[];
}

export async function runGrep(ctx: Context, netTexts: readonly string[], opts: GrepOptions): Promise<number> {
  if (opts.invertMatch && opts.onlyMatching) throw new UsageError('-o and -v cannot be used together');
  if (ctx.io.stdin.isTTY) throw new UsageError('ip grep reads the text to search from standard input');
  const nets: IPNetwork[] = netTexts.map((t) => ipNetwork(t, opts.strict));
  const inside = (a: IPAddress): boolean => nets.some((n) => n.version === a.version && n.contains(a));
  const out = ctx.out;
  let selected = 0;
  let number = 0;
  for await (const lines of readLines(ctx.io.stdin)) {
    for (const line of lines) {
      number++;
      if (line === null) continue;
      const matches = findAddresses(line).filter((f) => inside(f.address));
      if ((matches.length > 0) === opts.invertMatch) continue;
      selected++;
      if (opts.count) continue;
      if (opts.onlyMatching) {
        for (const m of matches) out.record({ line_number: number, line, matches: [m.address.toString()] }, () => line.slice(m.start, m.end) + '\n');
      } else {
        out.record<GrepRecord>({ line_number: number, line, matches: matches.map((m) => m.address.toString()) }, () => line + '\n');
      }
    }
    if (out.stdout.closed) break;
    if (out.stdout.full) await out.stdout.drain();
  }
  if (opts.count) out.record({ count: selected }, (r) => `${r.count}\n`);
  return selected > 0 ? 0 : 1;
}
