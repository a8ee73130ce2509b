// ipaddress.IPv4Network / IPv6Network and IPv4Interface / IPv6Interface: CPython 3.11's
// parsing ("addr/prefix", "/netmask", "/hostmask"), attributes, hosts(), subnets(),
// supernet(), address_exclude() and containment tests, with Python's exact errors.
// is_private / is_global use 3.13's tables (special.ts), like the addresses. The
// interface classes live in interface.ts and are re-exported here.
import { PyTypeError, PyValueError } from '../core/errors.js';
import { pyRepr } from '../core/py-text.js';
import { IPv4Address, IPv6Address, V4, V6, inBlock, reverseNibbles, type IPAddress } from './address.js';
import { AddressValueError, NetmaskValueError } from './errors.js';
import type { IPInterface } from './interface.js';
import { V4_ALL_ONES, V6_ALL_ONES, parseV4Int, parseV6Int, v6Exploded } from './text.js';

export { IPv4Interface, IPv6Interface, ipInterface, type IPInterface } from './interface.js';

/** Options of subnets() and supernet(): Python's prefixlen_diff and new_prefix. */
export interface PrefixOptions {
  prefixlenDiff?: number;
  newPrefix?: number;
}

/** _split_optional_netmask: "addr[/mask]" into its parts. */
export function splitNetmask(text: string): [string, string | undefined] {
  const parts = text.split('/');
  if (parts.length > 2) throw new AddressValueError(`Only one '/' permitted in ${pyRepr(text)}`);
  return [parts[0]!, parts[1]];
}

function invalidNetmask(mask: string): never {
  throw new NetmaskValueError(`${pyRepr(mask)} is not a valid netmask`);
}

/** _prefix_from_prefix_string: ASCII digits only (no sign, no spaces), 0..max. */
function prefixFromPrefixString(mask: string, max: number): number {
  if (!/^[0-9]+$/.test(mask)) invalidNetmask(mask);
  const n = Number(mask);
  if (!(n >= 0 && n <= max)) invalidNetmask(mask);
  return n;
}

/** _prefix_from_ip_int for 32 bits: the prefix of a ones-then-zeros mask, or undefined. */
function prefixFromV4Int(mask: number): number | undefined {
  if (mask === 0) return 0;
  const trailing = 31 - Math.clz32(mask & -mask);
  const prefixlen = 32 - trailing;
  return mask / 2 ** trailing === 2 ** prefixlen - 1 ? prefixlen : undefined;
}

/** IPv4 _make_netmask(str): a prefix length, else a netmask, else a hostmask. */
export function v4Prefix(mask: string | undefined): number {
  if (mask === undefined) return 32;
  try {
    return prefixFromPrefixString(mask, 32);
  } catch (e) {
    if (!(e instanceof NetmaskValueError)) throw e;
  }
  let value: number;
  try {
    value = parseV4Int(mask);
  } catch (e) {
    if (e instanceof AddressValueError) invalidNetmask(mask);
    throw e;
  }
  return prefixFromV4Int(value) ?? prefixFromV4Int((value ^ V4_ALL_ONES) >>> 0) ?? invalidNetmask(mask);
}

/** IPv6 _make_netmask(str): only a prefix length is accepted. */
export function v6Prefix(mask: string | undefined): number {
  return mask === undefined ? 128 : prefixFromPrefixString(mask, 128);
}

/** Python's AssertionError (address_exclude's "cannot happen", reachable with scope ids). */
function assertionError(message: string): Error {
  const e = new Error(message);
  e.name = 'AssertionError';
  return e;
}

/** What the two network classes share; all arithmetic is on bigint. */
abstract class BaseNetwork<A extends IPAddress> {
  abstract readonly version: 4 | 6;
  abstract readonly max_prefixlen: number;
  protected abstract readonly allOnes: bigint;
  /** An address of this family from its value (no scope id). */
  protected abstract make(value: bigint): A;
  /** A network of this class from (value, prefixlen), as Python's tuple constructor. */
  protected abstract create(value: bigint, prefixlen: number): this;
  abstract get exploded(): string;
  abstract get reverse_pointer(): string;
  abstract get is_private(): boolean;
  abstract get is_global(): boolean;

  constructor(
    readonly network_address: A,
    readonly prefixlen: number,
  ) {}

  protected get netInt(): bigint {
    return this.network_address.bigint;
  }

  protected get maskInt(): bigint {
    return this.allOnes ^ (this.allOnes >> BigInt(this.prefixlen));
  }

