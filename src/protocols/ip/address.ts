// ipaddress.IPv4Address / IPv6Address: parsing exactly as CPython 3.11 does, every
// attribute it reports, and the special-purpose predicates (is_private / is_global from
// 3.13's corrected tables in special.ts, everything else as 3.11).
import { PyValueError } from '../core/errors.js';
import { pyRepr } from '../core/py-text.js';
import { AddressValueError } from './errors.js';
import * as special from './special.js';
import { V4_ALL_ONES, V6_ALL_ONES, parseV4Address, parseV4Int, parseV6Address, parseV6Int, v4ToString, v6Exploded, v6Hex, v6ToString } from './text.js';

/** An inclusive integer range compiled from a CIDR string of special.ts. */
export interface Block<T> {
  lo: T;
  hi: T;
}

function v4Block(cidr: string): Block<number> {
  const [addr, len] = cidr.split('/') as [string, string];
  const size = 2 ** (32 - Number(len));
  const lo = parseV4Int(addr);
  return { lo, hi: lo + size - 1 };
}

function v6Block(cidr: string): Block<bigint> {
  const [addr, len] = cidr.split('/') as [string, string];
  const lo = parseV6Int(addr);
  return { lo, hi: lo + (1n << BigInt(128 - Number(len))) - 1n };
}

/** The compiled IPv4 tables, for networks to test their endpoints against. */
export const V4 = {
  private: special.IPV4_PRIVATE.map(v4Block),
  privateExceptions: special.IPV4_PRIVATE_EXCEPTIONS.map(v4Block),
  shared: v4Block(special.IPV4_SHARED),
  reserved: v4Block(special.IPV4_RESERVED),
  loopback: v4Block(special.IPV4_LOOPBACK),
  linkLocal: v4Block(special.IPV4_LINK_LOCAL),
  multicast: v4Block(special.IPV4_MULTICAST),
};

/** The compiled IPv6 tables. */
export const V6 = {
  private: special.IPV6_PRIVATE.map(v6Block),
  privateExceptions: special.IPV6_PRIVATE_EXCEPTIONS.map(v6Block),
  reserved: special.IPV6_RESERVED.map(v6Block),
  linkLocal: v6Block(special.IPV6_LINK_LOCAL),
  siteLocal: v6Block(special.IPV6_SITE_LOCAL),
  multicast: v6Block(special.IPV6_MULTICAST),
};

/** `x in block`. */
export function inBlock<T extends number | bigint>(block: Block<T>, x: T): boolean {
  return block.lo <= x && x <= block.hi;
}

