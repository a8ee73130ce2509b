// UUID generators with Python's algorithms: uuid1 and uuid3/4/5 (3.11), uuid6, uuid7
// (monotonic counter, "method 1" of RFC 9562 §6.2) and uuid8 (3.14). Each writes 16
// bytes into a caller's buffer, so bulk generation allocates nothing per UUID.
import { createHash } from 'node:crypto';
import { randomBits, randomBytes } from '../core/random-pool.js';
import { UUID, GREGORIAN_OFFSET, parseUUID } from './uuid.js';
import { getNode } from './node-id.js';

export const UUID_FUNCTIONS = ['uuid1', 'uuid3', 'uuid4', 'uuid5', 'uuid6', 'uuid7', 'uuid8'] as const;
export type UUIDFunction = (typeof UUID_FUNCTIONS)[number];
export type NameBasedFunction = 'uuid3' | 'uuid5';

export function isNameBased(fn: UUIDFunction): fn is NameBasedFunction {
  return fn === 'uuid3' || fn === 'uuid5';
}

/** The namespaces of RFC 9562 §6.6, by the names Python's CLI gives them. */
export const NAMESPACES: Readonly<Record<string, string>> = {
  '@dns': '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  '@url': '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  '@oid': '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  '@x500': '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** A namespace given as "@dns" or as any UUID string Python accepts. */
export function resolveNamespace(text: string): UUID {
  return parseUUID(NAMESPACES[text] ?? text);
}

/** Sets the version nibble and the RFC 4122 variant bits, as UUID(..., version=N) does. */
function stamp(out: Uint8Array, at: number, version: number): void {
  out[at + 6] = (out[at + 6]! & 0x0f) | (version << 4);
  out[at + 8] = (out[at + 8]! & 0x3f) | 0x80;
}

/** Fills `out` with `count` version-4 UUIDs in one go. */
export function uuid4Bulk(out: Uint8Array, count: number): void {
  for (let done = 0; done < count; ) {
    const n = Math.min(count - done, 4096);
    out.set(randomBytes(n * 16), done * 16);
    for (let i = done; i < done + n; i++) stamp(out, i * 16, 4);
    done += n;
  }
}

function nameBased(algorithm: 'md5' | 'sha1', version: number, namespace: UUID, name: string): UUID {
  const digest = createHash(algorithm).update(namespace.bytes).update(name, 'utf8').digest();
  const bytes = new Uint8Array(digest.subarray(0, 16));
  stamp(bytes, 0, version);
  return new UUID(bytes);
}

/** uuid3(namespace, name): MD5 of the namespace bytes and the UTF-8 name. */
export function uuid3(namespace: UUID, name: string): UUID {
  return nameBased('md5', 3, namespace, name);
}

/** uuid5(namespace, name): SHA-1 of the namespace bytes and the UTF-8 name. */
export function uuid5(namespace: UUID, name: string): UUID {
  return nameBased('sha1', 5, namespace, name);
}

/** time.time_ns() with the sub-millisecond part the platform offers. */
function timeNs(): bigint {
  const now = performance.timeOrigin + performance.now();
  const ms = Math.floor(now);
  return BigInt(ms) * 1_000_000n + BigInt(Math.floor((now - ms) * 1e6));
}

let lastGregorian: bigint | undefined;

/** 100-ns ticks since 1582-10-15, strictly increasing within this process (Python's _last_timestamp). */
function gregorianTicks(): bigint {
  let ticks = timeNs() / 100n + GREGORIAN_OFFSET;
  if (lastGregorian !== undefined && ticks <= lastGregorian) ticks = lastGregorian + 1n;
  lastGregorian = ticks;
  return ticks;
}

/** Bytes 8-15 of uuid1 and uuid6: a fresh random 14-bit clock sequence, then getnode(). */
function writeClockSeqAndNode(out: Uint8Array, at: number): void {
  const clockSeq = randomBits(14);
  out[at + 8] = clockSeq >> 8;
  out[at + 9] = clockSeq & 0xff;
  let node = getNode();
  for (let i = 5; i >= 0; i--) {
    out[at + 10 + i] = node % 256;
    node = Math.floor(node / 256);
  }
}

/** uuid1(): Gregorian time, a fresh random 14-bit clock sequence, and getnode(). */
export function uuid1Into(out: Uint8Array, at: number): void {
  const t = gregorianTicks();
  const timeLow = Number(t & 0xffffffffn);
  const timeMid = Number((t >> 32n) & 0xffffn);
  const timeHi = Number((t >> 48n) & 0x0fffn);
  out[at] = timeLow >>> 24;
  out[at + 1] = (timeLow >>> 16) & 0xff;
  out[at + 2] = (timeLow >>> 8) & 0xff;
  out[at + 3] = timeLow & 0xff;
  out[at + 4] = timeMid >> 8;
  out[at + 5] = timeMid & 0xff;
  out[at + 6] = timeHi >> 8;
  out[at + 7] = timeHi & 0xff;
  writeClockSeqAndNode(out, at);
  stamp(out, at, 1);
}

/** uuid6(): uuid1's fields reordered most significant first, so they sort by time (RFC 9562 §5.6). */
export function uuid6Into(out: Uint8Array, at: number): void {
  const t = gregorianTicks();
  const hiMid = t >> 12n; // 48 bits
  const low = Number(t & 0x0fffn);
  for (let i = 5; i >= 0; i--) out[at + i] = Number((hiMid >> BigInt(8 * (5 - i))) & 0xffn);
  out[at + 6] = low >> 8;
  out[at + 7] = low & 0xff;
  writeClockSeqAndNode(out, at);
  stamp(out, at, 6);
}

// uuid7 state: Python 3.14's _last_timestamp_v7 and 42-bit _last_counter_v7.
let lastMs: number | undefined;
let lastCounter = 0;
const COUNTER_MAX = 2 ** 42 - 1;

/** A random 42-bit counter with its top bit clear (room to count before overflow). */
function freshCounter(): number {
  return randomBits(41);
}

/**
 * uuid7(): 48-bit Unix milliseconds, a 42-bit counter seeded at random each new
 * millisecond and incremented within one, then 32 random bits. Monotonic in a process.
 */
export function uuid7Into(out: Uint8Array, at: number): void {
  let ms = Math.floor(performance.timeOrigin + performance.now());
  let counter: number;
  if (lastMs === undefined || ms > lastMs) {
    counter = freshCounter();
  } else {
    if (ms < lastMs) ms = lastMs + 1;
    counter = lastCounter + 1;
    if (counter > COUNTER_MAX) {
      ms += 1;
      counter = freshCounter();
    }
  }
  lastMs = ms;
  lastCounter = counter;
  const tsHi = Math.floor(ms / 2 ** 16);
  out[at] = (tsHi >>> 24) & 0xff;
  out[at + 1] = (tsHi >>> 16) & 0xff;
  out[at + 2] = (tsHi >>> 8) & 0xff;
  out[at + 3] = tsHi & 0xff;
  out[at + 4] = (ms >> 8) & 0xff;
  out[at + 5] = ms & 0xff;
  const counterHi = Math.floor(counter / 2 ** 30); // 12 bits
  const counterLo = counter % 2 ** 30; // 30 bits
  out[at + 6] = counterHi >> 8;
  out[at + 7] = counterHi & 0xff;
  out[at + 8] = counterLo >>> 24;
  out[at + 9] = (counterLo >>> 16) & 0xff;
  out[at + 10] = (counterLo >>> 8) & 0xff;
  out[at + 11] = counterLo & 0xff;
  out.set(randomBytes(4), at + 12);
  stamp(out, at, 7);
}

/** uuid8(): Python 3.14's default — 122 random bits around the version and variant. */
export function uuid8Into(out: Uint8Array, at: number): void {
  out.set(randomBytes(16), at);
  stamp(out, at, 8);
}

/** Fills `out` with `count` UUIDs of a time- or random-based function. */
export type BulkGenerator = (out: Uint8Array, count: number) => void;

function oneByOne(gen: (out: Uint8Array, at: number) => void): BulkGenerator {
  return (out, count) => {
    for (let i = 0; i < count; i++) gen(out, i * 16);
  };
}

/** The bulk generator of a function that takes no namespace or name (not uuid3/uuid5). */
export function bulkGenerator(fn: Exclude<UUIDFunction, 'uuid3' | 'uuid5'>): BulkGenerator {
  switch (fn) {
    case 'uuid1':
      return oneByOne(uuid1Into);
    case 'uuid4':
      return uuid4Bulk;
    case 'uuid6':
      return oneByOne(uuid6Into);
    case 'uuid7':
      return oneByOne(uuid7Into);
    case 'uuid8':
      return oneByOne(uuid8Into);
  }
}
