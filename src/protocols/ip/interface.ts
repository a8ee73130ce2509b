// ipaddress.IPv4Interface / IPv6Interface: an address together with the network it sits
// on ("192.0.2.5/24"). The address attributes and predicates are inherited from the
// address classes, as in CPython 3.11, including its quirks (an IPv4Interface is never
// is_unspecified; reverse_pointer is built from str(self), prefix length included).
import { pyRepr } from '../core/py-text.js';
import { IPv4Address, IPv6Address } from './address.js';
import { IPv4Network, IPv6Network, splitNetmask, tryBoth, v4Prefix, v6Prefix, type IPObject } from './network.js';
import { v4ToString, v6Exploded, v6ToString } from './text.js';

/** An IPv4 address on a network (ipaddress.IPv4Interface); address attributes are inherited. */
export class IPv4Interface extends IPv4Address {
  constructor(
    int: number,
    readonly network: IPv4Network,
  ) {
    super(int);
  }

  /** IPv4Interface(str): the network is built with strict=False. */
  static override parse(text: string): IPv4Interface {
    const [addr, mask] = splitNetmask(text);
    const ip = IPv4Address.parse(addr);
    return new IPv4Interface(ip.int, IPv4Network.build(ip, v4Prefix(mask), false));
  }

  get ip(): IPv4Address {
    return new IPv4Address(this.int);
  }

  get netmask(): IPv4Address {
    return this.network.netmask;
  }

  get hostmask(): IPv4Address {
    return this.network.hostmask;
  }

  override toString(): string {
    return `${v4ToString(this.int)}/${this.network.prefixlen}`;
  }

  get with_prefixlen(): string {
    return this.toString();
  }

  get with_netmask(): string {
    return `${v4ToString(this.int)}/${this.netmask}`;
  }

  get with_hostmask(): string {
    return `${v4ToString(this.int)}/${this.hostmask}`;
  }

  /** Python compares `self == IPv4Address('0.0.0.0')`, which an interface never is. */
  override get is_unspecified(): boolean {
    return false;
  }

  /** Python reverses the octets of str(self), so the prefix rides along ("4/24.3.2.1.in-addr.arpa"). */
  override get reverse_pointer(): string {
    return this.toString().split('.').reverse().join('.') + '.in-addr.arpa';
  }

  override equals(other: IPObject): boolean {
    return other instanceof IPv4Interface && other.int === this.int && other.network.equals(this.network);
  }
}

/** An IPv6 address on a network (ipaddress.IPv6Interface). */
export class IPv6Interface extends IPv6Address {
  constructor(
    int: bigint,
    scope: string | null,
    readonly network: IPv6Network,
  ) {
    super(int, scope);
  }

  /** IPv6Interface(str): the scope id stays on the address (and on the network if aligned). */
  static override parse(text: string): IPv6Interface {
    const [addr, mask] = splitNetmask(text);
    const ip = IPv6Address.parse(addr);
    return new IPv6Interface(ip.int, ip.scope_id, IPv6Network.build(ip, v6Prefix(mask), false));
  }

  /** The bare address (no scope id). */
  get ip(): IPv6Address {
    return new IPv6Address(this.int);
  }

  get netmask(): IPv6Address {
    return this.network.netmask;
  }

  get hostmask(): IPv6Address {
    return this.network.hostmask;
  }

  override toString(): string {
    return `${super.toString()}/${this.network.prefixlen}`;
  }

  override get exploded(): string {
    return `${v6Exploded(this.int)}/${this.network.prefixlen}`;
  }

  get with_prefixlen(): string {
    return `${v6ToString(this.int)}/${this.network.prefixlen}`;
  }

  get with_netmask(): string {
    return `${v6ToString(this.int)}/${this.netmask}`;
  }

  get with_hostmask(): string {
    return `${v6ToString(this.int)}/${this.hostmask}`;
  }

  override get is_unspecified(): boolean {
    return this.int === 0n && this.network.is_unspecified;
  }

  override get is_loopback(): boolean {
    return this.int === 1n && this.network.is_loopback;
  }

  override equals(other: IPObject): boolean {
    return other instanceof IPv6Interface && other.int === this.int && other.scope_id === this.scope_id && other.network.equals(this.network);
  }
}

export type IPInterface = IPv4Interface | IPv6Interface;

/** ip_interface(str). */
export function ipInterface(text: string): IPInterface {
  return tryBoth<IPInterface>(
    () => IPv4Interface.parse(text),
    () => IPv6Interface.parse(text),
    `${pyRepr(text)} does not appear to be an IPv4 or IPv6 interface`,
  );
}
