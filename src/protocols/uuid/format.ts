// Text forms of UUIDs, written straight into a byte buffer so that printing a million
// of them is a few large writes.
import { UUID } from './uuid.js';

export const UUID_FORMATS = ['str', 'hex', 'urn', 'braces', 'int', 'upper'] as const;
export type UUIDFormat = (typeof UUID_FORMATS)[number];

const LOWER = new TextEncoder().encode('0123456789abcdef');
const UPPER = new TextEncoder().encode('0123456789ABCDEF');
const URN = new TextEncoder().encode('urn:uuid:');

/** Bytes one UUID takes in `format`, newline included (int varies: use formatUUID). */
function width(format: UUIDFormat): number {
  return format === 'hex' ? 33 : format === 'urn' ? 46 : format === 'braces' ? 39 : 37;
}

/** One UUID as text (no newline). */
export function formatUUID(uuid: UUID, format: UUIDFormat): string {
  switch (format) {
    case 'str':
      return uuid.toString();
    case 'hex':
      return uuid.hex;
    case 'urn':
      return uuid.urn;
    case 'braces':
      return `{${uuid.toString()}}`;
    case 'int':
      return uuid.int.toString();
    case 'upper':
      return uuid.toString().toUpperCase();
  }
}

/** `count` UUIDs from `bytes` (16 each) as newline-terminated lines, in one buffer. */
export function formatLines(bytes: Uint8Array, count: number, format: UUIDFormat): Uint8Array {
  if (format === 'int') {
    let text = '';
    for (let i = 0; i < count; i++) text += new UUID(bytes.subarray(i * 16, i * 16 + 16)).int.toString() + '\n';
    return new TextEncoder().encode(text);
  }
  const digits = format === 'upper' ? UPPER : LOWER;
  const hyphens = format !== 'hex';
  const out = new Uint8Array(count * width(format));
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (format === 'urn') {
      out.set(URN, p);
      p += URN.length;
    } else if (format === 'braces') out[p++] = 0x7b;
    const base = i * 16;
    for (let j = 0; j < 16; j++) {
      if (hyphens && (j === 4 || j === 6 || j === 8 || j === 10)) out[p++] = 0x2d;
      const b = bytes[base + j]!;
      out[p++] = digits[b >> 4]!;
      out[p++] = digits[b & 15]!;
    }
    if (format === 'braces') out[p++] = 0x7d;
    out[p++] = 0x0a;
  }
  return out;
}
