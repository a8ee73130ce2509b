// urllib.request / urllib.error for netkit: the public surface in one import.
export { URLError, HTTPError, ContentTooShortError, type HTTPErrorResponse } from './errors.js';
export { ConnectionPool } from '../client/pool.js';
export { urlopen, toURLError, DEFAULT_USER_AGENT, type UrlopenOptions, type UrlopenResponse, type RedirectHop } from './open.js';
export { resolveLocation, redirectRequest, RedirectTracker, MAX_REPEATS, MAX_REDIRECTIONS, INF_MSG, REDIRECT_CODES, type RedirectableRequest, type RedirectResponse, type RedirectOptions } from './redirect.js';
export { getproxiesEnvironment, proxyBypassEnvironment, parseProxy, chooseProxy, splitport, type Env, type ParsedProxy, type ProxyChoice } from './proxies.js';
export { ProxyAuthSession, proxyAuthority, type ProxyCredentials, type ProxyAuthRequest } from './proxy-auth.js';
export { openDataUrl, openFileUrl, a2bBase64, formatdateGMT, type LocalResource } from './local.js';
export { guessType } from './mimetypes.js';
export {
  AuthSession,
  DigestAuth,
  HTTPPasswordMgr,
  HTTPPasswordMgrWithDefaultRealm,
  HTTPPasswordMgrWithPriorAuth,
  basicAuthorization,
  digestHash,
  isSuburi,
  parseHttpList,
  parseKeqvList,
  parseRealm,
  reduceUri,
  requestSelector,
  type AuthCredentials,
  type AuthRequest,
  type ReducedURI,
} from './auth.js';
