// HTTP authentication for the urllib layer: CPython 3.11 urllib.request's password managers
// (HTTPPasswordMgr, ...WithDefaultRealm, ...WithPriorAuth: reduce_uri, is_suburi,
// is_authenticated), AbstractBasicAuthHandler's challenge parsing (its `rx`, the
// CVE-2020-8492 fix: linear time) and AbstractDigestAuthHandler (MD5 and SHA, qop=auth, nc
// counting, cnonce), plus `AuthSession`, the per-urlopen retry flow that open.ts drives.
// Pure library: nothing prints. Passwords never go into errors or messages.
import { createHash, randomBytes } from 'node:crypto';
import { PyValueError } from '../../core/errors.js';
import { pyRepr } from '../../core/py-text.js';
import { urlsplit } from '../../url/index.js';
import type { Headers } from '../client/headers.js';
import type { HeaderList } from '../client/request.js';
import { HTTPError, URLError } from './errors.js';
import { splitport } from './proxies.js';

/** reduce_uri's (authority, path). */
export type ReducedURI = [authority: string, path: string];

/** HTTPPasswordMgr.reduce_uri: authority (with the scheme's default port) and path. */
export function reduceUri(uri: string, defaultPort = true): ReducedURI {
  const parts = urlsplit(uri);
  let scheme: string | undefined;
  let authority: string;
  let path: string;
  if (parts.netloc) {
    scheme = parts.scheme;
    authority = parts.netloc;
    path = parts.path || '/';
  } else {
    authority = uri;
    path = '/';
  }
  const [host, port] = splitport(authority);
  if (defaultPort && port === undefined && scheme !== undefined) {
    const dport = scheme === 'http' ? 80 : scheme === 'https' ? 443 : undefined;
    if (dport !== undefined) authority = `${host}:${dport}`;
  }
  return [authority, path];
}

/** HTTPPasswordMgr.is_suburi: is `test` at or below `base` (both reduced)? */
export function isSuburi(base: ReducedURI, test: ReducedURI): boolean {
  if (base[0] === test[0] && base[1] === test[1]) return true;
  if (base[0] !== test[0]) return false;
  let prefix = base[1];
  if (!prefix.endsWith('/')) prefix += '/';
  return test[1].startsWith(prefix);
}

const key = (r: ReducedURI): string => JSON.stringify(r);
const unkey = (k: string): ReducedURI => JSON.parse(k) as ReducedURI;

/** urllib.request.HTTPPasswordMgr. `realm` null is Python's None. */
export class HTTPPasswordMgr {
  /** realm → (JSON of the reduced URI tuple) → [user, password]. */
  protected passwd = new Map<string | null, Map<string, { uris: ReducedURI[]; user: string; password: string }>>();

  addPassword(realm: string | null, uri: string | string[], user: string, password: string): void {
    const uris = typeof uri === 'string' ? [uri] : uri;
    let domains = this.passwd.get(realm);
    if (!domains) this.passwd.set(realm, (domains = new Map()));
    for (const dp of [true, false]) {
      const reduced = uris.map((u) => reduceUri(u, dp));
      domains.set(JSON.stringify(reduced), { uris: reduced, user, password });
    }
  }

  /** [user, password], or [null, null] as Python's (None, None). */
  findUserPassword(realm: string | null, authuri: string): [string | null, string | null] {
    const domains = this.passwd.get(realm);
    if (!domains) return [null, null];
    for (const dp of [true, false]) {
      const reduced = reduceUri(authuri, dp);
      for (const entry of domains.values()) {
        for (const u of entry.uris) if (isSuburi(u, reduced)) return [entry.user, entry.password];
      }
    }
    return [null, null];
  }
}

/** urllib.request.HTTPPasswordMgrWithDefaultRealm: falls back to realm None. */
export class HTTPPasswordMgrWithDefaultRealm extends HTTPPasswordMgr {
  override findUserPassword(realm: string | null, authuri: string): [string | null, string | null] {
    const found = super.findUserPassword(realm, authuri);
    if (found[0] !== null) return found;
    return super.findUserPassword(null, authuri);
  }
}

