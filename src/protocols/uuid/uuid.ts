// uuid.UUID: parsing exactly as Python's UUID(hex) does, and every attribute Python
// reports (hex, int, urn, version, variant, fields, time, clock_seq, node, bytes_le).
import { PyValueError } from '../core/errors.js';
import { intErrorMessage, parsePyInt } from '../core/py-text.js';

// Python's variant names (uuid.RESERVED_NCS, RFC_4122, RESERVED_MICROSOFT, RESERVED_FUTURE).
export const RESERVED_NCS = 'reserved for NCS compatibility';
export const RFC_4122 = 'specified in RFC 4122';
export const RESERVED_MICROSOFT = 'reserved for Microsoft compatibility';
export const RESERVED_FUTURE = 'reserved for future definition';

/** 100-ns intervals from the Gregorian epoch 1582-10-15 to the Unix epoch (RFC 9562 §5.1). */
export const GREGORIAN_OFFSET = 0x01b21dd213814000n;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Value of each ASCII hex digit by char code; -1 for anything else.
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => {
  const d = '0123456789abcdef'.indexOf(String.fromCharCode(c).toLowerCase());
  return d;
});

function hexOf(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += HEX[bytes[i]!];
  return s;
}

/** An immutable 128-bit UUID, held as its 16 big-endian bytes. */
export class UUID {
  constructor(readonly bytes: Uint8Array) {
    if (bytes.length !== 16) throw new PyValueError('bytes is not a 16-char string');
  }

  static fromInt(value: bigint): UUID {
    if (value < 0n || value >= 1n << 128n) throw new PyValueError('int is out of range (need a 128-bit value)');
    const bytes = new Uint8Array(16);
    for (let i = 15; i >= 0; i--) {
      bytes[i] = Number(value & 0xffn);
      value >>= 8n;
    }
    return new UUID(bytes);
  }

  /**
   * From 32 ASCII hex digits, optionally with hyphens at 8, 13, 18 and 23 (the canonical
   * form); undefined if `text` is anything else.
   */
  static fromHex(text: string): UUID | undefined {
    const hyphens = text.length === 36;
    if (!hyphens && text.length !== 32) return undefined;
    if (hyphens && (text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45 || text.charCodeAt(23) !== 45)) return undefined;
    const bytes = new Uint8Array(16);
    let at = 0;
    for (let i = 0; i < 16; i++) {
      if (hyphens && (i === 4 || i === 6 || i === 8 || i === 10)) at++;
      const hi = HEX_VALUE[text.charCodeAt(at)] ?? -1;
      const lo = HEX_VALUE[text.charCodeAt(at + 1)] ?? -1;
      if (hi < 0 || lo < 0) return undefined;
      bytes[i] = (hi << 4) | lo;
      at += 2;
    }
    return new UUID(bytes);
  }

  private hexCache: string | undefined;

  get hex(): string {
    return (this.hexCache ??= hexOf(this.bytes, 0, 16));
  }

  get int(): bigint {
    return BigInt('0x' + this.hex);
  }

  /** str(uuid): 8-4-4-4-12 lower-case hex. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  get urn(): string {
    return 'urn:uuid:' + this.toString();
  }

  get variant(): string {
    const b = this.bytes[8]!;
    if (!(b & 0x80)) return RESERVED_NCS;
    if (!(b & 0x40)) return RFC_4122;
    if (!(b & 0x20)) return RESERVED_MICROSOFT;
    return RESERVED_FUTURE;
  }

  /** The version number, meaningful (non-null) only for the RFC 4122 variant. */
  get version(): number | null {
    return this.variant === RFC_4122 ? this.bytes[6]! >> 4 : null;
  }

  get time_low(): number {
    const b = this.bytes;
    return b[0]! * 0x1000000 + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  }

  get time_mid(): number {
    return (this.bytes[4]! << 8) | this.bytes[5]!;
  }

  get time_hi_version(): number {
    return (this.bytes[6]! << 8) | this.bytes[7]!;
  }

  get clock_seq_hi_variant(): number {
    return this.bytes[8]!;
  }

