// CookieJar.make_cookies() of CPython 3.11 Lib/http/cookiejar.py with DefaultCookiePolicy():
// Set-Cookie2 (split_header_words) and Set-Cookie (parse_ns_headers) values normalised by
// _normalized_cookie_tuples(), turned into Cookies by _cookie_from_cookie_tuple() (which
// deletes the jar's cookie for an already expired one), RFC 2109 cookies made Netscape.
import { PyTypeError } from '../core/errors.js';
import { parsePyInt } from '../core/py-text.js';
import { Cookie, type CookieJar, type CookieRest, type Flag } from './cookie.js';
import { splitHeaderWords, WS } from './header-words.js';
import { parseNsHeaders, type AttrPair, type AttrValue } from './ns-headers.js';
import { effRequestHost, escapePath, POLICY, requestPath, requestPort, type CookieRequest } from './policy.js';

/** A response's headers: [name, value] pairs, or a record (Node's IncomingMessage.headers). */
export type ResponseHeaders = Iterable<readonly [string, string]> | Readonly<Record<string, string | readonly string[] | undefined>>;

/** headers.get_all(name, []): every value of the header, names compared case-insensitively. */
export function headerValues(headers: ResponseHeaders, name: string): string[] {
  const want = name.toLowerCase();
  const out: string[] = [];
  const entries: Iterable<readonly [string, string | readonly string[] | undefined]> =
    Symbol.iterator in headers ? (headers as Iterable<readonly [string, string]>) : Object.entries(headers);
  for (const [k, v] of entries) {
    if (k.toLowerCase() !== want || v === undefined) continue;
    if (typeof v === 'string') out.push(v);
    else out.push(...v);
  }
  return out;
}

/** A standard attribute's value once normalised: max-age became an absolute expires (exact). */
type StdValue = AttrValue | boolean | bigint;
const BOOLEAN_ATTRS = ['discard', 'secure'];
const VALUE_ATTRS = ['version', 'expires', 'max-age', 'domain', 'path', 'port', 'comment', 'commenturl'];

export interface CookieTuple {
  name: string;
  value: string | null;
  standard: Map<string, StdValue>;
  rest: Map<string, AttrValue>;
}

