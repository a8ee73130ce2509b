// The RFC 3875 environment of a CGI script as CPython 3.11's run_cgi builds it, variable
// by variable, on top of a minimal base environment instead of Python's copy of
// os.environ (netkit divergence: the server's own environment — credentials, proxies,
// NETKIT_* — never reaches a script).
import { SPACES } from '../../../core/py-unicode.js';
import { unquote } from '../../../url/index.js';
import { a2bBase64 } from '../../urllib/local.js';
import { translatePath } from '../simple/paths.js';
import type { CgiScript } from './select.js';

/** What the CGI engine needs to know about one request. */
export interface CgiRequest {
  /** self.command. */
  method: string;
  /** self.path: the request target (path and query). */
  path: string;
  /** Header fields in arrival order, names as sent. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** self.client_address[0]. */
  clientAddress: string;
}

/** What the CGI engine needs to know about the server. */
export interface CgiServerInfo {
  /** version_string(): e.g. 'SimpleHTTP/0.6 Python/3.11.7' or netkit's. */
  serverSoftware: string;
  /** self.server.server_name (socket.getfqdn of the bound host). */
  serverName: string;
  /** self.server.server_port. */
  serverPort: number;
  /** self.protocol_version: the server's, not the request's ('HTTP/1.0' in Python). */
  protocolVersion: string;
}

/** Variables copied from the server's environment when set; PATH always (default below). */
const BASE_KEEP = ['PATH', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ'] as const;
const DEFAULT_PATH = '/usr/local/bin:/usr/bin:/bin';

/** netkit's base environment for scripts: PATH (or a default), and the locale and TZ when set. */
export function safeBaseEnv(from: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BASE_KEEP) {
    const value = from[key];
    if (value !== undefined) env[key] = value;
  }
  if (!env.PATH) env.PATH = DEFAULT_PATH;
  return env;
}

/** email.message.Message.get: the first value of a field, any case. */
function getFirst(headers: CgiRequest['headers'], lower: string): string | undefined {
  for (const [name, value] of headers) if (name.toLowerCase() === lower) return value;
  return undefined;
}

/** Message.get_all. */
function getAll(headers: CgiRequest['headers'], lower: string): string[] {
  return headers.filter(([name]) => name.toLowerCase() === lower).map(([, value]) => value);
}

const PY_SPACE = new Set(SPACES);

/** str.split() with no argument. */
function pySplit(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (PY_SPACE.has(ch.codePointAt(0)!)) {
      if (word) out.push(word);
      word = '';
    } else word += ch;
  }
  if (word) out.push(word);
  return out;
}

/** AUTH_TYPE and REMOTE_USER from an Authorization value, as run_cgi reads them. */
function authVariables(authorization: string, env: Record<string, string>): void {
  const parts = pySplit(authorization);
  if (parts.length !== 2) return;
  env.AUTH_TYPE = parts[0]!;
  if (parts[0]!.toLowerCase() !== 'basic') return;
  const credentials = parts[1]!;
  if (/[^\x00-\x7f]/.test(credentials)) return; // .encode('ascii') raises UnicodeError
  let decoded: Buffer;
  try {
    decoded = a2bBase64(Buffer.from(credentials, 'latin1'));
  } catch {
    return; // binascii.Error
  }
  if (decoded.some((b) => b > 0x7f)) return; // .decode('ascii') raises UnicodeError
  const userPass = decoded.toString('latin1').split(':');
  if (userPass.length === 2) env.REMOTE_USER = userPass[0]!;
}

/**
 * run_cgi's environment for `script` answering `request`. `base` stands for Python's
 * copy.deepcopy(os.environ); netkit passes safeBaseEnv().
 */
export function buildCgiEnv(script: CgiScript, request: CgiRequest, server: CgiServerInfo, base: Readonly<Record<string, string>> = safeBaseEnv()): Record<string, string> {
  const env: Record<string, string> = { ...base };
  const headers = request.headers;
  env.SERVER_SOFTWARE = server.serverSoftware;
  env.SERVER_NAME = server.serverName;
  env.GATEWAY_INTERFACE = 'CGI/1.1';
  env.SERVER_PROTOCOL = server.protocolVersion;
  env.SERVER_PORT = String(server.serverPort);
  env.REQUEST_METHOD = request.method;
  const uqrest = unquote(script.pathInfoRaw);
  env.PATH_INFO = uqrest;
  env.PATH_TRANSLATED = translatePath(uqrest, script.root);
  env.SCRIPT_NAME = script.scriptName;
  env.QUERY_STRING = script.query;
  env.REMOTE_ADDR = request.clientAddress;
  const authorization = getFirst(headers, 'authorization');
  if (authorization) authVariables(authorization, env);
  // get_content_type() is 'text/plain' when the field is absent.
  env.CONTENT_TYPE = getFirst(headers, 'content-type') ?? 'text/plain';
  const length = getFirst(headers, 'content-length');
  if (length) env.CONTENT_LENGTH = length;
  const referer = getFirst(headers, 'referer');
  if (referer) env.HTTP_REFERER = referer;
  env.HTTP_ACCEPT = getAll(headers, 'accept').join(',');
  const ua = getFirst(headers, 'user-agent');
  if (ua) env.HTTP_USER_AGENT = ua;
  const cookie = getAll(headers, 'cookie').filter(Boolean).join(', ');
  if (cookie) env.HTTP_COOKIE = cookie;
  for (const k of ['QUERY_STRING', 'REMOTE_HOST', 'CONTENT_LENGTH', 'HTTP_USER_AGENT', 'HTTP_COOKIE', 'HTTP_REFERER']) {
    if (!(k in env)) env[k] = '';
  }
  return env;
}

/**
 * The argument vector after the program, as the fork branch builds it: [script] plus the
 * query with '+' made ' ' (not unquoted) when it holds no '=' — an empty query included.
 */
export function cgiArgs(script: CgiScript): string[] {
  const decodedQuery = script.query.replace(/\+/g, ' ');
  return decodedQuery.includes('=') ? [] : [decodedQuery];
}
