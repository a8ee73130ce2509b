// urllib.request's proxy rules (CPython 3.11): getproxies_environment(),
// proxy_bypass_environment(), _parse_proxy() and what ProxyHandler.proxy_open decides.
// Every function takes the environment as an object; nothing reads process.env here.
import { PyValueError } from '../../core/errors.js';
import { unquote } from '../../url/index.js';
import { InvalidURL } from '../client/errors.js';

/** An environment: name → value (process.env has this shape). */
export type Env = Record<string, string | undefined>;

/**
 * urllib.request.getproxies_environment: `<scheme>_proxy` variables, any case, with the
 * lower-case spelling winning; under CGI (REQUEST_METHOD set) an upper-case HTTP_PROXY is
 * ignored (CVE-2016-1000110). An empty lower-case value removes the scheme.
 */
export function getproxiesEnvironment(env: Env): Record<string, string> {
  const proxies = new Map<string, string>();
  const entries = Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string');
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (value && name.slice(-6) === '_proxy') proxies.set(name.slice(0, -6), value);
  }
  if (Object.prototype.hasOwnProperty.call(env, 'REQUEST_METHOD') && env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [rawName, value] of entries) {
    if (rawName.slice(-6) === '_proxy') {
      const name = rawName.toLowerCase();
      if (value) proxies.set(name.slice(0, -6), value);
      else proxies.delete(name.slice(0, -6));
    }
  }
  return Object.fromEntries(proxies);
}

/** urllib.parse._splitport: `host:digits` → [host, port]; port undefined when absent or empty. */
export function splitport(host: string): [string, string | undefined] {
  const m = /^([\s\S]*):([0-9]*)$/.exec(host);
  if (m) return [m[1]!, m[2] ? m[2] : undefined];
  return [host, undefined];
}

/**
 * urllib.request.proxy_bypass_environment(host, proxies): true when `no_proxy` names the
 * host (or host:port) or a domain it is in; `*` bypasses everything; leading dots ignored.
 */
export function proxyBypassEnvironment(host: string, proxies: Record<string, string>): boolean {
  const noProxy = proxies['no'];
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  host = host.toLowerCase();
  const [hostonly] = splitport(host);
  for (let name of noProxy.split(',')) {
    name = pyStripWs(name);
    if (!name) continue;
    name = name.replace(/^\.+/, '').toLowerCase();
    if (hostonly === name || host === name) return true;
    name = '.' + name;
    if (hostonly.endsWith(name) || host.endsWith(name)) return true;
  }
  return false;
}

function pyStripWs(s: string): string {
  return s.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu, '');
}

/** What _parse_proxy returns: scheme (undefined for a bare authority), user, password, host:port. */
export interface ParsedProxy {
  scheme: string | undefined;
  user: string | undefined;
  password: string | undefined;
  hostport: string;
}

/** urllib.request._parse_proxy: a proxy URL (`http://u:p@host:port/`) or bare authority (`host:port`). */
export function parseProxy(proxy: string): ParsedProxy {
  const m = /^([^/:]+):([\s\S]*)$/.exec(proxy);
  const scheme = m ? m[1]!.toLowerCase() : undefined;
  const rest = m ? m[2]! : proxy;
  let authority: string;
  let outScheme: string | undefined;
  if (!rest.startsWith('/')) {
    outScheme = undefined;
    authority = proxy;
  } else {
    if (!rest.startsWith('//')) throw new PyValueError(`proxy URL with no authority: ${pyReprAscii(proxy)}`, 'ERR_PROXY_URL');
    outScheme = scheme;
    let end: number;
    if (rest.includes('@')) end = rest.indexOf('/', rest.indexOf('@'));
    else end = rest.indexOf('/', 2);
    authority = end === -1 ? rest.slice(2) : rest.slice(2, end);
  }
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  let user: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const c = userinfo.indexOf(':');
    user = c >= 0 ? userinfo.slice(0, c) : userinfo;
    password = c >= 0 ? userinfo.slice(c + 1) : undefined;
  }
  return { scheme: outScheme, user, password, hostport };
}

function pyReprAscii(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The proxy a request should go through, as ProxyHandler.proxy_open decides it. */
export interface ProxyChoice {
  /** The proxy's scheme (the request's own when the proxy was a bare host:port). */
  scheme: string;
  host: string;
  port: number;
  /** `Basic ...` when the proxy URL had a user and a password. */
  authorization: string | undefined;
  /** The proxy as configured (for messages). */
  raw: string;
}

/**
 * Which proxy (if any) urllib would use for `scheme://host` given these proxies
 * (getproxiesEnvironment's result): none when no `<scheme>_proxy` is set or no_proxy
 * bypasses the host (`host` may carry a port, as Request.host does).
 */
export function chooseProxy(scheme: string, host: string, proxies: Record<string, string>): ProxyChoice | undefined {
  const raw = proxies[scheme];
  if (raw === undefined || scheme === 'no') return undefined;
  const parsed = parseProxy(raw);
  if (host && proxyBypassEnvironment(host, proxies)) return undefined;
  let authorization: string | undefined;
  if (parsed.user && parsed.password) {
    authorization = 'Basic ' + Buffer.from(`${unquote(parsed.user)}:${unquote(parsed.password)}`, 'utf8').toString('base64');
  }
  const hostport = unquote(parsed.hostport);
  const proxyScheme = parsed.scheme ?? scheme;
  // http.client._get_hostport: a trailing :digits is the port, [v6] brackets dropped.
  let h = hostport;
  let port = proxyScheme === 'https' ? 443 : 80;
  const i = h.lastIndexOf(':');
  const j = h.lastIndexOf(']');
  if (i > j) {
    const p = h.slice(i + 1);
    if (p !== '') {
      if (!/^[0-9]+$/.test(p)) throw new InvalidURL(`nonnumeric port: '${p}'`);
      port = Number(p);
    }
    h = h.slice(0, i);
  }
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return { scheme: proxyScheme, host: h, port, authorization, raw };
}