  protected get broadcastInt(): bigint {
    return this.netInt | (this.maskInt ^ this.allOnes);
  }

  get netmask(): A {
    return this.make(this.maskInt);
  }

  get hostmask(): A {
    return this.make(this.maskInt ^ this.allOnes);
  }

  get broadcast_address(): A {
    return this.make(this.broadcastInt);
  }

  get num_addresses(): bigint {
    return this.broadcastInt - this.netInt + 1n;
  }

  /** str(): "network_address/prefixlen" (a scope id on the address shows). */
  toString(): string {
    return `${this.network_address}/${this.prefixlen}`;
  }

  get compressed(): string {
    return this.toString();
  }

  get with_prefixlen(): string {
    return this.toString();
  }

  get with_netmask(): string {
    return `${this.network_address}/${this.netmask}`;
  }

  get with_hostmask(): string {
    return `${this.network_address}/${this.hostmask}`;
  }

  /** Every address, network and broadcast included (Python's __iter__). */
  *addresses(): Generator<A> {
    const end = this.broadcastInt;
    for (let x = this.netInt; x <= end; x++) yield this.make(x);
  }

  [Symbol.iterator](): Iterator<A> {
    return this.addresses();
  }

  /**
   * Python's hosts(): /31 (/127) gives both addresses, /32 (/128) the address itself (with
   * its scope id), IPv4 otherwise drops network and broadcast, IPv6 only the
   * Subnet-Router anycast address (RFC 4291 §2.6.1).
   */
  *hosts(): Generator<A> {
    if (this.prefixlen === this.max_prefixlen - 1) return yield* this.addresses();
    if (this.prefixlen === this.max_prefixlen) return yield this.network_address;
    const end = this.version === 4 ? this.broadcastInt - 1n : this.broadcastInt;
    for (let x = this.netInt + 1n; x <= end; x++) yield this.make(x);
  }

  /** `addr in net`: false for another version or for a network. */
  contains(other: IPObject): boolean {
    if (other.version !== this.version || other instanceof BaseNetwork) return false;
    return (other.bigint & this.maskInt) === this.netInt;
  }

  overlaps(other: IPNetwork): boolean {
    return other.contains(this.network_address) || other.contains(this.broadcast_address) || this.contains(other.network_address) || this.contains(other.broadcast_address);
  }

  /** Python's `==`: version, network address (scope id included) and netmask. */
  equals(other: AnyIP): boolean {
    return other instanceof BaseNetwork && other.version === this.version && addressEquals(this.network_address, other.network_address) && other.prefixlen === this.prefixlen;
  }

  subnet_of(other: AnyIP): boolean {
    return isSubnetOf(this, other);
  }

  supernet_of(other: AnyIP): boolean {
    return isSubnetOf(other, this);
  }

  /** subnets(prefixlen_diff=1, new_prefix=None); a generator, so errors come on first use. */
  *subnets(opts: PrefixOptions = {}): Generator<this> {
    if (this.prefixlen === this.max_prefixlen) return yield this;
    let diff = opts.prefixlenDiff ?? 1;
    if (opts.newPrefix !== undefined) {
      if (opts.newPrefix < this.prefixlen) throw new PyValueError('new prefix must be longer');
      if (diff !== 1) throw new PyValueError('cannot set prefixlen_diff and new_prefix');
      diff = opts.newPrefix - this.prefixlen;
    }
    if (diff < 0) throw new PyValueError('prefix length diff must be > 0');
    const newLen = this.prefixlen + diff;
    if (newLen > this.max_prefixlen) throw new PyValueError(`prefix length diff ${newLen} is invalid for netblock ${this}`);
    const end = this.broadcastInt;
    const step = ((this.maskInt ^ this.allOnes) + 1n) >> BigInt(diff);
    for (let x = this.netInt; x <= end; x += step) yield this.create(x, newLen);
  }

  /** supernet(prefixlen_diff=1, new_prefix=None); /0 returns itself whatever is asked. */
  supernet(opts: PrefixOptions = {}): this {
    if (this.prefixlen === 0) return this;
    let diff = opts.prefixlenDiff ?? 1;
    if (opts.newPrefix !== undefined) {
      if (opts.newPrefix > this.prefixlen) throw new PyValueError('new prefix must be shorter');
      if (diff !== 1) throw new PyValueError('cannot set prefixlen_diff and new_prefix');
      diff = this.prefixlen - opts.newPrefix;
    }
    const newLen = this.prefixlen - diff;
    if (newLen < 0) throw new PyValueError(`current prefixlen is ${this.prefixlen}, cannot have a prefixlen_diff of ${diff}`);
    if (diff < 0) throw new PyValueError('negative shift count');
    return this.create(this.netInt & (this.maskInt << BigInt(diff)), newLen);
  }

