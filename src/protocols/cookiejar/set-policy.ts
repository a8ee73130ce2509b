// DefaultCookiePolicy.set_ok() of CPython 3.11 Lib/http/cookiejar.py with default settings:
// whether a cookie from a response may be stored, checked in Python's order (version,
// verifiability, name, path, domain, port); a refusal carries Python's debug message.
import { parsePyInt } from '../core/py-text.js';
import type { Cookie } from './cookie.js';
import { truthy } from './cookie.js';
import { domainMatch, effRequestHost, isThirdParty, pathReturnOk, POLICY, requestPath, requestPort, type CookieRequest, type Refusal } from './policy.js';

/** Why a cookie is not stored: the set_ok_* check that refused it. */
export type SetRefusalCode = 'version' | 'verifiability' | 'name' | 'path' | 'domain' | 'port';
export type SetRefusal = Refusal<SetRefusalCode>;

// DefaultCookiePolicy() defaults besides POLICY's
const STRICT_DOMAIN = false;
const STRICT_NS_SET_INITIAL_DOLLAR = false;
const STRICT_NS_SET_PATH = false;
const STRICT_NS_DOMAIN = 0; // DomainLiberal
const DOMAIN_STRICT_NO_DOTS = 1;
const DOMAIN_RFC2965_MATCH = 4;
const IPV4_RE = /\.\d+$/;
const SLD = ['co', 'ac', 'com', 'edu', 'org', 'net', 'gov', 'mil', 'int', 'aero', 'biz', 'cat', 'coop', 'info', 'jobs', 'mobi', 'museum', 'name', 'pro', 'travel', 'eu'];

/** Python's "%s" of an optional text. */
function s(v: string | null): string {
  return v === null ? 'None' : v;
}

function refuse(code: SetRefusalCode, message: string): SetRefusal {
  return { code, message };
}

/** set_ok_version(). */
export function setOkVersion(cookie: Cookie): SetRefusal | null {
  // Version is always set to 0 by parse_ns_headers for a Netscape cookie: this is an invalid RFC 2965 one
  if (cookie.version === null) return refuse('version', `Set-Cookie2 without version attribute (${cookie.name}=${s(cookie.value)})`);
  if (cookie.version > 0 && !POLICY.rfc2965) return refuse('version', 'RFC 2965 cookies are switched off');
  if (cookie.version === 0 && !POLICY.netscape) return refuse('version', 'Netscape cookies are switched off');
  return null;
}

/** set_ok_verifiability(): third-party cookies during unverifiable transactions. */
export function setOkVerifiability(cookie: Cookie, req: CookieRequest): SetRefusal | null {
  if (req.unverifiable && isThirdParty(req)) {
    const version = cookie.version ?? 0;
    if (version > 0 && POLICY.strictRfc2965Unverifiable) return refuse('verifiability', 'third-party RFC 2965 cookie during unverifiable transaction');
    if (version === 0 && POLICY.strictNsUnverifiable) return refuse('verifiability', 'third-party Netscape cookie during unverifiable transaction');
  }
  return null;
}

/** set_ok_name(): a "$" name only under strict_ns_set_initial_dollar. */
export function setOkName(cookie: Cookie): SetRefusal | null {
  if (cookie.version === 0 && STRICT_NS_SET_INITIAL_DOLLAR && cookie.name.startsWith('$')) return refuse('name', `illegal name (starts with '$'): '${cookie.name}'`);
  return null;
}

/** set_ok_path(): a specified path must prefix the request path (RFC 2965, or strict_ns_set_path). */
export function setOkPath(cookie: Cookie, req: CookieRequest): SetRefusal | null {
  if (truthy(cookie.path_specified)) {
    const version = cookie.version ?? 0;
    if ((version > 0 || (version === 0 && STRICT_NS_SET_PATH)) && pathReturnOk(cookie.path, req) !== null) {
      return refuse('path', `path attribute ${s(cookie.path)} is not a prefix of request path ${requestPath(req)}`);
    }
  }
  return null;
}

/** set_ok_domain(): the .local, embedded-dot, Netscape suffix (and, if strict, sld) rules. */
export function setOkDomain(cookie: Cookie, req: CookieRequest): SetRefusal | null {
  if (!cookie.domain_specified) return null;
  const [reqHost, erhn] = effRequestHost(req);
  const domain = cookie.domain;
  const version = cookie.version ?? 0;
  if (STRICT_DOMAIN && domain.split('.').length - 1 >= 2) {
    const i = domain.lastIndexOf('.');
    const j = domain.lastIndexOf('.', i - 1);
    if (j === 0) {
      // domain like .foo.bar
      const tld = domain.slice(i + 1);
      const sld = domain.slice(j + 1, i);
      if (SLD.includes(sld.toLowerCase()) && [...tld].length === 2) return refuse('domain', `country-code second level domain ${domain}`);
    }
  }
  const undotted = domain.startsWith('.') ? domain.slice(1) : domain;
  const embeddedDots = undotted.includes('.');
  if (!embeddedDots && !erhn.endsWith('.local')) return refuse('domain', `non-local domain ${domain} contains no embedded dot`);
  if (version === 0) {
    if (!(erhn.endsWith(domain) || erhn.endsWith(`${undotted}.local`)) && !erhn.startsWith('.') && !('.' + erhn).endsWith(domain)) {
      return refuse('domain', `effective request-host ${erhn} (even with added initial dot) does not end with ${domain}`);
    }
  }
  if ((version > 0 || STRICT_NS_DOMAIN & DOMAIN_RFC2965_MATCH) && !domainMatch(erhn, domain)) {
    return refuse('domain', `effective request-host ${erhn} does not domain-match ${domain}`);
  }
  if (version > 0 || STRICT_NS_DOMAIN & DOMAIN_STRICT_NO_DOTS) {
    // req_host[:-len(domain)] (an empty domain slices to nothing)
    const cps = [...reqHost];
    const n = [...domain].length;
    const hostPrefix = n === 0 ? '' : cps.slice(0, Math.max(0, cps.length - n)).join('');
    if (hostPrefix.includes('.') && !IPV4_RE.test(reqHost)) return refuse('domain', `host prefix ${hostPrefix} for domain ${domain} contains a dot`);
  }
  return null;
}

/** set_ok_port(): a specified port list must be numeric and hold the request's port. */
export function setOkPort(cookie: Cookie, req: CookieRequest): SetRefusal | null {
  if (!truthy(cookie.port_specified)) return null;
  const reqPort = requestPort(req) ?? '80';
  for (const p of (cookie.port ?? '').split(',')) {
    if (parsePyInt(p, 10) === undefined) return refuse('port', `bad port ${p} (not numeric)`);
    if (p === reqPort) return null;
  }
  return refuse('port', `request port (${reqPort}) not found in ${s(cookie.port)}`);
}

/** DefaultCookiePolicy().set_ok(cookie, request): null when the cookie may be stored. */
export function setOk(cookie: Cookie, req: CookieRequest): SetRefusal | null {
  const v = setOkVersion(cookie);
  if (v) return v;
  return setOkVerifiability(cookie, req) ?? setOkName(cookie) ?? setOkPath(cookie, req) ?? setOkDomain(cookie, req) ?? setOkPort(cookie, req);
}
