// The request body as FieldStorage sees its fp: an io.BufferedReader over bytes, with
// read(n) and readline(limit) as Python's (read of a length below -1 is a ValueError).
import { PyValueError } from '../core/errors.js';

export class BodyReader {
  private pos = 0;

  constructor(private readonly data: Uint8Array) {}

  /** BufferedReader.read(n): n = -1 (or undefined) reads to the end. */
  read(n = -1): Uint8Array {
    if (n < -1) throw new PyValueError('read length must be non-negative or -1');
    const end = n === -1 ? this.data.length : Math.min(this.data.length, this.pos + n);
    const out = this.data.subarray(this.pos, end);
    this.pos = end;
    return out;
  }

  /** `line` (the last read) with the `n` bytes before it: the same bytes a concatenation would give, without a copy. */
  widen(line: Uint8Array, n: number): Uint8Array {
    const start = line.byteOffset - this.data.byteOffset;
    return this.data.subarray(start - n, start + line.length);
  }

  /** readline(limit): up to and including the next \n, at most `limit` bytes when limit >= 0. */
  readline(limit = -1): Uint8Array {
    const nl = this.data.indexOf(0x0a, this.pos);
    let end = nl < 0 ? this.data.length : nl + 1;
    if (limit >= 0) end = Math.min(end, this.pos + limit);
    const out = this.data.subarray(this.pos, end);
    this.pos = end;
    return out;
  }
}

/** bytes.strip() / rstrip() with no argument: the six ASCII whitespace bytes. */
const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x0b, 0x0c]);

export function bytesStrip(b: Uint8Array): Uint8Array {
  let a = 0;
  let z = b.length;
  while (a < z && WS.has(b[a]!)) a++;
  while (z > a && WS.has(b[z - 1]!)) z--;
  return b.subarray(a, z);
}

export function bytesRstrip(b: Uint8Array): Uint8Array {
  let z = b.length;
  while (z > 0 && WS.has(b[z - 1]!)) z--;
  return b.subarray(0, z);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

export function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
  return b.length >= prefix.length && bytesEqual(b.subarray(0, prefix.length), prefix);
}

export function endsWith(b: Uint8Array, suffix: Uint8Array): boolean {
  return b.length >= suffix.length && bytesEqual(b.subarray(b.length - suffix.length), suffix);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
