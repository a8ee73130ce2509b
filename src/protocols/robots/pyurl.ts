// Private stand-in for the pieces of CPython 3.11's urllib.parse (and of str) that the
// robots engine needs: urlparse/urlunparse, quote, unquote, str.splitlines, str.strip,
// str.isdigit/isdecimal and int(). TO BE REPLACED by src/protocols/url once that port
// exists; nothing outside src/protocols/robots/ should import this file.
import { PyValueError } from '../core/errors.js';
import { IPv4Address, IPv6Address } from '../ip/address.js';

// ------------------------------------------------------------------ str methods

/** Python's str.splitlines() (no keepends): every line boundary Python knows. */
export function splitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const PY_SPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's str.strip() with no argument (str.isspace() characters, not JS trim's). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.includes(text[start]!)) start++;
  while (end > start && PY_SPACE.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Python's str.lstrip(chars). */
function lstrip(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start]!)) start++;
  return text.slice(start);
}

// Characters str.isdigit() accepts beyond the decimal digits (Unicode 14.0, Python 3.11).
const DIGIT_NOT_DECIMAL =
  /[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]/u;

/** Python's str.isdecimal(): non-empty and every character a Unicode decimal digit. */
export function isDecimal(text: string): boolean {
  return /^\p{Nd}+$/u.test(text);
}

/** Python's str.isdigit(): like isdecimal, plus superscripts, circled digits and the like. */
export function isDigit(text: string): boolean {
  if (text === '') return false;
  for (const ch of text) if (!/\p{Nd}/u.test(ch) && !DIGIT_NOT_DECIMAL.test(ch)) return false;
  return true;
}

function decimalValue(ch: string): number {
  // Decimal digits come in runs of ten that start at zero; count back to the run's start.
  let cp = ch.codePointAt(0)!;
  let k = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    k++;
  }
  return k % 10;
}

/**
 * Python's int(text) for base 10: surrounding whitespace allowed, Unicode decimal digits
 * allowed. Throws PyValueError like Python. Values past 2**53 lose precision.
 */
export function pyInt(text: string): number {
  const body = pyStrip(text);
  const m = /^([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)$/u.exec(body);
  if (!m) throw new PyValueError(`invalid literal for int() with base 10: ${pyRepr(text)}`, 'ERR_ROBOTS_INT');
  let n = 0;
  for (const ch of m[2]!) if (ch !== '_') n = n * 10 + decimalValue(ch);
  return m[1] === '-' ? -n : n;
}

/** Python's repr() of a str, enough for error messages. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (/[\x00-\x1f\x7f-\xa0]/.test(ch)) out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

// ------------------------------------------------------------------ quote / unquote

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const HEX = /^[0-9A-Fa-f]{2}$/;

/** The bytes of `ascii` with every %XX decoded (urllib.parse.unquote_to_bytes). */
function unquoteToBytes(text: string): Uint8Array {
  const raw = ENCODER.encode(text);
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === 0x25 && i + 2 < raw.length && HEX.test(String.fromCharCode(raw[i + 1]!, raw[i + 2]!))) {
      out[n++] = parseInt(String.fromCharCode(raw[i + 1]!, raw[i + 2]!), 16);
      i += 2;
    } else {
      out[n++] = b;
    }
  }
  return out.subarray(0, n);
}

/** urllib.parse.unquote(text) with encoding utf-8 and errors 'replace'. */
export function unquote(text: string): string {
  if (!text.includes('%')) return text;
  // Python unquotes each run of ASCII characters on its own and keeps the rest as is.
  return text.replace(/[\x00-\x7f]+/g, (run) => (run.includes('%') ? DECODER.decode(unquoteToBytes(run)) : run));
}

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

function quoteBytes(bytes: Uint8Array, safe: string): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && (ALWAYS_SAFE.test(ch) || safe.includes(ch)) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * urllib.parse.quote(text, safe='/') with utf-8. (Python raises UnicodeEncodeError on a
 * lone surrogate; here it is quoted as U+FFFD.)
 */
export function quote(text: string, safe = '/'): string {
  return quoteBytes(ENCODER.encode(text), safe);
}

/**
 * quote(unquote(text, errors='surrogateescape'), errors='surrogateescape'), the
 * normalisation of newer CPython's robotparser: at byte level, %XX becomes its byte and
 * every byte is quoted again, so escapes come out upper case and unreserved bytes decoded.
 */
export function normalizeEscapes(text: string): string {
  const parts: number[] = [];
  for (const run of text.split(/([\x00-\x7f]+)/)) {
    if (run === '') continue;
    const bytes = /^[\x00-\x7f]/.test(run) ? unquoteToBytes(run) : ENCODER.encode(run);
    for (const b of bytes) parts.push(b);
  }
  return quoteBytes(Uint8Array.from(parts), '/');
}

