// A minimal DER (X.690 Distinguished Encoding Rules) encoder: just the universal types an
// X.509 v3 certificate needs (BOOLEAN, INTEGER, BIT STRING, OCTET STRING, NULL, OBJECT
// IDENTIFIER, UTF8String, PrintableString, IA5String, UTCTime/GeneralizedTime, SEQUENCE,
// SET OF) plus context-specific tags, explicit and implicit. Low tag numbers (< 31) only.
// Every function returns the complete TLV as a Buffer; nothing here decodes.

/** Identifier octets of the universal tags used here. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Definite-form length octets (short form below 128, else long form, minimal). */
function lengthOctets(len: number): Buffer {
  if (!Number.isSafeInteger(len) || len < 0) throw new RangeError(`DER: bad length ${len}`);
  if (len < 0x80) return Buffer.from([len]);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV: identifier octet `tag`, then the concatenated contents. */
export function tlv(tag: number, ...contents: Buffer[]): Buffer {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xff || (tag & 0x1f) === 0x1f) throw new RangeError(`DER: unsupported tag ${tag}`);
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), lengthOctets(body.length), body]);
}

export function derBoolean(value: boolean): Buffer {
  return tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0x00]));
}

/**
 * INTEGER. A bigint may be negative (two's complement, minimal); a Buffer is read as an
 * unsigned big-endian magnitude (leading zeros dropped, a 0x00 added when the high bit is set).
 */
export function derInteger(value: bigint | number | Buffer): Buffer {
  if (Buffer.isBuffer(value)) {
    let i = 0;
    while (i < value.length - 1 && value[i] === 0) i++;
    const mag = value.length === 0 ? Buffer.from([0]) : value.subarray(i);
    return tlv(TAG.INTEGER, mag[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), mag]) : mag);
  }
  let n = BigInt(value);
  const bytes: number[] = [];
  // Emit two's-complement bytes until the remaining value is pure sign extension.
  for (;;) {
    const byte = Number(n & 0xffn);
    bytes.unshift(byte);
    n >>= 8n;
    if ((n === 0n && (byte & 0x80) === 0) || (n === -1n && (byte & 0x80) !== 0)) break;
  }
  return tlv(TAG.INTEGER, Buffer.from(bytes));
}

/** BIT STRING with `unusedBits` (0-7) padding bits at the end of the last octet. */
export function derBitString(bytes: Buffer, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (bytes.length === 0 && unusedBits !== 0)) {
    throw new RangeError(`DER: bad unused bit count ${unusedBits}`);
  }
  return tlv(TAG.BIT_STRING, Buffer.from([unusedBits]), bytes);
}

/**
 * A named-bit BIT STRING (X.690 §11.2.2: trailing zero bits removed), from bit numbers
 * where bit 0 is the most significant bit of the first octet (as in KeyUsage).
 */
export function derNamedBits(bits: number[]): Buffer {
  if (bits.length === 0) return derBitString(Buffer.alloc(0));
  const top = Math.max(...bits);
  const bytes = Buffer.alloc(Math.floor(top / 8) + 1);
  for (const b of bits) {
    if (!Number.isInteger(b) || b < 0) throw new RangeError(`DER: bad bit number ${b}`);
    bytes[Math.floor(b / 8)]! |= 0x80 >> (b % 8);
  }
  return derBitString(bytes, 7 - (top % 8));
}

export function derOctetString(bytes: Buffer): Buffer {
  return tlv(TAG.OCTET_STRING, bytes);
}

export function derNull(): Buffer {
  return tlv(TAG.NULL);
}

/** OBJECT IDENTIFIER from dotted text such as `1.2.840.10045.4.3.2`. */
export function derOid(dotted: string): Buffer {
  if (!/^[0-2](\.(0|[1-9][0-9]*))+$/.test(dotted)) throw new RangeError(`DER: bad OID ${dotted}`);
  const arcs = dotted.split('.').map((s) => BigInt(s));
  if (arcs[0]! < 2n && arcs[1]! > 39n) throw new RangeError(`DER: bad OID ${dotted}`);
  const out: number[] = [];
  const base128 = (v: bigint): void => {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  };
  base128(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) base128(arc);
  return tlv(TAG.OID, Buffer.from(out));
}

export function derUtf8String(text: string): Buffer {
  return tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));
}

/** PrintableString: A-Z a-z 0-9 space ' ( ) + , - . / : = ? only. */
export function derPrintableString(text: string): Buffer {
  if (!/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(text)) throw new RangeError(`DER: not a PrintableString: ${JSON.stringify(text)}`);
  return tlv(TAG.PRINTABLE_STRING, Buffer.from(text, 'latin1'));
}

/** IA5String (7-bit ASCII). */
export function derIa5String(text: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(text)) throw new RangeError(`DER: not an IA5String: ${JSON.stringify(text)}`);
  return tlv(TAG.IA5_STRING, Buffer.from(text, 'latin1'));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** UTCTime `YYMMDDHHMMSSZ` (years 1950-2049); seconds are truncated. */
export function derUtcTime(date: Date): Buffer {
  const y = date.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new RangeError(`DER: UTCTime cannot hold year ${y}`);
  const s = `${pad(y % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(TAG.UTC_TIME, Buffer.from(s, 'latin1'));
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ` (no fractional seconds, as RFC 5280 requires). */
export function derGeneralizedTime(date: Date): Buffer {
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`DER: GeneralizedTime cannot hold year ${y}`);
  const s = `${pad(y, 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(s, 'latin1'));
}

/** RFC 5280 §4.1.2.5 Time: UTCTime through 2049, GeneralizedTime from 2050. */
export function derTime(date: Date): Buffer {
  if (Number.isNaN(date.getTime())) throw new RangeError('DER: invalid date');
  const y = date.getUTCFullYear();
  return y >= 1950 && y <= 2049 ? derUtcTime(date) : derGeneralizedTime(date);
}

export function derSequence(...items: Buffer[]): Buffer {
  return tlv(TAG.SEQUENCE, ...items);
}

/** SET OF: DER orders the element encodings ascending (X.690 §11.6). */
export function derSet(...items: Buffer[]): Buffer {
  return tlv(TAG.SET, ...[...items].sort(Buffer.compare));
}

/** [n] EXPLICIT: a constructed context-specific tag wrapping one complete encoding. */
export function derExplicit(n: number, inner: Buffer): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new RangeError(`DER: bad context tag ${n}`);
  return tlv(0xa0 | n, inner);
}

/** [n] IMPLICIT on a primitive type: the context tag replaces the type's tag, same contents. */
export function derImplicit(n: number, contents: Buffer, constructed = false): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 30) throw new RangeError(`DER: bad context tag ${n}`);
  return tlv((constructed ? 0xa0 : 0x80) | n, contents);
}
