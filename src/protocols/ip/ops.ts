// Operations on lists of addresses and networks: ipaddress.collapse_addresses,
// summarize_address_range and get_mixed_type_key, plus bulk paths that collapse a million
// IPv4 values (plain numbers in a Uint32Array) or IPv6 values (bigint) without objects.
import { PyTypeError, PyValueError } from '../core/errors.js';
import { IPv4Address, IPv6Address, type IPAddress } from './address.js';
import { IPv4Interface, IPv4Network, IPv6Interface, IPv6Network, addressEquals, type IPNetwork, type IPObject } from './network.js';

/** [network value, prefix length] pairs, as the bulk paths return them. */
export type V4Block = [number, number];
export type V6Block = [bigint, number];

function isNetwork(x: IPObject): x is IPNetwork {
  return x instanceof IPv4Network || x instanceof IPv6Network;
}

function makeNetwork(version: 4 | 6, value: bigint, prefixlen: number): IPNetwork {
  return version === 4 ? new IPv4Network(new IPv4Address(Number(value)), prefixlen) : new IPv6Network(new IPv6Address(value), prefixlen);
}

/**
 * Python's `a > b` for addresses: total_ordering's `not a < b and a != b`, so equal values
 * with different scope ids count as greater. Interfaces: IPv4Interface.__lt__ against a
 * bare address returns False (it looks for `other.network`), so an interface is always
 * "greater" than an address and an address never greater than an interface.
 */
function greater(a: IPAddress, b: IPAddress): boolean {
  const ai = isInterface(a);
  const bi = isInterface(b);
  if (ai !== bi) return ai;
  let less = a.bigint < b.bigint;
  if (ai) {
    const na = (a as IPv4Interface).network;
    const nb = (b as IPv4Interface).network;
    less = na.compare(nb as IPv4Network) < 0 || (na.equals(nb) && less);
  }
  return !less && !addressEquals(a, b);
}

/** The blocks covering [first, last] with bigint arithmetic (the loop of summarize_address_range). */
function summarizeBig(first: bigint, last: bigint, bits: number): V6Block[] {
  const out: V6Block[] = [];
  const allOnes = (1n << BigInt(bits)) - 1n;
  while (first <= last) {
    const zeros = first === 0n ? bits : Math.min(bits, trailingZeros(first));
    const nbits = Math.min(zeros, bitLength(last - first + 1n) - 1);
    out.push([first, bits - nbits]);
    first += 1n << BigInt(nbits);
    if (first - 1n === allOnes) break;
  }
  return out;
}

function trailingZeros(n: bigint): number {
  return bitLength(n & -n) - 1;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * summarize_address_range(first, last): the fewest CIDR blocks covering first..last.
 * TypeError for networks or mixed versions, ValueError if last < first.
 */
export function summarizeAddressRange(first: IPObject, last: IPObject): IPNetwork[] {
  if (isNetwork(first) || isNetwork(last)) throw new PyTypeError('first and last must be IP addresses, not networks');
  if (first.version !== last.version) throw new PyTypeError(`${first} and ${last} are not of the same version`);
  if (greater(first, last)) throw new PyValueError('last IP address must be greater than first');
  if (first.version === 4) return summarizeIPv4(first.int, (last as IPv4Address).int).map(([n, p]) => makeNetwork(4, BigInt(n), p));
  return summarizeBig(first.int, (last as IPv6Address).int, 128).map(([n, p]) => makeNetwork(6, n, p));
}

/** Receives one CIDR block: network value and prefix length. */
export type V4Emit = (network: number, prefixlen: number) => void;

/** The CIDR blocks covering the uint32 range [first, last], with number arithmetic only. */
export function eachSummaryIPv4(first: number, last: number, emit: V4Emit): void {
  while (first <= last) {
    // Trailing zero bits of `first` (32 for 0); `first & -first` is its lowest set bit.
    const zeros = first === 0 ? 32 : 31 - Math.clz32(first & -first);
    const size = last - first + 1; // up to 2**32, so not through clz32 directly
    const sizeBits = size >= 0x100000000 ? 32 : 31 - Math.clz32(size);
    const nbits = Math.min(zeros, sizeBits);
    emit(first, 32 - nbits);
    first += 2 ** nbits;
  }
}

/** eachSummaryIPv4, collected. */
export function summarizeIPv4(first: number, last: number, out: V4Block[] = []): V4Block[] {
  eachSummaryIPv4(first, last, (n, p) => out.push([n, p]));
  return out;
}

/**
 * Bulk collapse of IPv4 addresses: sort, merge consecutive values into ranges, summarize
 * each range. The blocks equal collapse_addresses() on the same addresses (ranges are
 * separated by gaps, so their blocks never merge further), in order, handed to `emit`
 * one by one so a million of them need no million objects. `values` is sorted in place.
 */
export function eachCollapsedIPv4(values: Uint32Array, emit: V4Emit): void {
  if (values.length === 0) return;
  values.sort();
  let first = values[0]!;
  let last = first;
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    if (v === last || v === last + 1) last = v;
    else {
      eachSummaryIPv4(first, last, emit);
      first = last = v;
    }
  }
  eachSummaryIPv4(first, last, emit);
}

/** eachCollapsedIPv4, collected. */
export function collapseIPv4(values: Uint32Array): V4Block[] {
  const out: V4Block[] = [];
  eachCollapsedIPv4(values, (n, p) => out.push([n, p]));
  return out;
}

