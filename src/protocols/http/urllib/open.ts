// urllib.request.urlopen for netkit: http(s) through the client engine with urllib's
// redirect, proxy and error rules, plus data: and file: URLs. Pure library: no printing.
//
// Divergences from CPython 3.11 (documented): only status >= 400 raises HTTPError (urllib
// raises for every non-2xx it does not handle; `strictPython` restores that); 307/308 and
// other redirect methods as in redirect.ts; connections are kept alive (urllib sends
// `Connection: close`); ftp: URLs are not supported (URLError `unknown url type: ftp`).
import { PyValueError } from '../../core/errors.js';
import { urlsplit } from '../../url/index.js';
import { InvalidURL } from '../client/errors.js';
import { NetworkError, SocketTimeoutError, TLSError } from '../../core/socket-errors.js';
import { Headers } from '../client/headers.js';
import { request, type PieceSink, type RequestOptions, type Response, type Timings } from '../client/index.js';
import type { ConnectionPool } from '../client/pool.js';
import type { TLSInfo } from '../client/connection.js';
import { hasHeader, type HeaderList, type RequestBody } from '../client/request.js';
import { TunnelError } from '../client/tunnel.js';
import { AuthSession, requestSelector, type AuthCredentials } from './auth.js';
import { CookieProcessor } from './cookies.js';
import type { CookieJar } from '../../cookiejar/index.js';
import { HTTPError, URLError } from './errors.js';
import { openDataUrl, openFileUrl } from './local.js';
import { ProxyAuthSession, proxyAuthority, type ProxyCredentials } from './proxy-auth.js';
import { chooseProxy, getproxiesEnvironment, type Env, type ProxyChoice } from './proxies.js';
import { MAX_REDIRECTIONS, REDIRECT_CODES, RedirectTracker, redirectRequest, resolveLocation, type RedirectableRequest } from './redirect.js';

/** urllib's OpenerDirector.addheaders default. */
export const DEFAULT_USER_AGENT = 'Python-urllib/3.11';

export interface UrlopenOptions {
  method?: string;
  headers?: HeaderList | Record<string, string>;
  body?: RequestBody;
  /** Milliseconds for every wait (default 30 000). */
  timeout?: number;
  /** Environment for the *_proxy / no_proxy variables (default: process.env). */
  env?: Env;
  /** HTTPRedirectHandler.max_redirections: distinct URLs redirected to (default 10). */
  maxRedirects?: number;
  /** Follow 301/302/303/307/308 (default true). */
  followRedirects?: boolean;
  /** Exactly urllib's redirect rules and HTTPError for every non-2xx final status. */
  strictPython?: boolean;
  ca?: string | Buffer;
  insecure?: boolean;
  /** Ask for and decode gzip/deflate/br (default false: identity, as urllib). */
  decompress?: boolean;
  /** The client engine's caps: raw body (Infinity for none) and decoded body. */
  maxBodySize?: number;
  maxDecodedSize?: number;
  /** Lend the final body's pieces (the client engine's RequestOptions.lendBody). */
  lendBody?: boolean;
  /** Connection pool (default: the client engine's shared pool); false for one-off sockets. */
  pool?: ConnectionPool | false;
  /**
   * Credentials for 401 challenges (Basic and Digest, as HTTPBasicAuthHandler and
   * HTTPDigestAuthHandler with a password manager for this URL's scheme://host:port/);
   * `priorAuth` sends Basic on the first request. Never put in errors.
   */
  auth?: AuthCredentials;
  /**
   * Credentials for a proxy's 407 (Basic and Digest, as ProxyBasicAuthHandler and
   * ProxyDigestAuthHandler with a password manager holding them for the proxy's host:port),
   * also answering a 407 to CONNECT. Userinfo in the proxy URL is still sent first. Never put
   * in errors.
   */
  proxyCredentials?: ProxyCredentials;
  /**
   * A cookie jar, as HTTPCookieProcessor(jar) with DefaultCookiePolicy: its cookies go with
   * every request (redirects included) and every response's Set-Cookie updates it.
   */
  cookies?: CookieJar;
}

