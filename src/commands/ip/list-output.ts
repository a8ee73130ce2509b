// Streams a (possibly huge, lazily generated) list of networks or addresses: one per line,
// or one JSON record per line, waiting whenever stdout pushes back.
import type { Context } from '../../cli/context.js';
import type { IPAddress } from '../../protocols/ip/address.js';
import type { IPNetwork } from '../../protocols/ip/network.js';
import { addressRecord, networkRecord } from './records.js';

const line = (x: { toString(): string }): string => x.toString() + '\n';

export async function writeNetworks(ctx: Context, networks: Iterable<IPNetwork>): Promise<void> {
  const out = ctx.out;
  for (const n of networks) {
    if (out.stdout.closed) return;
    out.record(ctx.flags.json ? networkRecord(n) : n, line);
    if (out.stdout.full) await out.stdout.drain();
  }
}

export async function writeAddresses(ctx: Context, addresses: Iterable<IPAddress>): Promise<void> {
  const out = ctx.out;
  for (const a of addresses) {
    if (out.stdout.closed) return;
    out.record(ctx.flags.json ? addressRecord(a) : a, line);
    if (out.stdout.full) await out.stdout.drain();
  }
}
