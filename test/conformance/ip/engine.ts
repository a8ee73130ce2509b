// The ip engine (src/protocols/ip/) as the conformance tests see it, by the names of
// docs/dev/ip-engine.md, and netkit's answers in the shape generate.py writes Python's.
// The modules are imported by computed path so this file compiles before (and while) the
// engine lands; a missing module or export shows up as a failing test, not a tsc error.
import { errorOutcome } from '../conformance.js';

/** An engine object: read by Python attribute names (getters) and methods. */
type Obj = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

export interface Engine {
  ipAddress(text: string): Obj;
  ipNetwork(text: string, strict?: boolean): Obj;
  ipInterface(text: string): Obj;
  IPv4Address: { parse(text: string): Obj };
  IPv6Address: { parse(text: string): Obj };
  /** IPv4Network(text) / IPv6Network(text), when the engine has a way to call them. */
  v4Network?: (text: string) => Obj;
  v6Network?: (text: string) => Obj;
  collapseAddresses(items: Obj[]): Iterable<Obj>;
  summarizeAddressRange(first: Obj, last: Obj): Iterable<Obj>;
  /** sorted(items, key=get_mixed_type_key) */
  sortMixed(items: Obj[]): Obj[];
  /** sorted by getMixedTypeKey's keys compared element-wise, when ops.ts exports it. */
  sortByKey: ((items: Obj[]) => Obj[]) | undefined;
  notes: string[];
  /** Why ops.ts (collapse, summarize, sorting) cannot be used yet, or undefined. */
  opsMissing: string | undefined;
}

const base = new URL('../../../src/protocols/ip/', import.meta.url);

async function load(name: string): Promise<Obj> {
  return (await import(new URL(name, base).href)) as Obj;
}

function need(mod: Obj, file: string, name: string): Fn {
  const f = mod[name];
  if (typeof f !== 'function') throw new Error(`src/protocols/ip/${file} does not export ${name}`);
  return f as Fn;
}

function compareKeys(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const x = typeof a === 'object' && a !== null && 'int' in a ? (a as Obj).int : a;
  const y = typeof b === 'object' && b !== null && 'int' in b ? (b as Obj).int : b;
  return (x as bigint) < (y as bigint) ? -1 : (x as bigint) > (y as bigint) ? 1 : 0;
}

/** The engine, or why it cannot be loaded yet. */
export async function loadEngine(): Promise<Engine | string> {
  try {
    const address = await load('address.js');
    const network = await load('network.js');
    const notes: string[] = [];
    let ops: Obj = {};
    let opsMissing: string | undefined;
    try {
      ops = await load('ops.js');
    } catch (err) {
      opsMissing = `src/protocols/ip/ops.ts cannot be loaded yet: ${err instanceof Error ? err.message : String(err)}`;
    }
    const missingOp = (name: string): Fn => () => {
      throw new Error(opsMissing ?? `src/protocols/ip/ops.ts does not export ${name}`);
    };
    const v4net = network.IPv4Network as Obj & Fn;
    const v6net = network.IPv6Network as Obj & Fn;
    const netParse = (cls: Obj & Fn | undefined, label: string): ((text: string) => Obj) | undefined => {
      if (cls && typeof cls.parse === 'function') return (text) => (cls.parse as Fn).call(cls, text, true) as Obj;
      notes.push(`${label}: no ${label}.parse(text) in network.ts, constructor messages not compared`);
      return undefined;
    };
    const mixedKey = typeof ops.getMixedTypeKey === 'function' ? (ops.getMixedTypeKey as Fn) : undefined;
    const comparator = ['compareMixedType', 'mixedTypeCompare', 'compareMixed'].map((n) => ops[n]).find((f) => typeof f === 'function') as Fn | undefined;
    let sortMixed: (items: Obj[]) => Obj[];
    if (comparator) sortMixed = (items) => [...items].sort((a, b) => comparator(a, b) as number);
    else if (mixedKey) sortMixed = (items) => [...items].sort((a, b) => compareKeys(mixedKey(a), mixedKey(b)));
    else sortMixed = missingOp('getMixedTypeKey') as typeof sortMixed;
    const v4a = address.IPv4Address as { parse(text: string): Obj };
    const v6a = address.IPv6Address as { parse(text: string): Obj };
    if (typeof v4a?.parse !== 'function' || typeof v6a?.parse !== 'function') throw new Error('address.ts: IPv4Address.parse / IPv6Address.parse missing');
    return {
      ipAddress: need(address, 'address.ts', 'ipAddress') as Engine['ipAddress'],
      ipNetwork: need(network, 'network.ts', 'ipNetwork') as Engine['ipNetwork'],
      ipInterface: need(network, 'network.ts', 'ipInterface') as Engine['ipInterface'],
      IPv4Address: v4a,
      IPv6Address: v6a,
      v4Network: netParse(v4net, 'IPv4Network'),
      v6Network: netParse(v6net, 'IPv6Network'),
      collapseAddresses: (typeof ops.collapseAddresses === 'function' ? ops.collapseAddresses : missingOp('collapseAddresses')) as Engine['collapseAddresses'],
      summarizeAddressRange: (typeof ops.summarizeAddressRange === 'function' ? ops.summarizeAddressRange : missingOp('summarizeAddressRange')) as Engine['summarizeAddressRange'],
      sortMixed,
      sortByKey: mixedKey ? (items) => [...items].sort((a, b) => compareKeys(mixedKey(a), mixedKey(b))) : undefined,
      notes,
      opsMissing,
    };
  } catch (err) {
    return `the ip engine cannot be loaded yet: ${err instanceof Error ? err.message : String(err)}`;
  }
}