/** urllib.request.HTTPPasswordMgrWithPriorAuth: remembers which URIs are authenticated. */
export class HTTPPasswordMgrWithPriorAuth extends HTTPPasswordMgrWithDefaultRealm {
  private authenticated = new Map<string, boolean>();

  override addPassword(realm: string | null, uri: string | string[], user: string, password: string, isAuthenticated = false): void {
    this.updateAuthenticated(uri, isAuthenticated);
    if (realm !== null) super.addPassword(null, uri, user, password);
    super.addPassword(realm, uri, user, password);
  }

  updateAuthenticated(uri: string | string[], isAuthenticated = false): void {
    const uris = typeof uri === 'string' ? [uri] : uri;
    for (const dp of [true, false]) for (const u of uris) this.authenticated.set(key(reduceUri(u, dp)), isAuthenticated);
  }

  /** is_authenticated: true/false for a known URI tree, undefined (None) otherwise. */
  isAuthenticated(authuri: string): boolean | undefined {
    for (const dp of [true, false]) {
      const reduced = reduceUri(authuri, dp);
      for (const [k, v] of this.authenticated) if (isSuburi(unkey(k), reduced)) return v;
    }
    return undefined;
  }
}

/**
 * AbstractBasicAuthHandler._parse_realm: (scheme, realm) for every `scheme realm=...` in
 * the header; when there is none, one (first word or '', null). Same language as 3.11's
 * `rx`, written as a scanner so it stays linear whatever the header holds.
 */
export function parseRealm(header: string): Array<[scheme: string, realm: string | null]> {
  const out: Array<[string, string | null]> = [];
  const ws = (c: string | undefined): boolean => c === ' ' || c === '\t';
  // Candidate starts: 0 and just after every ','. A match never contains a ',' before
  // `realm=`, and a realm value ends at the first quote, so each candidate is tried over a
  // stretch no candidate after it re-reads except the realm value (bounded by the next quote).
  let start = 0;
  for (;;) {
    const m = matchAt(header, start, ws);
    let from = start;
    if (m) {
      out.push([m.scheme, m.realm]);
      from = m.end; // finditer resumes at the match end
    }
    const comma = header.indexOf(',', from);
    if (comma < 0) break;
    start = comma + 1; // `(?:^|,)` consumed the comma
  }
  if (out.length === 0) out.push([header ? header.trim().split(/[ \t\n\r\f\v]+/)[0]! : '', null]);
  return out;
}

/** One try of `[ \t]*([^ \t,]+)[ \t]+realm=(["']?)([^"']*)\2` at `pos` (case-insensitive realm=). */
function matchAt(h: string, pos: number, ws: (c: string | undefined) => boolean): { scheme: string; realm: string; end: number } | undefined {
  let p = pos;
  while (ws(h[p])) p++;
  const s0 = p;
  while (p < h.length && !ws(h[p]) && h[p] !== ',') p++;
  if (p === s0) return undefined;
  // `([^ \t,]+)[ \t]+realm=`: the scheme is a maximal run here (backtracking into it
  // cannot produce a [ \t] after it), so one check suffices.
  const scheme = h.slice(s0, p);
  const w0 = p;
  while (ws(h[p])) p++;
  if (p === w0) return undefined;
  if (h.slice(p, p + 6).toLowerCase() !== 'realm=') return undefined;
  p += 6;
  const q = h[p];
  if (q === '"' || q === "'") {
    const close = indexOfQuote(h, p + 1);
    if (close >= 0 && h[close] === q) return { scheme, realm: h.slice(p + 1, close), end: close + 1 };
    // `(["']?)` may also match empty: then `[^"']*` runs from the quote itself, i.e. empty.
    return { scheme, realm: '', end: p };
  }
  const close = indexOfQuote(h, p);
  const end = close < 0 ? h.length : close;
  return { scheme, realm: h.slice(p, end), end };
}