// ------------------------------------------------------------------ urlsplit / urlparse

const C0_OR_SPACE = Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(i)).join('');
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;
const USES_PARAMS = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtsps', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel'];
const USES_NETLOC = ['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtsps', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss'];

/** urlsplit's five parts; query and fragment are null when their delimiter is absent. */
export interface SplitUrl {
  scheme: string;
  netloc: string | null;
  path: string;
  query: string | null;
  fragment: string | null;
}

function checkBracketedHost(host: string): void {
  if (host.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\..+$/s.test(host)) throw new PyValueError('IPvFuture address is invalid', 'ERR_ROBOTS_URL');
    return;
  }
  let v4 = false;
  try {
    IPv4Address.parse(host);
    v4 = true;
  } catch {
    try {
      IPv6Address.parse(host);
    } catch {
      throw new PyValueError(`${pyRepr(host)} does not appear to be an IPv4 or IPv6 address`, 'ERR_ROBOTS_URL');
    }
  }
  if (v4) throw new PyValueError('An IPv4 address cannot be in brackets', 'ERR_ROBOTS_URL');
}

function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const n2 = n.normalize('NFKC');
  if (n === n2) return;
  for (const c of '/?#@:') {
    if (n2.includes(c)) throw new PyValueError(`netloc '${netloc}' contains invalid characters under NFKC normalization`, 'ERR_ROBOTS_URL');
  }
}

/**
 * urllib.parse.urlsplit(url) of CPython 3.11, keeping track of whether "?" and "#" were
 * present (null when absent) as newer CPython's private _urlsplit does. Throws PyValueError.
 */
export function urlsplit(input: string): SplitUrl {
  let url = lstrip(input, C0_OR_SPACE).replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc: string | null = null;
  let query: string | null = null;
  let fragment: string | null = null;
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    let delim = url.length;
    for (const c of '/?#') {
      const w = url.indexOf(c, 2);
      if (w >= 0) delim = Math.min(delim, w);
    }
    netloc = url.slice(2, delim);
    url = url.slice(delim);
    if (netloc.includes('[') !== netloc.includes(']')) throw new PyValueError('Invalid IPv6 URL', 'ERR_ROBOTS_URL');
    if (netloc.includes('[')) {
      const after = netloc.slice(netloc.indexOf('[') + 1);
      const close = after.indexOf(']');
      checkBracketedHost(close >= 0 ? after.slice(0, close) : after);
    }
  }
  const hash = url.indexOf('#');
  if (hash >= 0) {
    fragment = url.slice(hash + 1);
    url = url.slice(0, hash);
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  checkNetloc(netloc ?? '');
  return { scheme, netloc, path: url, query, fragment };
}

/** urllib.parse.urlparse(url) of 3.11: urlsplit plus the ";params" of the last segment. */
export function urlparse(url: string): { scheme: string; netloc: string; path: string; params: string; query: string; fragment: string } {
  const s = urlsplit(url);
  let path = s.path;
  let params = '';
  if (USES_PARAMS.includes(s.scheme) && path.includes(';')) {
    const i = path.includes('/') ? path.indexOf(';', path.lastIndexOf('/')) : path.indexOf(';');
    if (i >= 0) {
      params = path.slice(i + 1);
      path = path.slice(0, i);
    }
  }
  return { scheme: s.scheme, netloc: s.netloc ?? '', path, params, query: s.query ?? '', fragment: s.fragment ?? '' };
}

/** urllib.parse.urlunparse of 3.11 (empty parts, including an empty query, are dropped). */
export function urlunparse(p: { scheme: string; netloc: string; path: string; params: string; query: string; fragment: string }): string {
  let url = p.params ? `${p.path};${p.params}` : p.path;
  if (p.netloc || (p.scheme && USES_NETLOC.includes(p.scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = '/' + url;
    url = '//' + p.netloc + url;
  }
  if (p.scheme) url = p.scheme + ':' + url;
  if (p.query) url += '?' + p.query;
  if (p.fragment) url += '#' + p.fragment;
  return url;
}

/** Newer CPython's _urlunsplit(None, None, path, query, fragment): the path-and-after part. */
export function pathQueryFragment(s: SplitUrl): string {
  let url = s.path.startsWith('//') ? '//' + s.path : s.path;
  if (s.query !== null) url += '?' + s.query;
  if (s.fragment !== null) url += '#' + s.fragment;
  return url;
}
