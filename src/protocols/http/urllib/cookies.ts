// HTTPCookieProcessor: before each request the jar's Cookie header (add_cookie_header),
// after each response its Set-Cookie headers (extract_cookies), with urllib's request
// flags: a redirected request is unverifiable and keeps the first request's host as its
// origin_req_host. The jar's cookies go as an unredirected header: recomputed per hop.
import { addCookieHeader, cookieRequest, extractCookies, requestHost, type CookieJar, type SetDecision } from '../../cookiejar/index.js';
import type { Headers } from '../client/headers.js';
import type { HeaderList } from '../client/request.js';

export class CookieProcessor {
  private readonly originHost: string;

  constructor(
    private readonly jar: CookieJar,
    firstUrl: string,
    private readonly clock: () => number = () => Date.now() / 1000,
  ) {
    this.originHost = requestHost(cookieRequest(firstUrl));
  }

  private request(url: string, redirected: boolean) {
    return cookieRequest(url, { unverifiable: redirected, origin_req_host: this.originHost });
  }

  /**
   * `headers` plus the jar's cookies for `url`. A Cookie header the caller set (curl's -b)
   * is kept and the jar's cookies follow it in the same header; urllib would send only the
   * caller's (a divergence listed in docs/compat.md).
   */
  withCookies(headers: HeaderList, url: string, redirected: boolean): HeaderList {
    const cookies = addCookieHeader(this.jar, this.request(url, redirected), this.clock());
    if (cookies === null) return headers;
    const i = headers.findIndex(([name]) => name.toLowerCase() === 'cookie');
    if (i < 0) return [...headers, ['Cookie', cookies]];
    const out = [...headers];
    out[i] = [out[i]![0], `${out[i]![1]}; ${cookies}`];
    return out;
  }

  /** Stores the acceptable cookies `headers` set; returns every decision (for --debug). */
  extract(url: string, headers: Headers, redirected: boolean): SetDecision[] {
    return extractCookies(this.jar, headers.list, this.request(url, redirected), this.clock());
  }
}