// --------------------------------------------------------------------------- records

export type Outcome = { ok: unknown } | { error: { type: string; message: string } };

export function outcome(make: () => unknown, view: (x: never) => unknown = (x) => x): Outcome {
  let x: unknown;
  try {
    x = make();
  } catch (err) {
    return errorOutcome(err);
  }
  return { ok: view(x as never) };
}

/** obj.name read as Python reads it: a thrown exception is part of the answer. */
function attr(obj: Obj, name: string, view: (v: never) => unknown = (v) => v): unknown {
  try {
    const v = obj[name];
    if (v === undefined) return { missing: name };
    return view(v as never);
  } catch (err) {
    return errorOutcome(err);
  }
}

const str = (x: unknown): string => String(x);
const strOrNull = (x: unknown): string | null => (x === null ? null : String(x));

export function addressRecord(a: Obj): Obj {
  const r: Obj = {
    version: attr(a, 'version'),
    str: outcomeOrValue(() => String(a)),
    compressed: attr(a, 'compressed'),
    exploded: attr(a, 'exploded'),
    packed: attr(a, 'packed'),
    int: attr(a, 'int', str),
    reverse_pointer: attr(a, 'reverse_pointer'),
    max_prefixlen: attr(a, 'max_prefixlen'),
    is_multicast: attr(a, 'is_multicast'),
    is_private: attr(a, 'is_private'),
    is_global: attr(a, 'is_global'),
    is_unspecified: attr(a, 'is_unspecified'),
    is_reserved: attr(a, 'is_reserved'),
    is_loopback: attr(a, 'is_loopback'),
    is_link_local: attr(a, 'is_link_local'),
  };
  if (a.version === 6) {
    r.is_site_local = attr(a, 'is_site_local');
    r.ipv4_mapped = attr(a, 'ipv4_mapped', strOrNull);
    r.sixtofour = attr(a, 'sixtofour', strOrNull);
    r.teredo = attr(a, 'teredo', (t: unknown[] | null) => (t === null ? null : t.map(str)));
    r.scope_id = attr(a, 'scope_id');
  }
  return r;
}

const HOSTS_LISTED = 256n;

function hostsRecord(n: Obj): Obj {
  return outcomeOrValue(() => {
    const it = (n.hosts as Fn).call(n) as Iterable<unknown>;
    const iter = it[Symbol.iterator]();
    const head = iter.next();
    const r: Obj = { first: head.done ? null : String(head.value) };
    if ((n.num_addresses as bigint) <= HOSTS_LISTED) {
      let count = head.done ? 0 : 1;
      let last: unknown = head.done ? null : head.value;
      for (let x = iter.next(); !x.done; x = iter.next()) {
        count++;
        last = x.value;
      }
      r.last = strOrNull(last);
      r.count = count;
    }
    return r;
  }) as Obj;
}

