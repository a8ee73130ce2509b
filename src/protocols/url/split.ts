// urllib.parse.urlsplit / urlparse / urlunsplit / urlunparse / urldefrag, ported from
// CPython 3.11.7: the WHATWG leading C0-control-or-space stripping, tab/CR/LF removal,
// bracketed-host validation (ipaddress.ip_address, IPvFuture), the NFKC netloc check, and
// the username / password / hostname / port attributes with Python's exact ValueErrors.
import { PyValueError } from '../core/errors.js';
import { MAX_STR_DIGITS, isPyPrintable, pyRepr } from '../core/py-text.js';
import { IPv4Address, ipAddress } from '../ip/address.js';

/** Schemes urljoin resolves relative references for (urllib.parse.uses_relative). */
export const USES_RELATIVE: readonly string[] = ['', 'ftp', 'http', 'gopher', 'nntp', 'imap', 'wais', 'file', 'https', 'shttp', 'mms', 'prospero', 'rtsp', 'rtsps', 'rtspu', 'sftp', 'svn', 'svn+ssh', 'ws', 'wss'];

/** Schemes with a //netloc part (urllib.parse.uses_netloc). */
export const USES_NETLOC: readonly string[] = ['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtsps', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss'];

/** Schemes whose last path segment may carry ;params (urllib.parse.uses_params). */
export const USES_PARAMS: readonly string[] = ['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtsps', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel'];

const SCHEME_CHARS = /^[A-Za-z0-9+\-.]*$/;

/** str.lstrip / strip of _WHATWG_C0_CONTROL_OR_SPACE (U+0000 to U+0020). */
function stripC0(text: string, right: boolean): string {
  let a = 0;
  let b = text.length;
  while (a < b && text.charCodeAt(a) <= 0x20) a++;
  if (right) while (b > a && text.charCodeAt(b - 1) <= 0x20) b--;
  return text.slice(a, b);
}

/** Python's str.partition. */
function partition(text: string, sep: string): [string, string, string] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, '', ''] : [text.slice(0, i), sep, text.slice(i + sep.length)];
}

/** Python's str.rpartition. */
function rpartition(text: string, sep: string): [string, string, string] {
  const i = text.lastIndexOf(sep);
  return i < 0 ? ['', '', text] : [text.slice(0, i), sep, text.slice(i + sep.length)];
}

/**
 * Python's str.lower() on CPython 3.11's Unicode 14: characters unassigned there (not
 * printable in 3.11) keep their case even where Node's newer ICU lowercases them, and
 * split the text so they take no part in the final-sigma context either.
 */
function pyLower(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  let run = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || isPyPrintable(cp)) run += ch;
    else {
      out += run.toLowerCase() + ch;
      run = '';
    }
  }
  return out + run.toLowerCase();
}

/** The netloc attributes shared by SplitResult and ParseResult (_NetlocResultMixinStr). */
abstract class NetlocResult {
  abstract readonly netloc: string;

  // username/password and hostname/port read the same split of the netloc: made once.
  private userinfoSplit: [string | null, string | null] | undefined;
  private hostinfoSplit: [string, string | null] | undefined;

  private get userinfo(): [string | null, string | null] {
    return (this.userinfoSplit ??= this.splitUserinfo());
  }

  private get hostinfo(): [string, string | null] {
    return (this.hostinfoSplit ??= this.splitHostinfo());
  }

  private splitUserinfo(): [string | null, string | null] {
    const [userinfo, haveInfo] = rpartition(this.netloc, '@');
    if (!haveInfo) return [null, null];
    const [username, havePassword, password] = partition(userinfo, ':');
    return [username, havePassword ? password : null];
  }