function indexOfQuote(h: string, from: number): number {
  for (let i = from; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return i;
  }
  return -1;
}

/** urllib.request.parse_http_list: comma list with quoted strings (\ escapes inside quotes). */
export function parseHttpList(s: string): string[] {
  const res: string[] = [];
  let part = '';
  let escape = false;
  let quote = false;
  for (const cur of s) {
    if (escape) {
      part += cur;
      escape = false;
      continue;
    }
    if (quote) {
      if (cur === '\\') {
        escape = true;
        continue;
      } else if (cur === '"') quote = false;
      part += cur;
      continue;
    }
    if (cur === ',') {
      res.push(part);
      part = '';
      continue;
    }
    if (cur === '"') quote = true;
    part += cur;
  }
  if (part) res.push(part);
  return res.map((p) => p.trim());
}

/** urllib.request.parse_keqv_list: k=v items (quotes stripped); an item without '=' is a ValueError. */
export function parseKeqvList(items: string[]): Record<string, string> {
  const parsed: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const elt of items) {
    const eq = elt.indexOf('=');
    if (eq < 0) throw new PyValueError('not enough values to unpack (expected 2, got 1)', 'ERR_AUTH_CHALLENGE');
    const k = elt.slice(0, eq);
    let v = elt.slice(eq + 1);
    if (v.length === 0) throw new PyValueError('string index out of range', 'ERR_AUTH_CHALLENGE');
    if (v[0] === '"' && v[v.length - 1] === '"') v = v.slice(1, -1);
    parsed[k] = v;
  }
  return parsed;
}

/** The Basic credentials header value: `Basic base64(user:password)` (utf-8, as 3.11). */
export function basicAuthorization(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}

/** get_algorithm_impls: H for MD5 and SHA; anything else is Python's ValueError. */
export function digestHash(algorithm: string): (x: string) => string {
  const name = algorithm === 'MD5' ? 'md5' : algorithm === 'SHA' ? 'sha1' : undefined;
  if (!name) throw new PyValueError(`Unsupported digest authentication algorithm ${pyRepr(algorithm)}`, 'ERR_AUTH_ALGORITHM');
  return (x: string) => {
    // x.encode("ascii"): a non-ASCII user, realm or password is Python's UnicodeEncodeError.
    if (/[^\x00-\x7f]/.test(x)) throw new PyValueError("'ascii' codec can't encode the digest input", 'ERR_AUTH_ENCODING');
    return createHash(name).update(x, 'latin1').digest('hex');
  };
}


/** AbstractDigestAuthHandler's per-handler state (nonce count) and get_authorization. */
export class DigestAuth {
  nonceCount = 0;
  lastNonce: string | undefined;
  /** Replaces get_cnonce (tests pass a fixed one). */
  cnonce: (nonce: string) => string;

  constructor(cnonce?: (nonce: string) => string) {
    this.cnonce =
      cnonce ??
      ((nonce) => {
        const b = Buffer.concat([Buffer.from(`${this.nonceCount}:${nonce}:${new Date().toString()}:`, 'latin1'), randomBytes(8)]);
        return createHash('sha1').update(b).digest('hex').slice(0, 16);
      });
  }

