// urllib.parse's percent-encoding half, ported from CPython 3.11.7: quote / quote_plus,
// unquote / unquote_plus (ASCII runs unquoted and decoded one at a time, as Python does),
// urlencode, parse_qsl / parse_qs, with Python's error messages word for word.
import { PyValueError } from '../core/errors.js';
import { pyRepr } from '../core/py-text.js';
import { decodeBytes, encodeText } from './codec.js';

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const HEX = '0123456789ABCDEF';

/** quote_from_bytes(bs, safe): bytes outside the always-safe set and the ASCII of `safe` become %XX. */
export function quoteFromBytes(bytes: Uint8Array, safe = '/'): string {
  const keep = new Uint8Array(128);
  for (const ch of ALWAYS_SAFE + safe) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) keep[cp] = 1;
  }
  let out = '';
  for (const b of bytes) out += b < 128 && keep[b] ? String.fromCharCode(b) : '%' + HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/** urllib.parse.quote(string, safe, encoding, errors). */
export function quote(s: string, safe = '/', encoding = 'utf-8', errors = 'strict'): string {
  if (!s) return s;
  return quoteFromBytes(encodeText(s, encoding, errors), safe);
}

/** urllib.parse.quote_plus: quote with ' ' as '+' (and safe defaulting to ''). */
export function quotePlus(s: string, safe = '', encoding = 'utf-8', errors = 'strict'): string {
  if (!s.includes(' ')) return quote(s, safe, encoding, errors);
  return quote(s, safe + ' ', encoding, errors).replace(/ /g, '+');
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** unquote_to_bytes for an ASCII-only string: %XX (either case) becomes the byte. */
function unquoteAsciiToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/**
 * urllib.parse.unquote_to_bytes(string): the UTF-8 of `string` (UnicodeEncodeError for a
 * lone surrogate, as Python's str.encode) with %XX escapes decoded.
 */
export function unquoteToBytes(s: string): Uint8Array {
  const raw = Buffer.from(encodeText(s, 'utf-8', 'strict'));
  return unquoteAsciiToBytes(raw.toString('latin1'));
}

/** urllib.parse.unquote(string, encoding, errors). */
export function unquote(s: string, encoding = 'utf-8', errors = 'replace'): string {
  if (!s.includes('%')) return s;
  // _asciire.split: ASCII runs are unquoted and decoded on their own, the rest kept as it is
  let out = '';
  for (const part of s.split(/([\x00-\x7f]+)/)) {
    if (part && part.charCodeAt(0) < 0x80) out += decodeBytes(unquoteAsciiToBytes(part), encoding, errors);
    else out += part;
  }
  return out;
}

/** urllib.parse.unquote_plus: '+' as ' ', then unquote. */
export function unquotePlus(s: string, encoding = 'utf-8', errors = 'replace'): string {
  return unquote(s.replace(/\+/g, ' '), encoding, errors);
}

/** The keyword arguments of urlencode. */
export interface UrlencodeOptions {
  doseq?: boolean;
  safe?: string;
  encoding?: string;
  errors?: string;
  quoteVia?: 'quote' | 'quote_plus';
}

/** Python's str() of a list of str: ['a', 'b']. */
function pyListStr(items: readonly string[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']';
}

/**
 * urllib.parse.urlencode over a sequence of (key, value) pairs. A list value is one
 * parameter per item with `doseq`, else Python's str() of the list, as Python does.
 */
export function urlencode(pairs: ReadonlyArray<readonly [string, string | readonly string[]]>, options: UrlencodeOptions = {}): string {
  const safe = options.safe ?? '';
  const encoding = options.encoding ?? 'utf-8';
  const errors = options.errors ?? 'strict';
  const via = options.quoteVia === 'quote' ? quote : quotePlus;
  const q = (s: string): string => via(s, safe, encoding, errors);
  const out: string[] = [];
  for (const [k, v] of pairs) {
    const key = q(k);
    if (typeof v === 'string') out.push(key + '=' + q(v));
    else if (!options.doseq) out.push(key + '=' + q(pyListStr(v)));
    else for (const item of v) out.push(key + '=' + q(item));
  }
  return out.join('&');
}

/** The keyword arguments of parse_qsl and parse_qs. */
export interface ParseQsOptions {
  keepBlankValues?: boolean;
  strictParsing?: boolean;
  encoding?: string;
  errors?: string;
  maxNumFields?: number | null;
  separator?: string;
}

/** urllib.parse.parse_qsl: the (name, value) pairs of a query string, in order. */
export function parseQsl(qs: string, options: ParseQsOptions = {}): Array<[string, string]> {
  const separator = options.separator ?? '&';
  const encoding = options.encoding ?? 'utf-8';
  const errors = options.errors ?? 'replace';
  if (!separator || typeof separator !== 'string') throw new PyValueError('Separator must be of type string or bytes.');
  const fields = qs ? qs.split(separator) : [];
  if (options.maxNumFields !== undefined && options.maxNumFields !== null && options.maxNumFields < fields.length) {
    throw new PyValueError('Max number of fields exceeded');
  }
  const r: Array<[string, string]> = [];
  for (const nameValue of fields) {
    if (!nameValue && !options.strictParsing) continue;
    const eq = nameValue.indexOf('=');
    const nv = eq < 0 ? [nameValue] : [nameValue.slice(0, eq), nameValue.slice(eq + 1)];
    if (nv.length !== 2) {
      if (options.strictParsing) throw new PyValueError(`bad query field: ${pyRepr(nameValue)}`);
      if (options.keepBlankValues) nv.push('');
      else continue;
    }
    if (nv[1]!.length || options.keepBlankValues) {
      const name = unquote(nv[0]!.replace(/\+/g, ' '), encoding, errors);
      const value = unquote(nv[1]!.replace(/\+/g, ' '), encoding, errors);
      r.push([name, value]);
    }
  }
  return r;
}

/** urllib.parse.parse_qs: name → every value it had, names in first-seen order. */
export function parseQs(qs: string, options: ParseQsOptions = {}): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of parseQsl(qs, options)) {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  }
  return out;
}
