// Address text, both ways: CPython 3.11's _BaseV4/_BaseV6 _ip_int_from_string (with every
// AddressValueError message, word for word), _string_from_ip_int and the hextet
// compression of RFC 5952 §4.2 as ipaddress implements it.
import { intErrorMessage, pyRepr } from '../core/py-text.js';
import { AddressValueError } from './errors.js';

/** 2**32 - 1. */
export const V4_ALL_ONES = 0xffffffff;
/** 2**128 - 1. */
export const V6_ALL_ONES = (1n << 128n) - 1n;

// A ValueError raised inside octet/hextet parsing; the caller wraps it as "<msg> in <repr>".
class PartError extends Error {}

const ASCII_DIGITS = /^[0-9]+$/;
const HEX_DIGITS = /^[0-9A-Fa-f]*$/;

function parseOctet(octet: string): number {
  if (!octet) throw new PartError('Empty octet not permitted');
  if (!ASCII_DIGITS.test(octet)) throw new PartError(`Only decimal digits permitted in ${pyRepr(octet)}`);
  if (octet.length > 3) throw new PartError(`At most 3 characters permitted in ${pyRepr(octet)}`);
  // CVE-2021-29921: a leading zero could be read as octal by other parsers.
  if (octet !== '0' && octet[0] === '0') throw new PartError(`Leading zeros are not permitted in ${pyRepr(octet)}`);
  const value = Number(octet);
  if (value > 255) throw new PartError(`Octet ${value} (> 255) not permitted`);
  return value;
}

/**
 * The dotted quads _ip_int_from_string accepts (four octets of 1-3 ASCII digits, no
 * leading zero, at most 255), read in one pass from text or from raw bytes (a stdin line
 * that never becomes a string); -1 for anything else, which the full parser then rejects
 * with Python's message or reads some other way. Hot path of bulk verbs.
 */