  /**
   * get_authorization(req, chal) without the `Digest ` prefix; undefined where Python
   * returns None (no realm/nonce, no user). `selector` is req.selector (path?query, or the
   * full URL through an http proxy).
   */
  authorization(chal: Record<string, string>, method: string, selector: string, creds: (realm: string) => [string | null, string | null]): string | undefined {
    const realm = chal['realm'];
    const nonce = chal['nonce'];
    if (realm === undefined || nonce === undefined) return undefined;
    const qop = chal['qop'];
    const algorithm = chal['algorithm'] ?? 'MD5';
    const opaque = chal['opaque'];
    const H = digestHash(algorithm);
    const KD = (s: string, d: string): string => H(`${s}:${d}`);
    const [user, pw] = creds(realm);
    if (user === null) return undefined;
    const A1 = `${user}:${realm}:${pw}`;
    const A2 = `${method}:${selector}`;
    let respdig: string;
    let ncvalue = '';
    let cnonce = '';
    if (qop === undefined) {
      respdig = KD(H(A1), `${nonce}:${H(A2)}`);
    } else if (qop.split(',').includes('auth')) {
      if (nonce === this.lastNonce) this.nonceCount += 1;
      else {
        this.nonceCount = 1;
        this.lastNonce = nonce;
      }
      ncvalue = this.nonceCount.toString(16).padStart(8, '0');
      cnonce = this.cnonce(nonce);
      respdig = KD(H(A1), `${nonce}:${ncvalue}:${cnonce}:auth:${H(A2)}`);
    } else {
      throw new URLError(`qop '${qop}' is not supported.`, { code: 'ERR_AUTH_QOP' });
    }
    let base = `username="${user}", realm="${realm}", nonce="${nonce}", uri="${selector}", response="${respdig}"`;
    if (opaque) base += `, opaque="${opaque}"`;
    base += `, algorithm="${algorithm}"`;
    if (qop) base += `, qop=auth, nc=${ncvalue}, cnonce="${cnonce}"`;
    return base;
  }
}

/** Credentials for urlopen's `auth` option. */
export interface AuthCredentials {
  user: string;
  password: string;
  /** HTTPPasswordMgrWithPriorAuth is_authenticated=True: send Basic on the first request. */
  priorAuth?: boolean;
}

/** What AuthSession needs to know about the request that got the answer. */
export interface AuthRequest {
  url: string;
  method: string;
  /** req.selector: path?query, or the full URL when sent through an http proxy. */
  selector: string;
  headers: HeaderList;
}

function getHeader(headers: HeaderList, name: string): string | undefined {
  const n = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === n) return v;
  return undefined;
}

/**
 * The opener build_opener(HTTPDigestAuthHandler(mgr), HTTPBasicAuthHandler(mgr)) would be,
 * for one urlopen: `mgr` is an HTTPPasswordMgrWithPriorAuth holding the credentials for the
 * URL's scheme://host:port/ tree (realm None: any realm), so they never go to another host.
 */
export class AuthSession {
  readonly mgr = new HTTPPasswordMgrWithPriorAuth();
  readonly digest: DigestAuth;
  /** AbstractDigestAuthHandler.retried. */
  private retried = 0;

  constructor(url: string, creds: AuthCredentials, options: { cnonce?: (nonce: string) => string } = {}) {
    const s = urlsplit(url);
    this.mgr.addPassword(null, `${s.scheme}://${s.netloc}/`, creds.user, creds.password, creds.priorAuth === true);
    this.digest = new DigestAuth(options.cnonce);
  }

  /** AbstractBasicAuthHandler.http_request: the prior-auth Authorization header, if due. */
  priorAuthorization(url: string, headers: HeaderList): string | undefined {
    if (!this.mgr.isAuthenticated(url)) return undefined;
    if (getHeader(headers, 'authorization') !== undefined) return undefined;
    const [user, pw] = this.mgr.findUserPassword(null, url);
    return 'Basic ' + Buffer.from(`${user}:${pw}`, 'utf8').toString('base64');
  }

  /** AbstractBasicAuthHandler.http_response: remember whether the URL tree is authenticated. */
  responded(url: string, status: number): void {
    this.mgr.updateAuthenticated(url, status >= 200 && status < 300);
  }

  /**
   * A 401: the Digest handler then the Basic handler, as 3.11 runs them. Returns the
   * Authorization value to send the same request again with, or undefined to give up
   * (urlopen then raises HTTPError with the server's status). Throws HTTPError
   * `digest auth failed` after 6 digest retries, and ValueError for a first challenge
   * that is neither Digest nor Basic, as the Digest handler does.
   */
  on401(req: AuthRequest, headers: Headers): string | undefined {
    const digest = this.digestRetry(req, headers);
    if (digest !== undefined) return digest;
    return this.basicRetry(req, headers);
  }