/** 3.13's is_private rule: inside some private block and outside every exception. */
export function inPrivate<T extends number | bigint>(tables: { private: Block<T>[]; privateExceptions: Block<T>[] }, x: T): boolean {
  return tables.private.some((b) => inBlock(b, x)) && !tables.privateExceptions.some((b) => inBlock(b, x));
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A single IPv4 address (ipaddress.IPv4Address); `int` is the uint32 value. */
export class IPv4Address {
  readonly version = 4 as const;
  readonly max_prefixlen = 32;

  constructor(readonly int: number) {}

  /** IPv4Address(str), with its AddressValueError messages. */
  static parse(text: string): IPv4Address {
    return new IPv4Address(parseV4Address(text));
  }

  /** IPv4Address(int): "%d (< 0) is not permitted..." / "(>= 2**32)". */
  static fromInt(value: bigint | number): IPv4Address {
    const n = BigInt(value);
    if (n < 0n) throw new AddressValueError(`${n} (< 0) is not permitted as an IPv4 address`);
    if (n > BigInt(V4_ALL_ONES)) throw new AddressValueError(`${n} (>= 2**32) is not permitted as an IPv4 address`);
    return new IPv4Address(Number(n));
  }

  /** The value as a bigint, whatever the family. */
  get bigint(): bigint {
    return BigInt(this.int);
  }

  private text: string | undefined;

  /** str(): dotted decimal. */
  toString(): string {
    return (this.text ??= v4ToString(this.int));
  }

  get compressed(): string {
    return this.toString();
  }

  get exploded(): string {
    return this.toString();
  }

  /** The four packed bytes as lower-case hex. */
  get packed(): string {
    const n = this.int;
    return HEX_BYTE[n >>> 24]! + HEX_BYTE[(n >>> 16) & 255] + HEX_BYTE[(n >>> 8) & 255] + HEX_BYTE[n & 255];
  }

  /** RFC 1035 §3.5: the octets of str(self) reversed, under in-addr.arpa. */
  get reverse_pointer(): string {
    const n = this.int;
    return `${n & 255}.${(n >>> 8) & 255}.${(n >>> 16) & 255}.${n >>> 24}.in-addr.arpa`;
  }

  get is_multicast(): boolean {
    return inBlock(V4.multicast, this.int);
  }

  get is_reserved(): boolean {
    return inBlock(V4.reserved, this.int);
  }

  /** 3.13: not globally reachable per the IANA registry (CVE-2024-4032 tables). */
  get is_private(): boolean {
    return inPrivate(V4, this.int);
  }

  /** 3.13: outside 100.64.0.0/10 (RFC 6598) and not private. */
  get is_global(): boolean {
    return !inBlock(V4.shared, this.int) && !this.is_private;
  }

  /** `self == IPv4Address('0.0.0.0')`: an interface never equals a bare address. */
  get is_unspecified(): boolean {
    return this.int === 0;
  }

  get is_loopback(): boolean {
    return inBlock(V4.loopback, this.int);
  }

  get is_link_local(): boolean {
    return inBlock(V4.linkLocal, this.int);
  }

  /** Python's `==` between addresses (same version and value). */
  equals(other: IPAddress): boolean {
    return other.version === 4 && other.int === this.int;
  }
}

/** A single IPv6 address (ipaddress.IPv6Address), with its optional RFC 4007 zone. */
export class IPv6Address {
  readonly version = 6 as const;
  readonly max_prefixlen = 128;

  constructor(
    readonly int: bigint,
    readonly scope_id: string | null = null,
  ) {}

  /** IPv6Address(str): scope id after '%', embedded dotted quad, AddressValueError messages. */
  static parse(text: string): IPv6Address {
    const [value, scope] = parseV6Address(text);
    return new IPv6Address(value, scope);
  }

  /** IPv6Address(int). */
  static fromInt(value: bigint): IPv6Address {
    if (value < 0n) throw new AddressValueError(`${value} (< 0) is not permitted as an IPv6 address`);
    if (value > V6_ALL_ONES) throw new AddressValueError(`${value} (>= 2**128) is not permitted as an IPv6 address`);
    return new IPv6Address(value);
  }

  get bigint(): bigint {
    return this.int;
  }

  /** str(): the compressed form, then "%scope" if there is one (3.11: no dotted quad). */
  toString(): string {
    const text = v6ToString(this.int);
    return this.scope_id ? `${text}%${this.scope_id}` : text;
  }

  get compressed(): string {
    return this.toString();
  }

  /**
   * Python re-parses str(self), so an address with a scope id raises AddressValueError
   * ("Only hex digits permitted in '1%eth0' in 'fe80::1%eth0'") just as 3.11 does.
   */
  get exploded(): string {
    return v6Exploded(parseV6Int(this.toString()));
  }

  get packed(): string {
    return v6Hex(this.int);
  }

  /** RFC 3596 §2.5: the nibbles of `exploded`, reversed, under ip6.arpa. */
  get reverse_pointer(): string {
    return reverseNibbles(this.exploded);
  }

  get is_multicast(): boolean {
    return inBlock(V6.multicast, this.int);
  }

  get is_reserved(): boolean {
    return V6.reserved.some((b) => inBlock(b, this.int));
  }

  get is_link_local(): boolean {
    return inBlock(V6.linkLocal, this.int);
  }

  get is_site_local(): boolean {
    return inBlock(V6.siteLocal, this.int);
  }

  /** 3.13: IPv4-mapped addresses answer for their IPv4 address; else the IANA tables. */
  get is_private(): boolean {
    const mapped = this.ipv4_mapped;
    if (mapped) return mapped.is_private;
    return inPrivate(V6, this.int);
  }

  /** 3.13: `not is_private` (so ::ffff:100.64.0.1 is global, unlike 100.64.0.1). */
  get is_global(): boolean {
    return !this.is_private;
  }

  get is_unspecified(): boolean {
    return this.int === 0n;
  }

  /** 3.11: only ::1 (3.13 also answers for IPv4-mapped loopback). */
  get is_loopback(): boolean {
    return this.int === 1n;
  }

  /** ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) gives a.b.c.d, else null. */
  get ipv4_mapped(): IPv4Address | null {
    if (this.int >> 32n !== 0xffffn) return null;
    return new IPv4Address(Number(this.int & 0xffffffffn));
  }

  /** Teredo (RFC 4380 §4): 2001::/32 gives [server, client (bits inverted)], else null. */
  get teredo(): [IPv4Address, IPv4Address] | null {
    if (this.int >> 96n !== 0x20010000n) return null;
    return [new IPv4Address(Number((this.int >> 64n) & 0xffffffffn)), new IPv4Address(Number(~this.int & 0xffffffffn))];
  }

  /** 6to4 (RFC 3056 §2): 2002:aabb:ccdd::/48 gives aa.bb.cc.dd, else null. */
  get sixtofour(): IPv4Address | null {
    if (this.int >> 112n !== 0x2002n) return null;
    return new IPv4Address(Number((this.int >> 80n) & 0xffffffffn));
  }

  /** Python's `==`: same version, value and scope id. */
  equals(other: IPAddress): boolean {
    return other.version === 6 && other.int === this.int && other.scope_id === this.scope_id;
  }
}

export type IPAddress = IPv4Address | IPv6Address;

/** "x.x.x...ip6.arpa" from exploded text (which may carry "/len", as Python's does). */
export function reverseNibbles(exploded: string): string {
  return Array.from(exploded.replace(/:/g, '')).reverse().join('.') + '.ip6.arpa';
}

function isFamilyError(e: unknown): boolean {
  return e instanceof AddressValueError || (e instanceof PyValueError && e.name === 'NetmaskValueError');
}

/** ip_address(str): IPv4 first, then IPv6; ValueError if neither parses. */
export function ipAddress(text: string): IPAddress {
  try {
    return IPv4Address.parse(text);
  } catch (e) {
    if (!isFamilyError(e)) throw e;
  }
  try {
    return IPv6Address.parse(text);
  } catch (e) {
    if (!isFamilyError(e)) throw e;
  }
  throw new PyValueError(`${pyRepr(text)} does not appear to be an IPv4 or IPv6 address`);
}

/** ip_address(int): IPv4 below 2**32, else IPv6; ValueError for a negative or > 128-bit value. */
export function ipAddressFromInt(value: bigint): IPAddress {
  if (value >= 0n && value <= BigInt(V4_ALL_ONES)) return new IPv4Address(Number(value));
  if (value >= 0n && value <= V6_ALL_ONES) return new IPv6Address(value);
  throw new PyValueError(`${value} does not appear to be an IPv4 or IPv6 address`);
}