  private splitHostinfo(): [string, string | null] {
    const hostinfo = rpartition(this.netloc, '@')[2];
    const [, haveOpenBr, bracketed] = partition(hostinfo, '[');
    let hostname: string;
    let port: string;
    if (haveOpenBr) {
      const [h, , rest] = partition(bracketed, ']');
      hostname = h;
      port = partition(rest, ':')[2];
    } else {
      [hostname, , port] = partition(hostinfo, ':');
    }
    return [hostname, port ? port : null];
  }

  /** The user name before ':' in the userinfo, or null without an '@'. */
  get username(): string | null {
    return this.userinfo[0];
  }

  /** The password after ':' in the userinfo, or null. */
  get password(): string | null {
    return this.userinfo[1];
  }

  /** The host, lowercased before any '%zone'; null when empty. */
  get hostname(): string | null {
    const hostname = this.hostinfo[0];
    if (!hostname) return null;
    const [host, percent, zone] = partition(hostname, '%');
    return pyLower(host) + percent + zone;
  }

  /** The port as a number, or null; ValueError as Python raises it for a bad or out-of-range port. */
  get port(): number | null {
    const port = this.hostinfo[1];
    if (port === null) return null;
    if (!/^[0-9]+$/.test(port)) throw new PyValueError(`Port could not be cast to integer value as ${pyRepr(port)}`);
    if (port.length > MAX_STR_DIGITS) {
      throw new PyValueError(`Exceeds the limit (${MAX_STR_DIGITS} digits) for integer string conversion: value has ${port.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
    }
    const value = port.replace(/^0+(?=.)/, '');
    if (value.length > 5 || Number(value) > 65535) throw new PyValueError('Port out of range 0-65535');
    return Number(value);
  }
}

/** urllib.parse.SplitResult: scheme, netloc, path, query, fragment. */
export class SplitResult extends NetlocResult {
  constructor(
    readonly scheme: string,
    readonly netloc: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {
    super();
  }

  /** The five fields in Python's tuple order. */
  toTuple(): [string, string, string, string, string] {
    return [this.scheme, this.netloc, this.path, this.query, this.fragment];
  }

  /** urlunsplit(self). */
  geturl(): string {
    return urlunsplit(this.toTuple());
  }
}

/** urllib.parse.ParseResult: scheme, netloc, path, params, query, fragment. */
export class ParseResult extends NetlocResult {
  constructor(
    readonly scheme: string,
    readonly netloc: string,
    readonly path: string,
    readonly params: string,
    readonly query: string,
    readonly fragment: string,
  ) {
    super();
  }

  /** The six fields in Python's tuple order. */
  toTuple(): [string, string, string, string, string, string] {
    return [this.scheme, this.netloc, this.path, this.params, this.query, this.fragment];
  }

  /** urlunparse(self). */
  geturl(): string {
    return urlunparse(this.toTuple());
  }
}

/** urllib.parse.DefragResult. */
export interface DefragResult {
  url: string;
  fragment: string;
}

/** _splitnetloc: the netloc up to the first '/', '?' or '#', and the rest. */
function splitNetloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of '/?#') {
    const w = url.indexOf(c, start);
    if (w >= 0) delim = Math.min(delim, w);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

/** _checknetloc: non-ASCII netlocs must not grow URL delimiters under NFKC. */
function checkNetloc(netloc: string): void {
  if (!netloc || /^[\x00-\x7f]*$/.test(netloc)) return;
  const n = netloc.replace(/[@:#?]/g, '');
  const netloc2 = n.normalize('NFKC');
  if (n === netloc2) return;
  for (const c of '/?#@:') {
    if (netloc2.includes(c)) throw new PyValueError(`netloc '${netloc}' contains invalid characters under NFKC normalization`);
  }
}

/** _check_bracketed_host: an IPv6 address or an IPvFuture literal, never IPv4. */
function checkBracketedHost(hostname: string): void {
  if (hostname.startsWith('v')) {
    if (!/^v[a-fA-F0-9]+\.[^\n]+$/.test(hostname)) throw new PyValueError('IPvFuture address is invalid');
  } else {
    const ip = ipAddress(hostname);
    if (ip instanceof IPv4Address) throw new PyValueError('An IPv4 address cannot be in brackets');
  }
}

/** urlsplit's parts, with null for a query or fragment whose delimiter is absent. */
export interface SplitParts {
  scheme: string;
  netloc: string;
  path: string;
  query: string | null;
  fragment: string | null;
}

/**
 * urlsplit, keeping apart "no '?'" (null) and "an empty query" (''), as newer CPython's
 * private _urlsplit does for robotparser; urlsplit() itself gives '' for both.
 */
export function urlsplitParts(url: string, scheme = '', allowFragments = true): SplitParts {
  url = stripC0(url, false).replace(/[\t\r\n]/g, '');
  scheme = stripC0(scheme, true).replace(/[\t\r\n]/g, '');
  let netloc = '';
  let query: string | null = null;
  let fragment: string | null = null;
  const i = url.indexOf(':');
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith('//')) {
    [netloc, url] = splitNetloc(url, 2);
    const open = netloc.includes('[');
    const close = netloc.includes(']');
    if (open !== close) throw new PyValueError('Invalid IPv6 URL');
    if (open && close) checkBracketedHost(partition(partition(netloc, '[')[2], ']')[0]);
  }
  if (allowFragments && url.includes('#')) [url, , fragment] = partition(url, '#');
  if (url.includes('?')) [url, , query] = partition(url, '?');
  checkNetloc(netloc);
  return { scheme, netloc, path: url, query, fragment };
}

/** urllib.parse.urlsplit(url, scheme, allow_fragments). */
export function urlsplit(url: string, scheme = '', allowFragments = true): SplitResult {
  const p = urlsplitParts(url, scheme, allowFragments);
  return new SplitResult(p.scheme, p.netloc, p.path, p.query ?? '', p.fragment ?? '');
}

/** _splitparams: the ;params of the last path segment. */
function splitParams(url: string): [string, string] {
  let i: number;
  if (url.includes('/')) {
    i = url.indexOf(';', url.lastIndexOf('/'));
    if (i < 0) return [url, ''];
  } else i = url.indexOf(';');
  return [url.slice(0, i), url.slice(i + 1)];
}

/** urllib.parse.urlparse(url, scheme, allow_fragments): urlsplit plus ;params. */
export function urlparse(url: string, scheme = '', allowFragments = true): ParseResult {
  const s = urlsplit(url, scheme, allowFragments);
  let path = s.path;
  let params = '';
  if (USES_PARAMS.includes(s.scheme) && path.includes(';')) [path, params] = splitParams(path);
  return new ParseResult(s.scheme, s.netloc, path, params, s.query, s.fragment);
}

/** urllib.parse.urlunsplit((scheme, netloc, path, query, fragment)). */
export function urlunsplit(components: readonly [string, string, string, string, string]): string {
  const [scheme, netloc, , query, fragment] = components;
  let url = components[2];
  if (netloc || (scheme && USES_NETLOC.includes(scheme) && url.slice(0, 2) !== '//')) {
    if (url && url[0] !== '/') url = '/' + url;
    url = '//' + netloc + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url = url + '?' + query;
  if (fragment) url = url + '#' + fragment;
  return url;
}

/** urllib.parse.urlunparse((scheme, netloc, path, params, query, fragment)). */
export function urlunparse(components: readonly [string, string, string, string, string, string]): string {
  const [scheme, netloc, path, params, query, fragment] = components;
  return urlunsplit([scheme, netloc, params ? `${path};${params}` : path, query, fragment]);
}

/** urllib.parse.urldefrag(url): the URL without its fragment, and the fragment. */
export function urldefrag(url: string): DefragResult {
  if (!url.includes('#')) return { url, fragment: '' };
  const p = urlparse(url);
  return { url: urlunparse([p.scheme, p.netloc, p.path, p.params, p.query, '']), fragment: p.fragment };
}