export function quickV4(src: string | Uint8Array, start = 0, end = src.length): number {
  const n = end - start;
  if (n < 7 || n > 15) return -1;
  const text = typeof src === 'string';
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text ? src.charCodeAt(i) : src[i]!;
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return -1; // a leading zero (CVE-2021-29921)
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else {
      return -1;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** _BaseV4._ip_int_from_string: dotted-quad text to a uint32 (no '/' check here). */
export function parseV4Int(text: string): number {
  const quick = quickV4(text);
  if (quick >= 0) return quick;
  if (!text) throw new AddressValueError('Address cannot be empty');
  const octets = text.split('.');
  if (octets.length !== 4) throw new AddressValueError(`Expected 4 octets in ${pyRepr(text)}`);
  let value = 0;
  try {
    for (const octet of octets) value = value * 256 + parseOctet(octet);
  } catch (e) {
    if (e instanceof PartError) throw new AddressValueError(`${e.message} in ${pyRepr(text)}`);
    throw e;
  }
  return value;
}

/** IPv4Address(str): the '/' check, then the dotted quad. */
export function parseV4Address(text: string): number {
  if (text.includes('/')) throw new AddressValueError(`Unexpected '/' in ${pyRepr(text)}`);
  return parseV4Int(text);
}

/** Dotted decimal of a uint32. */
export function v4ToString(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function parseHextet(hextet: string): number {
  if (!HEX_DIGITS.test(hextet)) throw new PartError(`Only hex digits permitted in ${pyRepr(hextet)}`);
  if (hextet.length > 4) throw new PartError(`At most 4 characters permitted in ${pyRepr(hextet)}`);
  if (!hextet) throw new PartError(intErrorMessage(hextet, 16));
  return parseInt(hextet, 16);
}

/** _BaseV6._ip_int_from_string: IPv6 text (no scope id, no '/') to a 128-bit bigint. */
export function parseV6Int(text: string): bigint {
  if (!text) throw new AddressValueError('Address cannot be empty');
  const parts = text.split(':');
  if (parts.length < 3) throw new AddressValueError(`At least 3 parts expected in ${pyRepr(text)}`);
  // An embedded dotted quad in the last part (RFC 4291 §2.2 form 3).
  if (parts[parts.length - 1]!.includes('.')) {
    let v4: number;
    try {
      v4 = parseV4Address(parts.pop()!);
    } catch (e) {
      if (e instanceof AddressValueError) throw new AddressValueError(`${e.message} in ${pyRepr(text)}`);
      throw e;
    }
    parts.push(((v4 >>> 16) & 0xffff).toString(16), (v4 & 0xffff).toString(16));
  }
  if (parts.length > 9) throw new AddressValueError(`At most 8 colons permitted in ${pyRepr(text)}`);
  let skip = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (!parts[i]) {
      if (skip >= 0) throw new AddressValueError(`At most one '::' permitted in ${pyRepr(text)}`);
      skip = i;
    }
  }
  let hi: number;
  let lo: number;
  let skipped: number;
  if (skip >= 0) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (!parts[0]) {
      hi--;
      if (hi) throw new AddressValueError(`Leading ':' only permitted as part of '::' in ${pyRepr(text)}`);
    }
    if (!parts[parts.length - 1]) {
      lo--;
      if (lo) throw new AddressValueError(`Trailing ':' only permitted as part of '::' in ${pyRepr(text)}`);
    }
    skipped = 8 - (hi + lo);
    if (skipped < 1) throw new AddressValueError(`Expected at most 7 other parts with '::' in ${pyRepr(text)}`);
  } else {
    if (parts.length !== 8) throw new AddressValueError(`Exactly 8 parts expected without '::' in ${pyRepr(text)}`);
    if (!parts[0]) throw new AddressValueError(`Leading ':' only permitted as part of '::' in ${pyRepr(text)}`);
    if (!parts[7]) throw new AddressValueError(`Trailing ':' only permitted as part of '::' in ${pyRepr(text)}`);
    hi = 8;
    lo = 0;
    skipped = 0;
  }
  const hextets: number[] = [];
  try {
    for (let i = 0; i < hi; i++) hextets.push(parseHextet(parts[i]!));
    for (let i = 0; i < skipped; i++) hextets.push(0);
    for (let i = parts.length - lo; i < parts.length; i++) hextets.push(parseHextet(parts[i]!));
  } catch (e) {
    if (e instanceof PartError) throw new AddressValueError(`${e.message} in ${pyRepr(text)}`);
    throw e;
  }
  return BigInt('0x' + hextets.map((h) => h.toString(16).padStart(4, '0')).join(''));
}

/** _BaseV6._split_scope_id: "addr%zone" (RFC 4007 §11) into its two halves. */
export function splitScopeId(text: string): [string, string | null] {
  const at = text.indexOf('%');
  if (at < 0) return [text, null];
  const scope = text.slice(at + 1);
  if (!scope || scope.includes('%')) throw new AddressValueError(`Invalid IPv6 address: "${pyRepr(text)}"`);
  return [text.slice(0, at), scope];
}

/** IPv6Address(str): the '/' check, the scope id, then the address. */
export function parseV6Address(text: string): [bigint, string | null] {
  if (text.includes('/')) throw new AddressValueError(`Unexpected '/' in ${pyRepr(text)}`);
  const [addr, scope] = splitScopeId(text);
  return [parseV6Int(addr), scope];
}

/** The 32 lower-case hex digits of a 128-bit value. */
export function v6Hex(value: bigint): string {
  return value.toString(16).padStart(32, '0');
}

/** "xxxx:xxxx:...": every hextet four digits (the exploded form). */
export function v6Exploded(value: bigint): string {
  const hex = v6Hex(value);
  const parts: string[] = [];
  for (let i = 0; i < 32; i += 4) parts.push(hex.slice(i, i + 4));
  return parts.join(':');
}

/**
 * _string_from_ip_int: hextets without leading zeros, the longest run (first on ties) of
 * two or more zero hextets replaced by '::' (RFC 5952 §4.2; a lone zero stays "0").
 */
export function v6ToString(value: bigint): string {
  const hex = v6Hex(value);
  const hextets: string[] = [];
  for (let i = 0; i < 32; i += 4) hextets.push(parseInt(hex.slice(i, i + 4), 16).toString(16));
  let bestStart = -1;
  let bestLen = 0;
  let start = -1;
  let len = 0;
  for (let i = 0; i < 8; i++) {
    if (hextets[i] === '0') {
      len++;
      if (start === -1) start = i;
      if (len > bestLen) {
        bestLen = len;
        bestStart = start;
      }
    } else {
      len = 0;
      start = -1;
    }
  }
  if (bestLen > 1) {
    const end = bestStart + bestLen;
    const head = hextets.slice(0, bestStart).join(':');
    const tail = hextets.slice(end).join(':');
    return `${head}::${tail}`;
  }
  return hextets.join(':');
}
