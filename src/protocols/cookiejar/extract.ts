// CookieJar.extract_cookies() of CPython 3.11 Lib/http/cookiejar.py with
// DefaultCookiePolicy(): make_cookies(), then set_ok() for each cookie, set_cookie() if ok.
import type { Cookie, CookieJar } from './cookie.js';
import { makeCookies, type ResponseHeaders } from './make-cookies.js';
import { cookieRequest, type CookieRequest } from './policy.js';
import { setOk, type SetRefusal } from './set-policy.js';

export interface SetDecision {
  cookie: Cookie;
  /** null: the cookie was stored. */
  refusal: SetRefusal | null;
}

/**
 * extract_cookies(response, request) at time `now` (seconds): stores the response's
 * acceptable cookies in `jar` (deleting those an expired cookie names) and returns each
 * cookie made with the policy's decision.
 */
export function extractCookies(jar: CookieJar, headers: ResponseHeaders, request: string | CookieRequest, now: number): SetDecision[] {
  const req = typeof request === 'string' ? cookieRequest(request) : request;
  const decisions: SetDecision[] = [];
  for (const cookie of makeCookies(jar, headers, req, now)) {
    const refusal = setOk(cookie, req);
    if (refusal === null) jar.setCookie(cookie);
    decisions.push({ cookie, refusal });
  }
  return decisions;
}
