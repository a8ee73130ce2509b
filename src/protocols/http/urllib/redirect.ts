// urllib.request.HTTPRedirectHandler (CPython 3.11): where a 30x leads, what the next
// request is, and when to give up. Pure decisions; open.ts does the I/O.
//
// Divergences (documented): 307/308 keep any method and its body and 301/302 keep
// methods other than POST (RFC 9110, as curl does) where urllib raises HTTPError; HEAD
// stays HEAD (urllib's new Request turns it into GET). `strictPython` restores urllib's
// behaviour exactly. Authorization, Cookie and Proxy-Authorization are not carried to
// another host (urllib keeps every header set with add_header).
import { quote, urljoin, urlparse, urlunparse, urlsplit } from '../../url/index.js';
import { HTTPError, type HTTPErrorResponse } from './errors.js';
import type { Headers } from '../client/headers.js';
import type { HeaderList, RequestBody } from '../client/request.js';

/** HTTPRedirectHandler.max_repeats: visits of one URL. */
export const MAX_REPEATS = 4;
/** HTTPRedirectHandler.max_redirections: distinct URLs redirected to. */
export const MAX_REDIRECTIONS = 10;
/** HTTPRedirectHandler.inf_msg. */
export const INF_MSG = 'The HTTP server returned a redirect error that would lead to an infinite loop.\nThe last 30x error message was:\n';
/** The codes HTTPRedirectHandler handles. */
export const REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** string.punctuation: what quote() leaves alone in a Location. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Headers that are not sent to a host other than the one they were given for. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** A request as the redirect logic sees it. */
export interface RedirectableRequest {
  url: string;
  method: string;
  headers: HeaderList;
  body: RequestBody | undefined;
}

/** The 30x response being followed. */
export interface RedirectResponse {
  status: number;
  reason: string;
  headers: Headers;
  response?: HTTPErrorResponse;
}

export interface RedirectOptions {
  /** HTTPRedirectHandler.max_redirections (default 10). */
  maxRedirects?: number;
  /** Refuse what urllib refuses (POST etc. on 307/308, non-POST on 301/302), HEAD becomes GET. */
  strictPython?: boolean;
}

/**
 * http_error_302's Location handling: Location (else URI) — undefined when neither is there
 * (urllib then treats the response as a plain error) — scheme check, empty path made '/',
 * non-ASCII and spaces quoted as urllib quotes them, resolved against the request URL.
 */
export function resolveLocation(requestUrl: string, res: RedirectResponse): string | undefined {
  let newurl = res.headers.get('location') ?? res.headers.get('uri');
  if (newurl === undefined) return undefined;
  const parts = urlparse(newurl);
  if (!['http', 'https', 'ftp', ''].includes(parts.scheme)) {
    throw new HTTPError(newurl, res.status, `${res.reason} - Redirection to url '${newurl}' is not allowed`, res.headers, res.response);
  }
  const t = parts.toTuple();
  if (!t[2] && t[1]) t[2] = '/';
  newurl = urlunparse(t);
  newurl = quote(newurl, PUNCTUATION, 'iso-8859-1');
  return urljoin(requestUrl, newurl);
}

/** host:port (lower-case, default port filled in) of an http(s) URL, for the cross-host test. */
function origin(url: string): string {
  const s = urlsplit(url);
  try {
    const host = (s.hostname ?? '').toLowerCase();
    const port = s.port ?? (s.scheme === 'https' ? 443 : s.scheme === 'http' ? 80 : s.scheme === 'ftp' ? 21 : 0);
    return `${host}:${port}`;
  } catch {
    return s.netloc.toLowerCase();
  }
}

/**
 * redirect_request: the next request for a 30x, or HTTPError when urllib would refuse.
 * 301/302 turn POST into GET, 303 turns everything but HEAD into GET, dropping the body
 * and its Content-* headers; 307/308 keep method and body (a streamed body cannot be
 * sent twice: that redirect is HTTPError, as urllib refuses it).
 */
export function redirectRequest(req: RedirectableRequest, res: RedirectResponse, newurl: string, options: RedirectOptions = {}): RedirectableRequest {
  const code = res.status;
  const m = req.method.toUpperCase();
  let method = req.method;
  let keepBody: boolean;
  if (options.strictPython) {
    const allowed = (REDIRECT_CODES.has(code) && (m === 'GET' || m === 'HEAD')) || ((code === 301 || code === 302 || code === 303) && m === 'POST');
    if (!allowed) throw new HTTPError(req.url, code, res.reason, res.headers, res.response);
    method = 'GET';
    keepBody = false;
  } else if (code === 303) {
    if (m !== 'HEAD') method = 'GET';
    keepBody = false;
  } else if ((code === 301 || code === 302) && m === 'POST') {
    method = 'GET';
    keepBody = false;
  } else {
    keepBody = req.body !== undefined;
  }
  // A streamed body has been sent already and cannot be replayed: urllib's refusal.
  if (keepBody && typeof req.body !== 'string' && !(req.body instanceof Uint8Array)) {
    throw new HTTPError(req.url, code, res.reason, res.headers, res.response);
  }
  const crossHost = origin(req.url) !== origin(newurl);
  const headers = req.headers.filter(([name]) => {
    const lower = name.toLowerCase();
    if (lower === 'host') return false;
    if (crossHost && CREDENTIAL_HEADERS.has(lower)) return false;
    if (!keepBody && (options.strictPython ? lower === 'content-length' || lower === 'content-type' : lower.startsWith('content-'))) return false;
    return true;
  });
  return { url: newurl.replace(/ /g, '%20'), method, headers, body: keepBody ? req.body : undefined };
}

/** The redirect_dict loop detection: one tracker per urlopen call. */
export class RedirectTracker {
  private readonly visited = new Map<string, number>();
  constructor(private readonly maxRedirections = MAX_REDIRECTIONS, private readonly maxRepeats = MAX_REPEATS) {}

  /** Records a visit of `newurl`, or throws urllib's infinite-loop HTTPError. */
  visit(requestUrl: string, newurl: string, res: RedirectResponse): void {
    if ((this.visited.get(newurl) ?? 0) >= this.maxRepeats || this.visited.size >= this.maxRedirections) {
      throw new HTTPError(requestUrl, res.status, INF_MSG + res.reason, res.headers, res.response);
    }
    this.visited.set(newurl, (this.visited.get(newurl) ?? 0) + 1);
  }
}