  get clock_seq_low(): number {
    return this.bytes[9]!;
  }

  get node(): number {
    const b = this.bytes;
    return b[10]! * 2 ** 40 + b[11]! * 2 ** 32 + b[12]! * 0x1000000 + (b[13]! << 16) + (b[14]! << 8) + b[15]!;
  }

  get fields(): [number, number, number, number, number, number] {
    return [this.time_low, this.time_mid, this.time_hi_version, this.clock_seq_hi_variant, this.clock_seq_low, this.node];
  }

  /** Python 3.11's `time`: the 60-bit version-1 timestamp field, whatever the version. */
  get time(): bigint {
    return (BigInt(this.time_hi_version & 0x0fff) << 48n) | (BigInt(this.time_mid) << 32n) | BigInt(this.time_low);
  }

  get clock_seq(): number {
    return ((this.clock_seq_hi_variant & 0x3f) << 8) | this.clock_seq_low;
  }

  /** The bytes with the first three fields little-endian (Microsoft GUID order), as hex. */
  get bytes_le(): string {
    const b = this.bytes;
    return HEX[b[3]!]! + HEX[b[2]!] + HEX[b[1]!] + HEX[b[0]!] + HEX[b[5]!] + HEX[b[4]!] + HEX[b[7]!] + HEX[b[6]!] + hexOf(b, 8, 16);
  }
}

const BAD_UUID = 'badly formed hexadecimal UUID string';

/**
 * uuid.UUID(hex): drops "urn:" and "uuid:" anywhere, strips braces at both ends and every
 * hyphen, then needs exactly 32 characters that Python's int(text, 16) accepts (which
 * allows a sign, "0x", underscores, whitespace and Unicode digits).
 */
export function parseUUID(text: string): UUID {
  const canonical = UUID.fromHex(text);
  if (canonical) return canonical;
  const hex = stripBraces(text.replaceAll('urn:', '').replaceAll('uuid:', '')).replaceAll('-', '');
  const plain = UUID.fromHex(hex);
  if (plain) return plain;
  if (Array.from(hex).length !== 32) throw new PyValueError(BAD_UUID, 'ERR_BAD_UUID');
  const value = parsePyInt(hex, 16);
  // int() quotes the literal in its own error, which UUID() lets through.
  if (value === undefined) throw new PyValueError(intErrorMessage(hex, 16), 'ERR_BAD_UUID');
  return UUID.fromInt(value);
}

/** str.strip('{}'). */
function stripBraces(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && (text[a] === '{' || text[a] === '}')) a++;
  while (b > a && (text[b - 1] === '{' || text[b - 1] === '}')) b--;
  return text.slice(a, b);
}

/**
 * The moment a time-based UUID records, as ISO 8601 UTC (beyond Python): version 1 and 6
 * to 100 ns (RFC 9562 §5.1, §5.6), version 7 to the millisecond (§5.7); null otherwise.
 */
export function uuidTimestamp(uuid: UUID): string | null {
  const version = uuid.version;
  if (version === 7) {
    const b = uuid.bytes;
    const ms = b[0]! * 2 ** 40 + b[1]! * 2 ** 32 + b[2]! * 0x1000000 + (b[3]! << 16) + (b[4]! << 8) + b[5]!;
    return new Date(ms).toISOString();
  }
  let ticks: bigint;
  if (version === 1) ticks = uuid.time;
  else if (version === 6) ticks = (BigInt('0x' + uuid.hex.slice(0, 12)) << 12n) | BigInt(uuid.time_hi_version & 0x0fff);
  else return null;
  const sinceUnix = ticks - GREGORIAN_OFFSET;
  let seconds = sinceUnix / 10_000_000n;
  if (sinceUnix < 0n && seconds * 10_000_000n !== sinceUnix) seconds -= 1n; // floor, not truncate
  const fraction = sinceUnix - seconds * 10_000_000n;
  const whole = new Date(Number(seconds) * 1000).toISOString();
  return whole.replace(/\.000Z$/, '.' + fraction.toString().padStart(7, '0') + 'Z');
}
