// CookieJar.add_cookie_header() of CPython 3.11 Lib/http/cookiejar.py with
// DefaultCookiePolicy(): the cookies _cookies_for_request() picks, ordered and written by
// _cookie_attrs() into the Cookie header's value. (No Cookie2 header: rfc2965 is off.)
import type { Cookie, CookieJar } from './cookie.js';
import { cookieRequest, decideCookies, type CookieRequest } from './policy.js';

const NON_WORD_RE = /[^\p{L}\p{N}_]/u; // Python's \W (Unicode)

/** _cookies_for_request(request) at time `now` (int seconds): the cookies to send, in jar order. */
export function cookiesForRequest(jar: CookieJar, req: CookieRequest, now: number): Cookie[] {
  return decideCookies(jar, req, Math.trunc(now))
    .filter((d) => d.refusal === null)
    .map((d) => d.cookie);
}

/** _cookie_attrs(cookies): the header's parts, longest path first ($Version etc. for version > 0). */
export function cookieAttrs(cookies: readonly Cookie[]): string[] {
  // most specific (longest) path first; the sort is stable, as Python's
  const sorted = [...cookies].sort((a, b) => [...(b.path ?? '')].length - [...(a.path ?? '')].length);
  let versionSet = false;
  const attrs: string[] = [];
  for (const cookie of sorted) {
    const version = cookie.version ?? 0;
    if (!versionSet) {
      versionSet = true;
      if (version > 0) attrs.push(`$Version=${version}`);
    }
    // quote the value if necessary (not for Netscape cookies, whose quotes are intact)
    const value = cookie.value !== null && NON_WORD_RE.test(cookie.value) && version > 0 ? cookie.value.replace(/(["\\])/g, '\\$1') : cookie.value;
    attrs.push(cookie.value === null ? cookie.name : `${cookie.name}=${value}`);
    if (version > 0) {
      if (cookie.path_specified) attrs.push(`$Path="${cookie.path}"`);
      if (cookie.domain.startsWith('.')) {
        let domain = cookie.domain;
        if (!cookie.domain_initial_dot && domain.startsWith('.')) domain = domain.slice(1);
        attrs.push(`$Domain="${domain}"`);
      }
      if (cookie.port !== null) attrs.push(cookie.port_specified ? `$Port="${cookie.port}"` : '$Port');
    }
  }
  return attrs;
}

/**
 * The Cookie header add_cookie_header() would add for `url` at time `now` (seconds), or
 * null when no cookie goes. The jar is not changed; Python then also runs
 * clear_expired_cookies() (jar.clearExpiredCookies(now)).
 */
export function cookieHeader(jar: CookieJar, url: string | CookieRequest, now: number, unverifiable = false): string | null {
  const req = typeof url === 'string' ? cookieRequest(url, { unverifiable }) : url;
  const attrs = cookieAttrs(cookiesForRequest(jar, req, now));
  return attrs.length ? attrs.join('; ') : null;
}

/**
 * CookieJar.add_cookie_header(request) at time `now` (seconds): the Cookie header value
 * (null: none), after which, as in Python, the jar's expired cookies are cleared.
 */
export function addCookieHeader(jar: CookieJar, url: string | CookieRequest, now: number): string | null {
  const header = cookieHeader(jar, url, now);
  jar.clearExpiredCookies(now);
  return header;
}