function outcomeOrValue(make: () => unknown): unknown {
  const o = outcome(make);
  return 'ok' in o ? o.ok : o;
}

export function networkRecord(n: Obj): Obj {
  const r: Obj = {
    version: attr(n, 'version'),
    str: outcomeOrValue(() => String(n)),
    network_address: attr(n, 'network_address', str),
    broadcast_address: attr(n, 'broadcast_address', str),
    netmask: attr(n, 'netmask', str),
    hostmask: attr(n, 'hostmask', str),
    prefixlen: attr(n, 'prefixlen'),
    num_addresses: attr(n, 'num_addresses', str),
    with_prefixlen: attr(n, 'with_prefixlen'),
    with_netmask: attr(n, 'with_netmask'),
    with_hostmask: attr(n, 'with_hostmask'),
    max_prefixlen: attr(n, 'max_prefixlen'),
    is_multicast: attr(n, 'is_multicast'),
    is_private: attr(n, 'is_private'),
    is_global: attr(n, 'is_global'),
    is_unspecified: attr(n, 'is_unspecified'),
    is_reserved: attr(n, 'is_reserved'),
    is_loopback: attr(n, 'is_loopback'),
    is_link_local: attr(n, 'is_link_local'),
  };
  if (n.version === 6) r.is_site_local = attr(n, 'is_site_local');
  r.hosts = hostsRecord(n);
  return r;
}

export function interfaceRecord(i: Obj): Obj {
  return {
    ip: attr(i, 'ip', str),
    network: attr(i, 'network', str),
    netmask: attr(i, 'netmask', str),
    hostmask: attr(i, 'hostmask', str),
    with_prefixlen: attr(i, 'with_prefixlen'),
    with_netmask: attr(i, 'with_netmask'),
    with_hostmask: attr(i, 'with_hostmask'),
    ...addressRecord(i),
  };
}

// --------------------------------------------------------------------------- parse cases

export interface ParseCase {
  tag: string;
  input: string;
  address: Outcome;
  network: Outcome;
  network_loose: Outcome | '=network';
  interface: Outcome;
  IPv4Address: Outcome;
  IPv6Address: Outcome;
  IPv4Network: Outcome;
  IPv6Network: Outcome;
}

export const PARSE_FIELDS = ['address', 'network', 'network_loose', 'interface', 'IPv4Address', 'IPv6Address', 'IPv4Network', 'IPv6Network'] as const;
export type ParseField = (typeof PARSE_FIELDS)[number];

/** Python's expected outcome for one field of a case ("=network" resolved). */
export function expectedOf(c: ParseCase, field: ParseField): Outcome {
  const v = c[field];
  return v === '=network' ? c.network : v;
}

/** netkit's outcome for one field, or undefined when the engine has no way to ask it. */
export function actualOf(e: Engine, field: ParseField, s: string): Outcome | undefined {
  switch (field) {
    case 'address':
      return outcome(() => e.ipAddress(s), addressRecord);
    case 'network':
      return outcome(() => e.ipNetwork(s, true), networkRecord);
    case 'network_loose':
      return outcome(() => e.ipNetwork(s, false), networkRecord);
    case 'interface':
      return outcome(() => e.ipInterface(s), interfaceRecord);
    case 'IPv4Address':
      return outcome(() => e.IPv4Address.parse(s), str);
    case 'IPv6Address':
      return outcome(() => e.IPv6Address.parse(s), str);
    case 'IPv4Network':
      return e.v4Network ? outcome(() => e.v4Network!(s), str) : undefined;
    case 'IPv6Network':
      return e.v6Network ? outcome(() => e.v6Network!(s), str) : undefined;
  }
}

/**
 * Only the parts that differ, so a failure names the fields: records are compared key by
 * key (hosts too); an ok/error mismatch is shown whole.
 */
