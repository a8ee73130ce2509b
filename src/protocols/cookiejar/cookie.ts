// http.cookiejar.Cookie: the record a jar holds, with Python's attribute names, and the
// jar itself (domain → path → name, in insertion order, as CookieJar._cookies nests them).

import { PyValueError } from '../core/errors.js';
import { CookieKeyError } from './errors.js';

/** Nonstandard attributes (Cookie._rest), e.g. {"HTTPOnly": ""} from a `#HttpOnly_` line. */
export type CookieRest = Record<string, string | null>;

/** A boolean attribute; LWP's `secure=x` keeps the text, which Python tests for truth. */
export type Flag = boolean | string;

/** Python's truth of an attribute value: false for None, False, "" and 0. */
export function truthy(v: unknown): boolean {
  return v !== null && v !== undefined && v !== false && v !== '' && v !== 0;
}

export interface CookieInit {
  version: number | null;
  name: string;
  value: string | null;
  port: string | null;
  port_specified: Flag;
  domain: string;
  domain_specified: boolean;
  domain_initial_dot: Flag;
  path: string | null;
  path_specified: Flag;
  secure: Flag;
  expires: number | null;
  discard: Flag;
  comment: string | null;
  comment_url: string | null;
  rest: CookieRest;
  rfc2109?: boolean;
}

/** A cookie as JSON: every attribute under Python's name. */
export type CookieRecord = Omit<CookieInit, 'rfc2109'> & { rfc2109: boolean };

/** The attribute Python's MozillaCookieJar records for a `#HttpOnly_` line. */
export const HTTPONLY_ATTR = 'HTTPOnly';

// The attributes are CookieRecord's (declaration merging): one list of fields, not three.
export interface Cookie extends CookieRecord {}

/** http.cookiejar.Cookie: plain attributes; the domain is lowercased (RFC 2965 §3.3.3). */
export class Cookie {
  constructor(init: CookieInit) {
    Object.assign(this, init, { domain: init.domain.toLowerCase(), rest: { ...init.rest }, rfc2109: init.rfc2109 ?? false });
  }

  hasNonstandardAttr(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.rest, name);
  }

  /** Cookie.is_expired(now): expires set and not after `now` (seconds). */
  isExpired(now: number): boolean {
    return this.expires !== null && this.expires <= now;
  }

  /** Python's str(cookie): `<Cookie name=value for domain:portpath>`. */
  toString(): string {
    const limit = this.domain + (this.port === null ? '' : ':' + this.port) + (this.path ?? 'None');
    return `<Cookie ${this.value === null ? this.name : `${this.name}=${this.value}`} for ${limit}>`;
  }

  /** Every attribute under Python's name, in Cookie.__repr__ order. */
  toJSON(): CookieRecord {
    const { version, name, value, port, port_specified, domain, domain_specified, domain_initial_dot, path, path_specified } = this;
    const { secure, expires, discard, comment, comment_url, rfc2109 } = this;
    // Python's attribute order, whatever order `init` had.
    return { version, name, value, port, port_specified, domain, domain_specified, domain_initial_dot, path, path_specified, secure, expires, discard, comment, comment_url, rest: { ...this.rest }, rfc2109 };
  }
}

/** http.cookiejar.CookieJar's store: set_cookie() replaces by (domain, path, name). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string | null, Map<string, Cookie>>>();

  setCookie(cookie: Cookie): void {
    let byPath = this.cookies.get(cookie.domain);
    if (!byPath) this.cookies.set(cookie.domain, (byPath = new Map()));
    let byName = byPath.get(cookie.path);
    if (!byName) byPath.set(cookie.path, (byName = new Map()));
    byName.set(cookie.name, cookie);
  }

  /**
   * CookieJar.clear(domain, path, name): everything, one domain, one path of a domain, or
   * one cookie (null or undefined: not given). Emptied domains and paths keep their place,
   * as Python's nested dicts do. Throws KeyError when there is nothing to remove, and
   * ValueError when a name comes without domain and path or a path without domain.
   */
  clear(domain?: string | null, path?: string | null, name?: string | null): void {
    const given = (v: string | null | undefined): v is string => v !== null && v !== undefined;
    if (given(name)) {
      if (!given(domain) || !given(path)) throw new PyValueError('domain and path must be given to remove a cookie by name');
      const byName = this.cookies.get(domain)?.get(path);
      if (!byName?.has(name)) throw new CookieKeyError(name);
      byName.delete(name);
    } else if (given(path)) {
      if (!given(domain)) throw new PyValueError('domain must be given to remove cookies by path');
      const byPath = this.cookies.get(domain);
      if (!byPath?.has(path)) throw new CookieKeyError(path);
      byPath.delete(path);
    } else if (given(domain)) {
      if (!this.cookies.has(domain)) throw new CookieKeyError(domain);
      this.cookies.delete(domain);
    } else {
      this.cookies.clear();
    }
  }

  /** CookieJar.clear_session_cookies(): every cookie whose discard is true goes. */
  clearSessionCookies(): void {
    for (const c of [...this]) if (truthy(c.discard)) this.removeCookie(c);
  }

  /** CookieJar.clear_expired_cookies() at time `now` (seconds, time.time()). */
  clearExpiredCookies(now: number): void {
    for (const c of [...this]) if (c.isExpired(now)) this.removeCookie(c);
  }

  /** clear(cookie.domain, cookie.path, cookie.name) where Python can (a null path cannot be named). */
  private removeCookie(c: Cookie): void {
    if (c.path === null) throw new PyValueError('domain and path must be given to remove a cookie by name');
    this.clear(c.domain, c.path, c.name);
  }

  /** The domains in insertion order, each with its paths, each with its cookies. */
  domains(): IterableIterator<[string, Map<string | null, Map<string, Cookie>>]> {
    return this.cookies.entries();
  }

  /** Iteration as Python's deepvalues(): depth first, insertion order. */
  *[Symbol.iterator](): IterableIterator<Cookie> {
    for (const byPath of this.cookies.values()) for (const byName of byPath.values()) yield* byName.values();
  }

  get size(): number {
    return [...this].length;
  }

  toJSON(): CookieRecord[] {
    return [...this].map((c) => c.toJSON());
  }
}
