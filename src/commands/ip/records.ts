// Operands of `netkit ip` (address, network or interface text) and their records: Python's
// attribute names and values, big integers as strings; and the human `key: value` form.
import { IPv4Address, IPv6Address, ipAddress, ipAddressFromInt, type IPAddress } from '../../protocols/ip/address.js';
import { ipInterface, ipNetwork, type IPInterface, type IPNetwork } from '../../protocols/ip/network.js';

export type Item = { kind: 'address'; value: IPAddress } | { kind: 'network'; value: IPNetwork } | { kind: 'interface'; value: IPInterface };

export interface ParseOptions {
  /** ip_network(strict=False): host bits may be set. */
  strict: boolean;
  /** Read a NET-looking operand as ip_interface. */
  iface: boolean;
}

const DIGITS = /^[0-9]+$/;

/**
 * An operand as the user means it: all digits is ip_address(int) (beyond Python's str
 * parsing), text with "/" is ip_network (or ip_interface with --interface), else ip_address.
 */
export function parseItem(text: string, opts: ParseOptions): Item {
  if (DIGITS.test(text)) return { kind: 'address', value: ipAddressFromInt(BigInt(text)) };
  if (opts.iface) return { kind: 'interface', value: ipInterface(text) };
  if (text.includes('/')) return { kind: 'network', value: ipNetwork(text, opts.strict) };
  return { kind: 'address', value: ipAddress(text) };
}

/** An address or network operand for list verbs (collapse, sort, contains). */
export function parseAddressOrNetwork(text: string, strict = true): IPAddress | IPNetwork {
  const item = parseItem(text, { strict, iface: false });
  return item.kind === 'interface' ? item.value.network : item.value;
}

/** The special-purpose predicates addresses and networks share, in Python's order. */
export interface Predicates {
  is_multicast: boolean;
  is_private: boolean;
  is_global: boolean;
  is_unspecified: boolean;
  is_reserved: boolean;
  is_loopback: boolean;
  is_link_local: boolean;
}

function predicates(x: Predicates): Predicates {
  return {
    is_multicast: x.is_multicast,
    is_private: x.is_private,
    is_global: x.is_global,
    is_unspecified: x.is_unspecified,
    is_reserved: x.is_reserved,
    is_loopback: x.is_loopback,
    is_link_local: x.is_link_local,
  };
}

export interface AddressRecord extends Predicates {
  type: 'address';
  address: string;
  version: 4 | 6;
  int: string;
  compressed: string;
  exploded: string;
  packed: string;
  reverse_pointer: string;
  max_prefixlen: number;
  is_site_local?: boolean;
  ipv4_mapped?: string | null;
  sixtofour?: string | null;
  teredo?: [string, string] | null;
  scope_id?: string | null;
}

/**
 * Python 3.11-3.13 raise AddressValueError for `exploded` and `reverse_pointer` of a scoped
 * IPv6 address (they re-parse the text with its "%scope"); netkit answers for the address
 * itself, with the scope kept on `exploded` (docs/compat.md).
 */
function unscoped(a: IPAddress): IPAddress {
  return a.version === 6 && a.scope_id !== null ? IPv6Address.fromInt(a.bigint) : a;
}

export function addressRecord(a: IPAddress): AddressRecord {
  const bare = unscoped(a);
  const scope = a.version === 6 && a.scope_id !== null ? '%' + a.scope_id : '';
  const r: AddressRecord = {
    type: 'address',
    address: a.toString(),
    version: a.version,
    int: a.bigint.toString(),
    compressed: a.compressed,
    exploded: bare.exploded + scope,
    packed: a.packed,
    reverse_pointer: bare.reverse_pointer,
    max_prefixlen: a.max_prefixlen,
    ...predicates(a),
  };
  if (a.version === 6) {
    r.is_site_local = a.is_site_local;
    r.ipv4_mapped = a.ipv4_mapped?.toString() ?? null;
    r.sixtofour = a.sixtofour?.toString() ?? null;
    const teredo = a.teredo;
    r.teredo = teredo ? [teredo[0].toString(), teredo[1].toString()] : null;
    r.scope_id = a.scope_id;
  }
  return r;
}