  /** The two halves, as Python's `s1, s2 = net.subnets()` (which fails on a /max). */
  private halves(): [this, this] {
    const parts = [...this.subnets()];
    if (parts.length !== 2) throw new PyValueError(`not enough values to unpack (expected 2, got ${parts.length})`);
    return parts as [this, this];
  }

  /** address_exclude(other): this network minus `other`, largest blocks first. */
  *address_exclude(other: IPObject): Generator<this> {
    if (other.version !== this.version) throw new PyTypeError(`${this} and ${other} are not of the same version`);
    if (!(other instanceof BaseNetwork)) throw new PyTypeError(`${other} is not a network object`);
    if (!other.subnet_of(this)) throw new PyValueError(`${other} not contained in ${this}`);
    if (other.equals(this)) return;
    let [s1, s2] = this.halves();
    while (!s1.equals(other) && !s2.equals(other)) {
      if (other.subnet_of(s1)) {
        yield s2;
        [s1, s2] = s1.halves();
      } else if (other.subnet_of(s2)) {
        yield s1;
        [s1, s2] = s2.halves();
      } else {
        throw assertionError(`Error performing exclusion: s1: ${s1} s2: ${s2} other: ${other}`);
      }
    }
    if (s1.equals(other)) yield s2;
    else if (s2.equals(other)) yield s1;
    else throw assertionError(`Error performing exclusion: s1: ${s1} s2: ${s2} other: ${other}`);
  }

  /** Python's `<` between networks of one version: network address, then netmask. */
  compare(other: IPNetwork): number {
    const a = this.netInt;
    const b = other.network_address.bigint;
    if (a !== b) return a < b ? -1 : 1;
    return this.prefixlen - other.prefixlen;
  }

  get is_multicast(): boolean {
    return this.network_address.is_multicast && this.broadcast_address.is_multicast;
  }

  get is_reserved(): boolean {
    return this.network_address.is_reserved && this.broadcast_address.is_reserved;
  }

  get is_link_local(): boolean {
    return this.network_address.is_link_local && this.broadcast_address.is_link_local;
  }

  get is_unspecified(): boolean {
    return this.network_address.is_unspecified && this.broadcast_address.is_unspecified;
  }

  get is_loopback(): boolean {
    return this.network_address.is_loopback && this.broadcast_address.is_loopback;
  }
}

/** 3.13's network is_private: both ends in one private block, neither in an exception. */
function privateRange<T extends number | bigint>(tables: typeof V4 | typeof V6, lo: T, hi: T): boolean {
  const blocks = tables.private as { lo: T; hi: T }[];
  const holes = tables.privateExceptions as { lo: T; hi: T }[];
  return blocks.some((b) => inBlock(b, lo) && inBlock(b, hi)) && holes.every((b) => !inBlock(b, lo) && !inBlock(b, hi));
}

/** An IPv4 network (ipaddress.IPv4Network). */
export class IPv4Network extends BaseNetwork<IPv4Address> {
  readonly version = 4 as const;
  readonly max_prefixlen = 32;
  protected readonly allOnes = BigInt(V4_ALL_ONES);

  /** IPv4Network(str, strict): prefix, netmask or hostmask after '/'. */
  static parse(text: string, strict = true): IPv4Network {
    const [addr, mask] = splitNetmask(text);
    return IPv4Network.build(IPv4Address.parse(addr), v4Prefix(mask), strict);
  }

  /** The checks of __init__ once address and prefix length are known. */
  static build(address: IPv4Address, prefixlen: number, strict: boolean): IPv4Network {
    const mask = prefixlen === 0 ? 0 : (V4_ALL_ONES << (32 - prefixlen)) >>> 0;
    const masked = (address.int & mask) >>> 0;
    if (masked !== address.int) {
      if (strict) throw new PyValueError(`${address}/${prefixlen} has host bits set`);
      address = new IPv4Address(masked);
    }
    return new IPv4Network(address, prefixlen);
  }

  protected make(value: bigint): IPv4Address {
    return new IPv4Address(Number(value));
  }

  protected create(value: bigint, prefixlen: number): this {
    return new IPv4Network(new IPv4Address(Number(value)), prefixlen) as this;
  }

  get exploded(): string {
    return this.toString();
  }

