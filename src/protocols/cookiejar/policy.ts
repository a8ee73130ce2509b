// DefaultCookiePolicy's return side (CPython 3.11, default settings): which cookies of a
// jar CookieJar.add_cookie_header() would send to a URL, and for each other cookie the
// first check that refused it, as a stable code and Python's debug message. Also the
// request model (urllib.request.Request) and the host helpers the accept side shares.
import { urlparse, urlsplit, quote, unquote } from '../url/index.js';
import { PyValueError } from '../core/errors.js';
import { pyRepr } from '../core/py-text.js';
import type { Cookie, CookieJar } from './cookie.js';
import { truthy } from './cookie.js';

/** Why a cookie is not sent, in the order Python checks. */
export type RefusalCode = 'domain-mismatch' | 'path-mismatch' | 'version' | 'verifiability' | 'secure' | 'expires' | 'port' | 'domain';

export interface Refusal<Code extends string = RefusalCode> {
  code: Code;
  message: string;
}

export interface Decision {
  cookie: Cookie;
  /** null: the cookie would be sent. */
  refusal: Refusal | null;
}

/** The parts of a urllib.request.Request the policy reads. */
export interface CookieRequest {
  full_url: string;
  /** Request.type: the scheme, lowercased. */
  type: string;
  /** Request.host: the netloc, percent-decoded. */
  host: string;
  /** Request.unverifiable: the user did not ask for this URL (an image, a redirect). */
  unverifiable?: boolean;
  /** Request.origin_req_host: the host of the page the user asked for; request_host() when absent. */
  origin_req_host?: string;
}

/** The DefaultCookiePolicy() settings the checks read (its defaults; netscape on, rfc2965 off). */
export const POLICY = {
  netscape: true,
  rfc2965: false,
  strictRfc2965Unverifiable: true,
  strictNsUnverifiable: false,
} as const;

const SECURE_PROTOCOLS = ['https', 'wss'];
const IPV4_RE = /\.\d+$/;
const DEFAULT_HTTP_PORT = '80';
const HTTP_PATH_SAFE = "%/;:@&=+$,!~*'()";

