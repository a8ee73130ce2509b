// Address planning beyond Python's ipaddress: a network cut into N equal parts, and VLSM
// (the smallest subnet for each host count, allocated in the order given).
import { PyTypeError, PyValueError } from '../core/errors.js';
import { IPv4Address, IPv6Address } from './address.js';
import { ipNetwork, type IPNetwork } from './network.js';

/** How many addresses hosts() yields for a prefix (Python 3.11: /31, /32, /127, /128 keep all; IPv6 keeps the last). */
export function usableHosts(n: IPNetwork): bigint {
  const size = n.num_addresses;
  if (n.prefixlen >= n.max_prefixlen - 1) return size;
  return n.version === 4 ? size - 2n : size - 1n;
}

function networkAt(version: 4 | 6, start: bigint, prefixlen: number): IPNetwork {
  const address = version === 4 ? IPv4Address.fromInt(start) : IPv6Address.fromInt(start);
  return ipNetwork(`${address.compressed}/${prefixlen}`);
}

/** The first `count` subnets of the smallest power-of-two split of `net` into at least `count` parts. */
export function* equalParts(net: IPNetwork, count: number): Generator<IPNetwork> {
  if (count < 1) throw new PyValueError('count must be at least 1');
  const bits = Math.ceil(Math.log2(count));
  if (net.prefixlen + bits > net.max_prefixlen) {
    throw new PyValueError(`${net} cannot be split into ${count} parts`);
  }
  const newPrefix = net.prefixlen + bits;
  let made = 0;
  for (const sub of net.subnets({ newPrefix })) {
    if (made++ === count) return;
    yield sub;
  }
}

/** The longest prefix whose hosts() holds `hosts` addresses, or -1 if none does. */
function prefixFor(version: 4 | 6, hosts: number): number {
  const max = version === 4 ? 32 : 128;
  if (hosts === 1) return max;
  if (hosts === 2) return max - 1;
  const needed = BigInt(hosts) + (version === 4 ? 2n : 1n);
  let bits = 0;
  while (1n << BigInt(bits) < needed) bits++;
  return max - bits;
}

export interface Planned {
  hosts: number;
  network: IPNetwork;
}

/**
 * VLSM: for each host count in order, the smallest subnet whose hosts() holds it, placed at
 * the next address aligned to its size. Fails if `net` runs out of room.
 */
export function vlsm(net: IPNetwork, hostCounts: readonly number[]): Planned[] {
  const version = net.version;
  const max = net.max_prefixlen;
  let next = net.network_address.bigint;
  const end = net.broadcast_address.bigint;
  const plan: Planned[] = [];
  for (const hosts of hostCounts) {
    const prefixlen = prefixFor(version, hosts);
    const size = 1n << BigInt(max - prefixlen);
    const start = ((next + size - 1n) / size) * size;
    if (prefixlen < net.prefixlen || start + size - 1n > end) {
      throw new PyValueError(`${net} has no room left for a subnet of ${hosts} hosts`);
    }
    plan.push({ hosts, network: networkAt(version, start, prefixlen) });
    next = start + size;
  }
  return plan;
}

/**
 * `NET` minus every network in `excluded`: address_exclude() applied to whichever piece
 * holds each one (a piece inside an excluded network goes whole), each piece replaced in
 * place by what address_exclude() yields, in its order: with one network excluded, the
 * output is Python's, order included. Python's errors for a network of the other
 * version or one outside `base` altogether.
 */
export function excludeAll(base: IPNetwork, excluded: readonly IPNetwork[]): IPNetwork[] {
  let pieces: IPNetwork[] = [base];
  for (const x of excluded) {
    if (x.version !== base.version) throw new PyTypeError(`${base} and ${x} are not of the same version`);
    if (!x.overlaps(base)) throw new PyValueError(`${x} not contained in ${base}`);
    const next: IPNetwork[] = [];
    for (const piece of pieces) {
      if (x.subnet_of(piece)) next.push(...piece.address_exclude(x));
      else if (!piece.subnet_of(x)) next.push(piece);
    }
    pieces = next;
  }
  return pieces;
}