  get reverse_pointer(): string {
    return this.toString().split('.').reverse().join('.') + '.in-addr.arpa';
  }

  get is_private(): boolean {
    return privateRange(V4, this.network_address.int, this.broadcast_address.int);
  }

  /** Not inside 100.64.0.0/10 (RFC 6598) and not private. */
  get is_global(): boolean {
    const shared = inBlock(V4.shared, this.network_address.int) && inBlock(V4.shared, this.broadcast_address.int);
    return !shared && !this.is_private;
  }
}

/** An IPv6 network (ipaddress.IPv6Network). */
export class IPv6Network extends BaseNetwork<IPv6Address> {
  readonly version = 6 as const;
  readonly max_prefixlen = 128;
  protected readonly allOnes = V6_ALL_ONES;

  /** IPv6Network(str, strict): only a prefix length after '/'. */
  static parse(text: string, strict = true): IPv6Network {
    const [addr, mask] = splitNetmask(text);
    return IPv6Network.build(IPv6Address.parse(addr), v6Prefix(mask), strict);
  }

  /** A scope id survives only when no host bits had to be cleared. */
  static build(address: IPv6Address, prefixlen: number, strict: boolean): IPv6Network {
    const mask = V6_ALL_ONES ^ (V6_ALL_ONES >> BigInt(prefixlen));
    if ((address.int & mask) !== address.int) {
      if (strict) throw new PyValueError(`${address}/${prefixlen} has host bits set`);
      address = new IPv6Address(address.int & mask);
    }
    return new IPv6Network(address, prefixlen);
  }

  protected make(value: bigint): IPv6Address {
    return new IPv6Address(value);
  }

  protected create(value: bigint, prefixlen: number): this {
    return new IPv6Network(new IPv6Address(value), prefixlen) as this;
  }

  /** Python re-parses str(network_address): a scope id makes this raise. */
  get exploded(): string {
    return `${v6Exploded(parseV6Int(this.network_address.toString()))}/${this.prefixlen}`;
  }

  get reverse_pointer(): string {
    return reverseNibbles(this.exploded);
  }

  get is_site_local(): boolean {
    return this.network_address.is_site_local && this.broadcast_address.is_site_local;
  }

  get is_private(): boolean {
    return privateRange(V6, this.network_address.int, this.broadcast_address.int);
  }

  get is_global(): boolean {
    return !this.is_private;
  }
}

export type IPNetwork = IPv4Network | IPv6Network;

/** Anything ipaddress can make: an address, a network or an interface. */
export type IPObject = IPAddress | IPNetwork | IPInterface;
// What the base class sees of `this` and its arguments.
type AnyIP = IPAddress | BaseNetwork<IPAddress>;

/** Python's `==` between two addresses; an interface never equals a bare address. */
export function addressEquals(a: IPAddress, b: IPAddress): boolean {
  if ('network' in b && !('network' in a)) return false;
  return a.equals(b);
}

/** _is_subnet_of(a, b): `<=` on network addresses is total_ordering's (lt or ==, scope ids count). */
function isSubnetOf(a: AnyIP, b: AnyIP): boolean {
  if (a.version !== b.version) throw new PyTypeError(`${a} and ${b} are not of the same version`);
  if (!(a instanceof BaseNetwork && b instanceof BaseNetwork)) throw new PyTypeError(`Unable to test subnet containment between ${a} and ${b}`);
  const aNet = a.network_address as IPAddress;
  const bNet = b.network_address as IPAddress;
  const le = bNet.bigint < aNet.bigint || addressEquals(bNet, aNet);
  return le && b.broadcast_address.bigint >= a.broadcast_address.bigint;
}

function isFamilyError(e: unknown): boolean {
  return e instanceof AddressValueError || e instanceof NetmaskValueError;
}

export function tryBoth<T>(v4: () => T, v6: () => T, message: string): T {
  try {
    return v4();
  } catch (e) {
    if (!isFamilyError(e)) throw e;
  }
  try {
    return v6();
  } catch (e) {
    if (!isFamilyError(e)) throw e;
  }
  throw new PyValueError(message);
}

/** ip_network(str, strict): "has host bits set" escapes; family errors become one ValueError. */
export function ipNetwork(text: string, strict = true): IPNetwork {
  return tryBoth<IPNetwork>(
    () => IPv4Network.parse(text, strict),
    () => IPv6Network.parse(text, strict),
    `${pyRepr(text)} does not appear to be an IPv4 or IPv6 network`,
  );
}