/** One followed redirect: the URL that answered, its status, its Location, and where it led. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
  next: string;
}

/** What urlopen returns (Python's addinfourl / HTTPResponse). */
export interface UrlopenResponse {
  /** The final URL (geturl()). */
  url: string;
  /** HTTP status; undefined for data: and file: (Python's None). */
  status: number | undefined;
  reason: string;
  headers: Headers;
  body: AsyncIterable<Buffer>;
  /** True when the body's pieces are lent: each valid only until the next is pulled. */
  lent?: boolean;
  /** The method of the final request (a 303 turns POST into GET); http(s) only. */
  method?: string;
  redirects: RedirectHop[];
  /** The proxy used for the final request, if any. */
  proxy: string | undefined;
  tls: TLSInfo | undefined;
  timings: Timings | undefined;
  bytes(): Promise<Buffer>;
  /** http(s): the body through the client engine's Response.pipe (pieces valid during the call). */
  pipe?(sink: PieceSink): Promise<void>;
  cancel(): void;
}

function headerList(h: UrlopenOptions['headers']): HeaderList {
  if (h === undefined) return [];
  return Array.isArray(h) ? h.map(([n, v]) => [n, v]) : Object.entries(h);
}

// getproxies_environment() walks the whole environment (slow on process.env): read once per
// env object, since one run's environment does not change under it.
const PROXIES = new WeakMap<Env, Record<string, string>>();

function proxiesOf(env: Env): Record<string, string> {
  let proxies = PROXIES.get(env);
  if (!proxies) PROXIES.set(env, (proxies = getproxiesEnvironment(env)));
  return proxies;
}

/** Request.full_url's unwrap(): strips whitespace and `<URL:...>`. */
function unwrap(url: string): string {
  url = url.trim();
  if (url.startsWith('<') && url.endsWith('>')) url = url.slice(1, -1).trim();
  if (url.startsWith('URL:')) url = url.slice(4).trim();
  return url;
}

/** Opens `url`: http, https, data or file. */
export async function urlopen(url: string, options: UrlopenOptions = {}): Promise<UrlopenResponse> {
  const full = unwrap(url);
  const m = /^([^/:]+):/.exec(full);
  if (!m) throw new PyValueError(`unknown url type: ${pyQuote(full)}`, 'ERR_URL_TYPE');
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'data' || scheme === 'file') {
    const res = scheme === 'data' ? openDataUrl(full) : await openFileUrl(full);
    return localResponse(res.url, res.headers, res.content);
  }
  if (scheme !== 'http' && scheme !== 'https') throw new URLError(`unknown url type: ${scheme}`, { code: 'ERR_URL_TYPE' });
  return openHttp(full, options);
}

function pyQuote(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function localResponse(url: string, headers: Headers, content: Buffer): UrlopenResponse {
  let consumed = false;
  const body: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      if (consumed) throw new TypeError('the response body can be read only once');
      consumed = true;
      if (content.length > 0) yield content;
    },
  };
  return {
    url,
    status: undefined,
    reason: '',
    headers,
    body,
    redirects: [],
    proxy: undefined,
    tls: undefined,
    timings: undefined,
    async bytes() {
      const parts: Buffer[] = [];
      for await (const p of body) parts.push(p);
      return Buffer.concat(parts);
    },
    cancel() {
      consumed = true;
    },
  };
}

