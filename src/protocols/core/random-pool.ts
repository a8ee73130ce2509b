// Cryptographically strong random bytes handed out from a pooled buffer, so generating
// a million UUIDs costs a few large getrandom() calls instead of a million small ones.
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 64 * 1024;
let pool = new Uint8Array(0);
let offset = 0;

/** `n` fresh random bytes (n ≤ 64 KiB); the view is valid until the next call. */
export function randomBytes(n: number): Uint8Array {
  if (offset + n > pool.length) {
    pool = randomFillSync(new Uint8Array(POOL_SIZE));
    offset = 0;
  }
  const view = pool.subarray(offset, offset + n);
  offset += n;
  return view;
}

/** A random integer of `bits` bits (bits ≤ 48). */
export function randomBits(bits: number): number {
  const bytes = randomBytes(6);
  const value = bytes[0]! * 2 ** 40 + bytes[1]! * 2 ** 32 + ((bytes[2]! << 24) >>> 0) + (bytes[3]! << 16) + (bytes[4]! << 8) + bytes[5]!;
  return value % 2 ** bits;
}