/** _normalized_cookie_tuples(attrs_set) with `now` (int seconds); throws where Python raises. */
export function normalizedCookieTuples(attrsSet: readonly (readonly AttrPair[])[], now: number): CookieTuple[] {
  const tuples: CookieTuple[] = [];
  for (const cookieAttrs of attrsSet) {
    const [name, value] = cookieAttrs[0]!;
    let maxAgeSet = false;
    let badCookie = false;
    const standard = new Map<string, StdValue>();
    const rest = new Map<string, AttrValue>();
    for (let [k, v] of cookieAttrs.slice(1) as [string, StdValue][]) {
      const lc = k.toLowerCase();
      // don't lose case distinction for unknown fields
      if (VALUE_ATTRS.includes(lc) || BOOLEAN_ATTRS.includes(lc)) k = lc;
      // a boolean cookie-attribute present with no value (like "discard", rather than "port=80")
      if (BOOLEAN_ATTRS.includes(k) && v === null) v = true;
      // only first value is significant
      if (standard.has(k)) continue;
      if (k === 'domain') {
        if (v === null) {
          badCookie = true; // missing value for domain attribute
          break;
        }
        v = String(v).toLowerCase(); // RFC 2965 section 3.3.3
      }
      if (k === 'expires') {
        if (maxAgeSet) continue; // prefer max-age to expires (like Mozilla)
        if (v === null) continue; // missing or invalid: a session cookie
      }
      if (k === 'max-age') {
        maxAgeSet = true;
        if (typeof v !== 'string') throw new PyTypeError("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
        const n = parsePyInt(v, 10);
        if (n === undefined) {
          badCookie = true; // missing or invalid (non-numeric) value for max-age
          break;
        }
        // RFC 2965 Max-Age to seconds since epoch; zero asks to discard the cookie
        k = 'expires';
        v = BigInt(now) + n;
      }
      if (VALUE_ATTRS.includes(k) || BOOLEAN_ATTRS.includes(k)) {
        if (v === null && !['port', 'comment', 'commenturl'].includes(k)) {
          badCookie = true; // missing value for the attribute
          break;
        }
        standard.set(k, v);
      } else {
        rest.set(k, v as AttrValue);
      }
    }
    if (badCookie) continue;
    tuples.push({ name, value: value as string | null, standard, rest });
  }
  return tuples;
}

function str(v: StdValue | undefined): string {
  if (typeof v !== 'string') throw new PyTypeError(`expected a str attribute, got ${typeof v}`);
  return v;
}

/** Python's `expires <= now` on what the attribute holds (a str there raises TypeError). */
function expiredBy(expires: StdValue, now: number): boolean {
  if (typeof expires === 'bigint') return expires <= BigInt(now);
  if (typeof expires === 'number') return expires <= now;
  if (typeof expires === 'boolean') return Number(expires) <= now;
  throw new PyTypeError("'<=' not supported between instances of 'str' and 'int'");
}

/** int(float(expires)) as the Cookie constructor does it (OverflowError past a double). */
function intOfFloat(expires: StdValue): number {
  const f = typeof expires === 'bigint' ? Number(expires) : Number(expires);
  if (!Number.isFinite(f)) throw new PyTypeError('OverflowError: int too large to convert to float');
  return Math.trunc(f) + 0;
}

/**
 * _cookie_from_cookie_tuple(tup, request): the Cookie, or null for a bad version or an
 * expiry at or before `now` (which first removes the jar's cookie of that domain, path, name).
 */
export function cookieFromCookieTuple(tup: CookieTuple, req: CookieRequest, jar: CookieJar, now: number): Cookie | null {
  const { name, value, standard } = tup;
  const get = (k: string): StdValue | undefined => standard.get(k);
  let version: number | null = null;
  const versionText = get('version');
  if (versionText !== undefined && versionText !== null) {
    const n = parsePyInt(str(versionText), 10);
    if (n === undefined) return null; // invalid version, ignore cookie
    version = Number(n);
  }
  const secure = (get('secure') ?? false) as Flag;
  // (discard is also set if expires is absent)
  let discard = (get('discard') ?? false) as Flag;
  const comment = (get('comment') ?? null) as string | null;
  const commentUrl = (get('commenturl') ?? null) as string | null;

  // default path
  let path: string;
  let pathSpecified: boolean;
  const pathAttr = get('path');
  if (pathAttr !== undefined && pathAttr !== '') {
    pathSpecified = true;
    path = escapePath(str(pathAttr));
  } else {
    pathSpecified = false;
    path = requestPath(req);
    const i = path.lastIndexOf('/');
    if (i !== -1) path = version === 0 ? path.slice(0, i) : path.slice(0, i + 1); // Netscape spec parts company from reality here
    if (path.length === 0) path = '/';
  }

  // default domain, remembering whether the attribute started with a dot
  const domainAttr = get('domain');
  const domainSpecified = domainAttr !== undefined;
  let domain: string;
  let domainInitialDot = false;
  if (domainAttr === undefined) domain = effRequestHost(req)[1];
  else {
    domain = str(domainAttr);
    domainInitialDot = domain.startsWith('.');
    if (!domainInitialDot) domain = '.' + domain;
  }

  // default port
  let port: string | null = null;
  let portSpecified = false;
  const portAttr = get('port');
  if (portAttr !== undefined) {
    // present with no value: the request's port, the only one the cookie goes back to
    if (portAttr === null) port = requestPort(req);
    else {
      portSpecified = true;
      port = str(portAttr).replace(new RegExp(`[${WS}]+`, 'g'), '');
    }
  }

  // default expires and discard
  let expires: number | null = null;
  const expiresAttr = get('expires');
  if (expiresAttr === undefined) discard = true;
  else if (expiredBy(expiresAttr, now)) {
    // an expiry date in the past is a request to delete the cookie
    try {
      jar.clear(domain, path, name);
    } catch {
      // KeyError: nothing to delete
    }
    return null;
  } else expires = intOfFloat(expiresAttr);

  const rest: CookieRest = Object.fromEntries(tup.rest) as CookieRest;
  return new Cookie({
    version,
    name,
    value,
    port,
    port_specified: portSpecified,
    domain,
    domain_specified: domainSpecified,
    domain_initial_dot: domainInitialDot,
    path,
    path_specified: pathSpecified,
    secure,
    expires,
    discard,
    comment,
    comment_url: commentUrl,
    rest,
  });
}

/** _cookies_from_attrs_set(attrs_set, request): the cookies, null ones dropped. */
export function cookiesFromAttrsSet(attrsSet: readonly (readonly AttrPair[])[], req: CookieRequest, jar: CookieJar, now: number): Cookie[] {
  const cookies: Cookie[] = [];
  for (const tup of normalizedCookieTuples(attrsSet, now)) {
    const cookie = cookieFromCookieTuple(tup, req, jar, now);
    if (cookie) cookies.push(cookie);
  }
  return cookies;
}

/** _process_rfc2109_cookies(): version 1 Set-Cookie cookies are RFC 2109, kept as Netscape (rfc2965 off). */
export function processRfc2109Cookies(cookies: readonly Cookie[]): void {
  const asNetscape = !POLICY.rfc2965; // rfc2109_as_netscape=None
  for (const cookie of cookies) {
    if (cookie.version === 1) {
      cookie.rfc2109 = true;
      if (asNetscape) cookie.version = 0;
    }
  }
}

/**
 * CookieJar.make_cookies(response, request) at time `now` (seconds): the cookies of the
 * Set-Cookie2 values, then of the Set-Cookie values. As in Python, a header set that
 * makes the parser raise yields no cookies from that header kind (Python warns
 * "http.cookiejar bug!"), and already expired cookies are deleted from `jar` on the way.
 */
export function makeCookies(jar: CookieJar, headers: ResponseHeaders, req: CookieRequest, now: number): Cookie[] {
  const t = Math.trunc(now);
  const rfc2965Hdrs = headerValues(headers, 'Set-Cookie2');
  const nsHdrs = headerValues(headers, 'Set-Cookie');
  const { rfc2965, netscape } = POLICY;
  if ((!rfc2965Hdrs.length && !nsHdrs.length) || (!nsHdrs.length && !rfc2965) || (!rfc2965Hdrs.length && !netscape) || (!netscape && !rfc2965)) return [];
  let cookies: Cookie[];
  try {
    cookies = cookiesFromAttrsSet(splitHeaderWords(rfc2965Hdrs), req, jar, t);
  } catch {
    cookies = [];
  }
  if (nsHdrs.length && netscape) {
    let nsCookies: Cookie[];
    try {
      // RFC 2109 and Netscape cookies
      nsCookies = cookiesFromAttrsSet(parseNsHeaders(nsHdrs, t), req, jar, t);
    } catch {
      nsCookies = [];
    }
    processRfc2109Cookies(nsCookies);
    // (with rfc2965 on, Python drops Netscape cookies an RFC 2965 cookie of the same domain, path and name overrides)
    cookies.push(...nsCookies);
  }
  return cookies;
}