  /** Forget the digest retry count (reset_retry_count once a retried request is answered). */
  reset(): void {
    this.retried = 0;
  }

  private digestRetry(req: AuthRequest, headers: Headers): string | undefined {
    const authreq = headers.get('www-authenticate');
    if (this.retried > 5) throw new HTTPError(req.url, 401, 'digest auth failed', headers);
    this.retried += 1;
    return digestAnswer(this.digest, this.mgr, authreq, req.method, req.selector, req.url);
  }

  private basicRetry(req: AuthRequest, headers: Headers): string | undefined {
    return basicAnswer(this.mgr, headers.getAll('www-authenticate'), req.url, getHeader(req.headers, 'authorization'));
  }
}

/**
 * AbstractDigestAuthHandler.http_error_auth_reqed after its retry count: the Digest answer
 * to `authreq` (the first WWW-Authenticate or Proxy-Authenticate value) with the password
 * `mgr` holds for `uri`; undefined when there is none. A scheme other than Digest or Basic
 * is Python's ValueError.
 */
export function digestAnswer(digest: DigestAuth, mgr: HTTPPasswordMgr, authreq: string | undefined, method: string, selector: string, uri: string): string | undefined {
  if (!authreq) return undefined;
  const scheme = authreq.split(/[ \t\n\r\f\v]+/).filter((x) => x !== '')[0] ?? '';
  if (scheme.toLowerCase() === 'digest') {
    const sp = authreq.indexOf(' ');
    const challenge = sp < 0 ? '' : authreq.slice(sp + 1);
    const chal = parseKeqvList(parseHttpList(challenge).filter((x) => x !== ''));
    const auth = digest.authorization(chal, method, selector, (realm) => mgr.findUserPassword(realm, uri));
    return auth === undefined ? undefined : `Digest ${auth}`;
  }
  if (scheme.toLowerCase() !== 'basic') throw new PyValueError(`AbstractDigestAuthHandler does not support the following scheme: '${scheme}'`, 'ERR_AUTH_SCHEME');
  return undefined;
}

/**
 * AbstractBasicAuthHandler.http_error_auth_reqed: the Basic answer to `challenges` (every
 * WWW-Authenticate or Proxy-Authenticate value) with the password `mgr` holds for `uri`;
 * undefined when there is none, or when it is `sent` already (refused: give up). A
 * challenge of another scheme alone is Python's ValueError.
 */
export function basicAnswer(mgr: HTTPPasswordMgr, challenges: readonly string[], uri: string, sent: string | undefined): string | undefined {
  let unsupported: string | undefined;
  let lastScheme = '';
  for (const header of challenges) {
    for (const [scheme, realm] of parseRealm(header)) {
      lastScheme = scheme;
      if (scheme.toLowerCase() !== 'basic') {
        unsupported = scheme;
        continue;
      }
      if (realm !== null) {
        const [user, pw] = mgr.findUserPassword(realm, uri);
        if (pw === null) return undefined;
        const auth = basicAuthorization(user!, pw);
        return sent === auth ? undefined : auth;
      }
    }
  }
  if (unsupported !== undefined) throw new PyValueError(`AbstractBasicAuthHandler does not support the following scheme: ${pyRepr(lastScheme)}`, 'ERR_AUTH_SCHEME');
  return undefined;
}

/**
 * Request.selector for `url`: what follows the authority, fragment dropped (path?query);
 * the whole URL (fragment dropped) when the request goes through an http proxy (set_proxy).
 */
export function requestSelector(url: string, viaHttpProxy = false): string {
  const hash = url.indexOf('#');
  const full = hash < 0 ? url : url.slice(0, hash);
  if (viaHttpProxy) return full;
  const m = /^[^:]*:\/\/[^/?#]*([\s\S]*)$/.exec(full);
  return m ? m[1]! : full;
}