/** urllib.request.Request(url, origin_req_host=None, unverifiable=False): unwrap, split off the fragment, type and host. */
export function cookieRequest(url: string, opts: { unverifiable?: boolean; origin_req_host?: string } = {}): CookieRequest {
  let u = url.trim();
  if (u.startsWith('<') && u.endsWith('>')) u = u.slice(1, -1).trim();
  if (u.startsWith('URL:')) u = u.slice(4).trim();
  const t = /^([^/:]+):([\s\S]*)$/.exec(u);
  if (!t) throw new PyValueError(`unknown url type: ${pyRepr(u)}`, 'ERR_URL_TYPE');
  const h = /^\/\/([^/#?]*)/.exec(t[2]!);
  const req: CookieRequest = { full_url: u, type: t[1]!.toLowerCase(), host: h && h[1] ? unquote(h[1]) : '', unverifiable: opts.unverifiable ?? false };
  req.origin_req_host = opts.origin_req_host ?? requestHost(req);
  return req;
}

/** request_host(): the URL's netloc without a trailing :port, lowercased. */
export function requestHost(req: CookieRequest): string {
  return urlparse(req.full_url).netloc.replace(/:\d+$/, '').toLowerCase();
}

/** eff_request_host(): [request-host, effective request-host name] (a dotless name gets ".local"). */
export function effRequestHost(req: CookieRequest): [string, string] {
  const host = requestHost(req);
  return [host, !host.includes('.') && !IPV4_RE.test(host) ? host + '.local' : host];
}

/** escape_path(): invalid URL characters %-escaped (UTF-8), every escape uppercased. */
export function escapePath(path: string): string {
  return quote(path, HTTP_PATH_SAFE).replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => '%' + hex.toUpperCase());
}

/** request_path(): the URL path, escaped with uppercase escapes, starting with "/". */
export function requestPath(req: CookieRequest): string {
  const path = escapePath(urlsplit(req.full_url).path);
  return path.startsWith('/') ? path : '/' + path;
}

/** request_port(): the text after the host's first ":" if int() accepts it, else null; "80" without one. */
export function requestPort(req: CookieRequest): string | null {
  const i = req.host.indexOf(':');
  if (i < 0) return DEFAULT_HTTP_PORT;
  const port = req.host.slice(i + 1);
  return /^[ \t\n\v\f\r]*[+-]?\d+(?:_\d+)*[ \t\n\v\f\r]*$/.test(port) ? port : null;
}

/** reach(h) of RFC 2965 §1: "www.acme.com" → ".acme.com", "acme.local" → ".local", else h. */
export function reach(h: string): string {
  const i = h.indexOf('.');
  if (i >= 0) {
    const b = h.slice(i + 1);
    if (isHDN(h) && (b.includes('.') || b === 'local')) return '.' + b;
  }
  return h;
}

/** is_third_party(request): the request-host does not domain-match the reach of the origin's host. */
export function isThirdParty(req: CookieRequest): boolean {
  return !domainMatch(requestHost(req), reach(req.origin_req_host ?? requestHost(req)));
}

export function isHDN(text: string): boolean {
  return !IPV4_RE.test(text) && text !== '' && !text.startsWith('.') && !text.endsWith('.');
}

/** domain_match(A, B) of RFC 2965 §1: x.y.com domain-matches .Y.com but not Y.com. */
export function domainMatch(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  if (!isHDN(a)) return false;
  const i = a.lastIndexOf(b);
  if (i === -1 || i === 0) return false;
  return b.startsWith('.') && isHDN(b.slice(1));
}

function dotted(domain: string): string {
  return domain && !domain.startsWith('.') ? '.' + domain : domain;
}

/** DefaultCookiePolicy.domain_return_ok(): the cheap per-domain check (no block or allow lists). */
export function domainReturnOk(domain: string, req: CookieRequest): Refusal | null {
  let [reqHost, erhn] = effRequestHost(req);
  if (!reqHost.startsWith('.')) reqHost = '.' + reqHost;
  if (!erhn.startsWith('.')) erhn = '.' + erhn;
  const dotdomain = dotted(domain);
  if (reqHost.endsWith(dotdomain) || erhn.endsWith(dotdomain)) return null;
  return { code: 'domain-mismatch', message: `request domain ${reqHost} does not match cookie domain ${domain}` };
}

/** DefaultCookiePolicy.path_return_ok(): the request path equals the path or is below it. */
export function pathReturnOk(path: string | null, req: CookieRequest): Refusal | null {
  const reqPath = requestPath(req);
  if (path !== null) {
    if (reqPath === path) return null;
    if (reqPath.startsWith(path) && (path.endsWith('/') || reqPath.slice(path.length, path.length + 1) === '/')) return null;
  }
  return { code: 'path-mismatch', message: `${reqPath} does not path-match ${path ?? 'None'}` };
}

/** DefaultCookiePolicy().return_ok(cookie, request) at time `now`: null when it passes. */
export function returnOk(cookie: Cookie, req: CookieRequest, now: number): Refusal | null {
  const version = cookie.version ?? 0;
  if (version > 0 && !POLICY.rfc2965) return { code: 'version', message: 'RFC 2965 cookies are switched off' };
  if (req.unverifiable && isThirdParty(req)) {
    if (version > 0 && POLICY.strictRfc2965Unverifiable) return { code: 'verifiability', message: 'third-party RFC 2965 cookie during unverifiable transaction' };
    if (version === 0 && POLICY.strictNsUnverifiable) return { code: 'verifiability', message: 'third-party Netscape cookie during unverifiable transaction' };
  }
  if (truthy(cookie.secure) && !SECURE_PROTOCOLS.includes(req.type)) return { code: 'secure', message: 'secure cookie with non-secure request' };
  if (cookie.isExpired(now)) return { code: 'expires', message: 'cookie expired' };
  if (cookie.port) {
    const reqPort = requestPort(req) ?? '80';
    if (!cookie.port.split(',').includes(reqPort)) return { code: 'port', message: `request port ${reqPort} does not match cookie port ${cookie.port}` };
  }
  const [reqHost, erhn] = effRequestHost(req);
  // (Python checks Netscape domains for version 0 only: a negative version passes)
  if (version === 0 && !('.' + erhn).endsWith(dotted(cookie.domain))) return { code: 'domain', message: `request-host ${reqHost} does not match Netscape cookie domain ${cookie.domain}` };
  return null;
}

/** Every cookie of the jar with its decision, in jar order (the sent ones in _cookies_for_request's order). */
export function decideCookies(jar: CookieJar, url: string | CookieRequest, now: number): Decision[] {
  const req = typeof url === 'string' ? cookieRequest(url) : url;
  const decisions: Decision[] = [];
  for (const [domain, byPath] of jar.domains()) {
    const domainRefusal = domainReturnOk(domain, req);
    for (const [path, byName] of byPath) {
      const pathRefusal = domainRefusal ?? pathReturnOk(path, req);
      for (const cookie of byName.values()) decisions.push({ cookie, refusal: pathRefusal ?? returnOk(cookie, req, now) });
    }
  }
  return decisions;
}