export function difference(expected: unknown, actual: unknown): { expected: unknown; actual: unknown } | undefined {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return undefined;
  const isRec = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (isRec(expected) && isRec(actual) && isRec(expected.ok) && isRec(actual.ok)) {
    const exp: Obj = {};
    const act: Obj = {};
    const keys = new Set([...Object.keys(expected.ok), ...Object.keys(actual.ok)]);
    for (const k of keys) {
      const d = difference(expected.ok[k], actual.ok[k]);
      if (d) {
        exp[k] = expected.ok[k];
        act[k] = actual.ok[k] === undefined ? '(absent)' : actual.ok[k];
      }
    }
    if (Object.keys(exp).length > 0) return { expected: { ok: exp }, actual: { ok: act } };
    return { expected: { keyOrder: Object.keys(expected.ok) }, actual: { keyOrder: Object.keys(actual.ok) } };
  }
  return { expected, actual };
}

// --------------------------------------------------------------------------- operation cases

export interface OpCase {
  tag: string;
  op: string;
  args: unknown[];
  ok?: unknown;
  error?: { type: string; message: string };
  /** collapse_addresses on mixed versions: Python raises TypeError; netkit collapses v4 then v6. */
  extension?: string[];
}

const SUBNETS_LISTED = 4;
const SUBNETS_COUNTED = 1024;

function kwOpts(kw: { prefixlen_diff?: number; new_prefix?: number }): { prefixlenDiff?: number; newPrefix?: number } {
  const o: { prefixlenDiff?: number; newPrefix?: number } = {};
  if (kw.prefixlen_diff !== undefined) o.prefixlenDiff = kw.prefixlen_diff;
  if (kw.new_prefix !== undefined) o.newPrefix = kw.new_prefix;
  return o;
}

function call(obj: Obj, name: string, ...args: unknown[]): unknown {
  const f = obj[name];
  if (typeof f !== 'function') throw new Error(`no method ${name}`);
  return (f as Fn).apply(obj, args);
}

const strs = (it: unknown): string[] => [...(it as Iterable<unknown>)].map(str);
const item = (e: Engine, s: string): Obj => (s.includes('/') ? e.ipNetwork(s) : e.ipAddress(s));

/** netkit's answer to an operation case, in the fixture's shape. */
export function runOp(e: Engine, c: OpCase): Outcome {
  const a = c.args;
  switch (c.op) {
    case 'subnets':
      return outcome(() => {
        const iter = (call(e.ipNetwork(a[0] as string), 'subnets', kwOpts(a[1] as object)) as Iterable<unknown>)[Symbol.iterator]();
        const first: string[] = [];
        let x = iter.next();
        for (; !x.done && first.length < SUBNETS_LISTED; x = iter.next()) first.push(String(x.value));
        let rest = 0;
        for (; !x.done && rest <= SUBNETS_COUNTED; x = iter.next()) rest++;
        const total = first.length + rest;
        return { first, count: total <= SUBNETS_COUNTED ? total : null };
      });
    case 'supernet':
      return outcome(() => String(call(e.ipNetwork(a[0] as string), 'supernet', kwOpts(a[1] as object))));
    case 'hosts':
      return outcome(() => strs(call(e.ipNetwork(a[0] as string), 'hosts')));
    case 'summarize_address_range':
      return outcome(() => strs(e.summarizeAddressRange(e.ipAddress(a[0] as string), e.ipAddress(a[1] as string))));
    case 'collapse_addresses':
      return outcome(() => strs(e.collapseAddresses((a as string[]).map((s) => item(e, s)))));
    case 'address_exclude':
      return outcome(() => strs(call(e.ipNetwork(a[0] as string), 'address_exclude', e.ipNetwork(a[1] as string))));
    case 'overlaps':
    case 'subnet_of':
    case 'supernet_of':
      return outcome(() => call(e.ipNetwork(a[0] as string), c.op, e.ipNetwork(a[1] as string)));
    case 'sorted_mixed':
      return outcome(() => e.sortMixed((a as string[]).map((s) => item(e, s))).map(str));
    case 'sorted_mixed_by_key':
      return outcome(() => e.sortByKey!((a as string[]).map((s) => item(e, s))).map(str));
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** Python's answer to an operation case (the extension's result where netkit goes beyond Python). */
export function expectedOp(c: OpCase): Outcome {
  if (c.extension) return { ok: c.extension };
  return c.error ? { error: c.error } : { ok: c.ok };
}