/** Bulk collapse of IPv6 addresses given as bigint values (the same method as collapseIPv4). */
export function collapseIPv6(values: readonly bigint[]): V6Block[] {
  const out: V6Block[] = [];
  if (values.length === 0) return out;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let first = sorted[0]!;
  let last = first;
  for (let i = 1; i < sorted.length; i++) {
    const v = sorted[i]!;
    if (v === last || v === last + 1n) last = v;
    else {
      out.push(...summarizeBig(first, last, 128));
      first = last = v;
    }
  }
  out.push(...summarizeBig(first, last, 128));
  return out;
}

/** _collapse_addresses_internal: merge sibling blocks upward, then drop subsumed ones. */
function collapseNetworks(nets: IPNetwork[]): IPNetwork[] {
  const toMerge = [...nets];
  const bySupernet = new Map<string, IPNetwork>();
  while (toMerge.length > 0) {
    const net = toMerge.pop()!;
    const supernet = net.supernet();
    const key = `${supernet.network_address.bigint}/${supernet.prefixlen}`;
    const existing = bySupernet.get(key);
    if (existing === undefined) bySupernet.set(key, net);
    else if (!existing.equals(net)) {
      bySupernet.delete(key);
      toMerge.push(supernet);
    }
  }
  const sorted = [...bySupernet.values()].sort((a, b) => (a as IPv4Network).compare(b));
  const out: IPNetwork[] = [];
  let lastBroadcast = -1n;
  for (const net of sorted) {
    if (out.length > 0 && lastBroadcast >= net.broadcast_address.bigint) continue;
    out.push(net);
    lastBroadcast = net.broadcast_address.bigint;
  }
  return out;
}

/**
 * collapse_addresses for one version. Addresses (and /32, /128 networks) go through the
 * bulk path: Python's sort, range finding and summarizing give the minimal cover of the
 * address set, which is what summarizing the merged ranges gives too (a repeated value
 * with another scope id only splits a range, and the merge step joins the halves again).
 */
function collapseFamily(version: 4 | 6, items: IPObject[]): IPNetwork[] {
  const values: (number | bigint)[] = [];
  const nets: IPNetwork[] = [];
  for (const item of items) {
    if (!isNetwork(item)) values.push(item.int);
    else if (item.prefixlen === item.max_prefixlen) values.push(item.network_address.int);
    else nets.push(item);
  }
  const blocks: IPNetwork[] =
    version === 4
      ? collapseIPv4(Uint32Array.from(values as number[])).map(([n, p]) => new IPv4Network(new IPv4Address(n), p))
      : collapseIPv6(values as bigint[]).map(([n, p]) => new IPv6Network(new IPv6Address(n), p));
  return nets.length === 0 ? blocks : collapseNetworks([...blocks, ...nets]);
}

/**
 * collapse_addresses(items): the minimal CIDR cover, as Python computes it. Extension:
 * IPv4 and IPv6 items are collapsed separately (IPv4 first) where Python raises TypeError.
 * Interfaces count as their address, like Python's (they are addresses there).
 */
export function collapseAddresses(items: readonly IPObject[]): IPNetwork[] {
  const v4 = items.filter((x) => x.version === 4);
  const v6 = items.filter((x) => x.version === 6);
  return [...(v4.length ? collapseFamily(4, v4) : []), ...(v6.length ? collapseFamily(6, v6) : [])];
}

function isInterface(x: IPObject): boolean {
  return x instanceof IPv4Interface || x instanceof IPv6Interface;
}

/**
 * get_mixed_type_key(x): networks sort as (version, network_address, netmask), addresses as
 * (version, address). Returned as [version, class, value, prefixlen] for compareMixed.
 */
export function getMixedTypeKey(x: IPObject): [number, number, bigint, number] {
  if (isNetwork(x)) return [x.version, 0, x.network_address.bigint, x.prefixlen];
  return [x.version, isInterface(x) ? 1 : 0, x.bigint, -1];
}

/**
 * A comparator giving Python's `sorted(items, key=get_mixed_type_key)` order: by version;
 * addresses and networks by value, an address before a network at the same value, then
 * the shorter netmask first. Interfaces sort after every address and network of their
 * version (Python's tuple comparison of an interface with them always says "greater"),
 * and among themselves by network, then address. Returns 0 for Python's "neither is
 * less" (e.g. the same value with different scope ids), which a stable sort keeps in order.
 */
export function compareMixed(a: IPObject, b: IPObject): number {
  if (a.version !== b.version) return a.version - b.version;
  const ai = isInterface(a);
  const bi = isInterface(b);
  if (ai !== bi) return ai ? 1 : -1;
  if (ai && bi) {
    const na = (a as IPv4Interface).network;
    const nb = (b as IPv4Interface).network;
    const byNet = na.equals(nb) ? 0 : na.compare(nb as IPv4Network);
    if (byNet !== 0) return byNet;
    const x = (a as IPAddress).bigint;
    const y = (b as IPAddress).bigint;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const av = isNetwork(a) ? a.network_address : (a as IPAddress);
  const bv = isNetwork(b) ? b.network_address : (b as IPAddress);
  if (av.bigint !== bv.bigint) return av.bigint < bv.bigint ? -1 : 1;
  if (!addressEquals(av, bv)) return 0;
  const ap = isNetwork(a) ? a.prefixlen : -1;
  const bp = isNetwork(b) ? b.prefixlen : -1;
  return ap - bp;
}
