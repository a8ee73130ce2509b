// Proxy authentication for the urllib layer: what build_opener(ProxyDigestAuthHandler(mgr),
// ProxyBasicAuthHandler(mgr)) does with a 407 in CPython 3.11 (handler_order 490 puts the
// Digest handler first), for one urlopen. The credentials are registered for the proxy's
// host:port (realm None: any realm), as `mgr.add_password(None, proxy, user, password)`.
//
// Divergences (documented in README.md): the Digest handler looks the credentials up by the
// proxy (3.11 looks them up by req.full_url, the origin URL, so proxy digest only works when
// the origin is registered too); a 407 to CONNECT is answered too (3.11's http.client raises
// OSError('Tunnel connection failed: 407 ...') and never lets the handlers see it): the
// CONNECT is sent again on a new connection, with method CONNECT and the host:port as
// the digest uri. Pure library: nothing prints; passwords never go into errors.
import type { Headers } from '../client/headers.js';
import { basicAnswer, digestAnswer, DigestAuth, HTTPPasswordMgrWithDefaultRealm } from './auth.js';
import { HTTPError } from './errors.js';

/** Credentials for urlopen's `proxyCredentials` option (any proxy urlopen goes through). */
export interface ProxyCredentials {
  user: string;
  password: string;
}

/** What the 407 handlers need to know about the request the proxy refused. */
export interface ProxyAuthRequest {
  /** req.full_url (the origin URL), for the `digest auth failed` HTTPError. */
  url: string;
  /** req.get_method(), or CONNECT for a tunnel. */
  method: string;
  /** req.selector (the full URL through an http proxy), or host:port for CONNECT. */
  selector: string;
  /** The Proxy-Authorization the refused request carried, if any. */
  proxyAuthorization: string | undefined;
}

/** req.host once set_proxy has run: the proxy's host:port (IPv6 in brackets). */
export function proxyAuthority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * ProxyDigestAuthHandler then ProxyBasicAuthHandler, sharing one password manager, for the
 * 407s of one urlopen.
 */
export class ProxyAuthSession {
  readonly mgr = new HTTPPasswordMgrWithDefaultRealm();
  readonly digest: DigestAuth;
  /** AbstractDigestAuthHandler.retried (of the proxy handler). */
  private retried = 0;
  private readonly registered = new Set<string>();

  constructor(
    private readonly creds: ProxyCredentials,
    options: { cnonce?: (nonce: string) => string } = {},
  ) {
    this.digest = new DigestAuth(options.cnonce);
  }

  /**
   * http_error_407: the Proxy-Authorization value to send the same request again with, or
   * undefined to give up (urlopen then raises HTTPError 407, or the tunnel's URLError).
   * Throws HTTPError 401 `digest auth failed` after 6 digest retries (3.11 says 401 here
   * too) and ValueError for a first challenge that is neither Digest nor Basic.
   */
  on407(authority: string, req: ProxyAuthRequest, headers: Headers): string | undefined {
    if (!this.registered.has(authority)) {
      this.mgr.addPassword(null, authority, this.creds.user, this.creds.password);
      this.registered.add(authority);
    }
    const digest = this.digestRetry(authority, req, headers);
    if (digest !== undefined) return digest;
    // The Digest handler returned None: its http_error_407 reset the retry count.
    this.retried = 0;
    return this.basicRetry(authority, req, headers);
  }

  private digestRetry(authority: string, req: ProxyAuthRequest, headers: Headers): string | undefined {
    const authreq = headers.get('proxy-authenticate');
    if (this.retried > 5) throw new HTTPError(req.url, 401, 'digest auth failed', headers);
    this.retried += 1;
    // 3.11 compares the answer with req.headers['Proxy-Authorization'], a key Request never
    // holds (it capitalizes to 'Proxy-authorization'): no comparison, the retry count ends it.
    return digestAnswer(this.digest, this.mgr, authreq, req.method, req.selector, authority);
  }

  /** AbstractBasicAuthHandler.http_error_auth_reqed('proxy-authenticate', req.host, ...). */
  private basicRetry(authority: string, req: ProxyAuthRequest, headers: Headers): string | undefined {
    return basicAnswer(this.mgr, headers.getAll('proxy-authenticate'), authority, req.proxyAuthorization);
  }
}