export interface NetworkRecord extends Predicates {
  type: 'network';
  network: string;
  version: 4 | 6;
  network_address: string;
  broadcast_address: string;
  netmask: string;
  hostmask: string;
  prefixlen: number;
  num_addresses: string;
  with_prefixlen: string;
  with_netmask: string;
  with_hostmask: string;
  first_host: string;
  last_host: string;
  max_prefixlen: number;
  is_site_local?: boolean;
}

/** First and last address hosts() yields (Python 3.11: /31, /32, /127, /128 keep every address; IPv6 keeps the last). */
export function hostRange(n: IPNetwork): [IPAddress, IPAddress] {
  const max = n.max_prefixlen;
  if (n.prefixlen >= max - 1) return [n.network_address, n.broadcast_address];
  const at = (x: bigint): IPAddress => (n.version === 4 ? IPv4Address.fromInt(x) : IPv6Address.fromInt(x));
  const first = at(n.network_address.bigint + 1n);
  const last = n.version === 4 ? at(n.broadcast_address.bigint - 1n) : n.broadcast_address;
  return [first, last];
}

export function networkRecord(n: IPNetwork): NetworkRecord {
  const [first, last] = hostRange(n);
  const r: NetworkRecord = {
    type: 'network',
    network: n.toString(),
    version: n.version,
    network_address: n.network_address.toString(),
    broadcast_address: n.broadcast_address.toString(),
    netmask: n.netmask.toString(),
    hostmask: n.hostmask.toString(),
    prefixlen: n.prefixlen,
    num_addresses: n.num_addresses.toString(),
    with_prefixlen: n.with_prefixlen,
    with_netmask: n.with_netmask,
    with_hostmask: n.with_hostmask,
    first_host: first.toString(),
    last_host: last.toString(),
    max_prefixlen: n.max_prefixlen,
    ...predicates(n),
  };
  if (n.version === 6) r.is_site_local = n.is_site_local;
  return r;
}

export interface InterfaceRecord extends Omit<AddressRecord, 'type'> {
  type: 'interface';
  interface: string;
  ip: string;
  network: string;
  with_prefixlen: string;
  with_netmask: string;
  with_hostmask: string;
}

export function interfaceRecord(i: IPInterface): InterfaceRecord {
  const { type: _type, ...address } = addressRecord(i.ip);
  return {
    type: 'interface',
    interface: i.toString(),
    ...address,
    ip: i.ip.toString(),
    network: i.network.toString(),
    with_prefixlen: i.with_prefixlen,
    with_netmask: i.with_netmask,
    with_hostmask: i.with_hostmask,
  };
}

/**
 * JSON.stringify(addressRecord(a)) for an IPv4 address, written out directly: the
 * million-line path of `ip info --json` (every value is digits, dots or hex, so nothing
 * needs escaping). The equality is pinned by a test.
 */
function v4AddressJSON(a: IPv4Address): string {
  const text = a.toString();
  return (
    `{"type":"address","address":"${text}","version":4,"int":"${a.int}","compressed":"${text}","exploded":"${text}",` +
    `"packed":"${a.packed}","reverse_pointer":"${a.reverse_pointer}","max_prefixlen":32,"is_multicast":${a.is_multicast},` +
    `"is_private":${a.is_private},"is_global":${a.is_global},"is_unspecified":${a.is_unspecified},"is_reserved":${a.is_reserved},` +
    `"is_loopback":${a.is_loopback},"is_link_local":${a.is_link_local}}`
  );
}

export type ItemRecord = AddressRecord | NetworkRecord | InterfaceRecord;

/** The JSON text of an item's record. */
export function itemJSON(item: Item): string {
  if (item.kind === 'address' && item.value.version === 4) return v4AddressJSON(item.value);
  return JSON.stringify(itemRecord(item));
}

export function itemRecord(item: Item): ItemRecord {
  return item.kind === 'address' ? addressRecord(item.value) : item.kind === 'network' ? networkRecord(item.value) : interfaceRecord(item.value);
}