/** The http(s) part: default headers, proxies, redirects, errors. */
async function openHttp(url: string, options: UrlopenOptions): Promise<UrlopenResponse> {
  const headers = headerList(options.headers);
  if (options.body !== undefined && !hasHeader(headers, 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  if (!hasHeader(headers, 'user-agent')) headers.push(['User-Agent', DEFAULT_USER_AGENT]);
  let req: RedirectableRequest = {
    url,
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body,
  };
  const proxies = proxiesOf(options.env ?? process.env);
  const tracker = new RedirectTracker(options.maxRedirects ?? MAX_REDIRECTIONS);
  const redirects: RedirectHop[] = [];
  const auth = options.auth ? new AuthSession(url, options.auth) : undefined;
  let authorization: string | undefined;
  const proxyAuth = options.proxyCredentials ? new ProxyAuthSession(options.proxyCredentials) : undefined;
  // Proxy-Authorization from a 407 retry: unredirected too (a redirect starts without it).
  let proxyAuthorization: string | undefined;
  const cookies = options.cookies ? new CookieProcessor(options.cookies, url) : undefined;
  // The jar's Cookie header is set once per request: an auth retry sends the same one.
  let withCookies: { for: RedirectableRequest; headers: HeaderList } | undefined;
  for (;;) {
    const redirected = redirects.length > 0;
    if (cookies && withCookies?.for !== req) withCookies = { for: req, headers: cookies.withCookies(req.headers, req.url, redirected) };
    const base = withCookies?.headers ?? req.headers;
    // Authorization from auth is an unredirected header: it is not carried by redirects.
    const prior = auth && authorization === undefined ? auth.priorAuthorization(req.url, req.headers) : undefined;
    const extra = authorization ?? prior;
    const sent: RedirectableRequest = { ...req, headers: extra === undefined ? base : [...base.filter(([n]) => n.toLowerCase() !== 'authorization'), ['Authorization', extra]] };
    const { res, proxy } = await send(sent, options, proxies, proxyAuth, proxyAuthorization);
    cookies?.extract(req.url, res.headers, redirected);
    if (auth) {
      auth.responded(req.url, res.status);
      if (res.status === 401) {
        const selector = requestSelector(req.url, proxy !== undefined && requestHost(req.url).scheme === 'http');
        const retry = await challengeAnswer(res, () => auth.on401({ url: req.url, method: req.method, selector, headers: sent.headers }, res.headers));
        if (retry !== undefined) {
          authorization = retry;
          continue;
        }
      }
    }
    if (proxyAuth && proxy && res.status === 407 && requestHost(req.url).scheme === 'http') {
      const current = proxyAuthorization ?? proxy.authorization;
      const request = { url: req.url, method: req.method, selector: requestSelector(req.url, true), proxyAuthorization: current };
      const retry = await challengeAnswer(res, () => proxyAuth.on407(proxyAuthority(proxy.host, proxy.port), request, res.headers));
      if (retry !== undefined) {
        proxyAuthorization = retry;
        continue;
      }
    }
    const follow = options.followRedirects !== false && REDIRECT_CODES.has(res.status);
    if (follow) {
      const info = { status: res.status, reason: res.reason, headers: res.headers, response: res };
      let newurl: string | undefined;
      try {
        newurl = resolveLocation(req.url, info);
        if (newurl !== undefined) {
          const next = redirectRequest(req, info, newurl, { strictPython: options.strictPython });
          tracker.visit(req.url, newurl, info);
          await res.discard();
          redirects.push({ url: req.url, status: res.status, location: res.headers.get('location') ?? res.headers.get('uri') ?? '', next: next.url });
          req = next;
          authorization = undefined;
          proxyAuthorization = undefined;
          continue;
        }
      } catch (err) {
        if (!(err instanceof HTTPError)) res.cancel();
        throw err;
      }
    }
    const fails = options.strictPython ? res.status < 200 || res.status >= 300 : res.status >= 400;
    if (fails) throw new HTTPError(req.url, res.status, res.reason, res.headers, res);
    return {
      url: req.url,
      status: res.status,
      reason: res.reason,
      headers: res.headers,
      body: res.body,
      lent: res.lent,
      method: req.method,
      redirects,
      proxy: proxy?.raw,
      tls: res.tls,
      timings: res.timings,
      bytes: () => res.bytes(),
      pipe: (sink) => res.pipe(sink),
      cancel: () => res.cancel(),
    };
  }
}

/**
 * An auth handler's answer to a 401 or 407: the header value for the retry, or undefined.
 * The challenged response is drained for the retry, or dropped when the handler raises.
 */
async function challengeAnswer(res: Response, answer: () => string | undefined): Promise<string | undefined> {
  let retry: string | undefined;
  try {
    retry = answer();
  } catch (err) {
    res.cancel();
    throw err;
  }
  if (retry !== undefined) await res.discard();
  return retry;
}

/** Request.host for `url` (netloc without userinfo), as proxy_bypass sees it. */
function requestHost(url: string): { scheme: string; host: string } {
  const s = urlsplit(url);
  const at = s.netloc.lastIndexOf('@');
  return { scheme: s.scheme.toLowerCase(), host: at >= 0 ? s.netloc.slice(at + 1) : s.netloc };
}

/** One exchange, direct or through the proxy ProxyHandler would pick; errors as urllib raises them. */
async function send(
  req: RedirectableRequest,
  options: UrlopenOptions,
  proxies: Record<string, string>,
  proxyAuth?: ProxyAuthSession,
  proxyAuthorization?: string,
): Promise<{ res: Response; proxy: ProxyChoice | undefined }> {
  const { scheme, host } = requestHost(req.url);
  if (scheme !== 'http' && scheme !== 'https') throw new URLError(`unknown url type: ${scheme}`, { code: 'ERR_URL_TYPE' });
  if (!host) throw new URLError('no host given', { code: 'ERR_NO_HOST' });
  try {
    const proxy = chooseProxy(scheme, host, proxies);
    if (!proxy) {
      const res = await request({
        url: req.url,
        method: req.method,
        headers: req.headers,
        body: req.body,
        timeout: options.timeout,
        ca: options.ca,
        insecure: options.insecure,
        decompress: options.decompress,
        maxBodySize: options.maxBodySize,
        maxDecodedSize: options.maxDecodedSize,
        lendBody: options.lendBody,
        pool: options.pool,
      });
      return { res, proxy };
    }
    return { res: await viaProxy(req, proxy, options, proxyAuth, proxyAuthorization), proxy };
  } catch (err) {
    throw toURLError(err);
  }
}

/** do_open's `except OSError as err: raise URLError(err)`, worded as Python words it. */
export function toURLError(err: unknown): unknown {
  if (err instanceof URLError) return err;
  if (err instanceof TLSError) return new URLError(err.message, { kind: 'tls', code: err.code, cause: err });
  // A read timeout comes from getresponse(), which urllib does not wrap.
  if (err instanceof SocketTimeoutError && err.phase === 'read') return err;
  if (err instanceof NetworkError) return new URLError(err.message, { code: err.code, cause: err });
  if (err instanceof InvalidURL && err.message === 'no host given') return new URLError('no host given', { code: 'ERR_NO_HOST', cause: err });
  return err;
}

/**
 * The request through a proxy: http in absolute form to the proxy (with its
 * Proxy-Authorization), https through a CONNECT tunnel (the credentials go on the CONNECT;
 * a 407 to it is answered with `proxyAuth` on a new connection, until it gives up).
 * `proxyAuthorization` (a 407 retry's) overrides the proxy URL's userinfo credentials.
 */
async function viaProxy(req: RedirectableRequest, proxy: ProxyChoice, options: UrlopenOptions, proxyAuth?: ProxyAuthSession, proxyAuthorization?: string): Promise<Response> {
  const target = new URL(req.url);
  const scheme = target.protocol === 'https:' ? 'https' : 'http';
  const port = target.port === '' ? (scheme === 'https' ? 443 : 80) : Number(target.port);
  const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
  const headers: HeaderList = req.headers.filter(([n]) => n.toLowerCase() !== 'proxy-authorization');
  let credentials = proxyAuthorization ?? proxy.authorization;
  const proxyHeaders = (): HeaderList => (credentials ? [['Proxy-Authorization', credentials]] : []);
  if (scheme === 'https') {
    const selector = (target.pathname || '/') + target.search;
    for (;;) {
      // CONNECT carries the proxy's credentials; the request inside the tunnel does not.
      const via = { scheme: 'https' as const, host: proxy.host, port: proxy.port, tunnel: { host, port, headers: proxyHeaders() }, target: selector };
      try {
        return await proxiedRequest(req, headers, via, options);
      } catch (err) {
        if (!(proxyAuth && err instanceof TunnelError && err.status === 407)) throw err;
        const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
        const retry = proxyAuth.on407(proxyAuthority(proxy.host, proxy.port), { url: req.url, method: 'CONNECT', selector: authority, proxyAuthorization: credentials }, err.headers);
        if (retry === undefined) throw err;
        credentials = retry;
      }
    }
  }
  if (proxy.scheme !== 'http') throw new URLError(`proxy scheme ${proxy.scheme} is not supported for http requests`, { code: 'ERR_PROXY_SCHEME' });
  headers.push(...proxyHeaders());
  target.hash = '';
  // A plain-HTTP proxy gets the absolute URL as the request target (RFC 9112 §3.2.2).
  return proxiedRequest(req, headers, { scheme: 'http', host: proxy.host, port: proxy.port, target: target.href }, options);
}

/** The client engine's request() to the proxy hop `via`. */
function proxiedRequest(req: RedirectableRequest, headers: HeaderList, via: RequestOptions['via'], options: UrlopenOptions): Promise<Response> {
  return request({
    url: req.url,
    method: req.method,
    headers,
    body: req.body,
    timeout: options.timeout,
    ca: options.ca,
    insecure: options.insecure,
    decompress: options.decompress,
    maxBodySize: options.maxBodySize,
    maxDecodedSize: options.maxDecodedSize,
    lendBody: options.lendBody,
    pool: options.pool,
    via,
  });
}
