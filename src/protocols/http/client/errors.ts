// http.client's exception tree (CPython 3.11 Lib/http/client.py) as TypeScript classes,
// plus the socket-level failures (refused, DNS, timeout, TLS) the HTTP engine reports.
// Every class sets a literal `name` and the Python exception it mirrors.
import { osErrorText, pyErrno } from '../../core/os-error.js';
import { NetkitError, type ErrorKind } from '../../core/errors.js';

/** http.client._MAXLINE: the longest status, header, chunk-size or trailer line. */
export const MAXLINE = 65536;
/** http.client._MAXHEADERS: the most header lines in one response. */
export const MAXHEADERS = 100;

/** Python's bytes repr (b'...'), as http.client quotes header names and values. */
export function bytesRepr(data: Buffer): string {
  const s = data.toString('latin1');
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = 'b' + quote;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** http.client.HTTPException: root of every protocol-level HTTP failure. */
export class HTTPException extends NetkitError {
  override name: string = 'HTTPException';
  constructor(message: string, python = 'http.client.HTTPException', code = 'ERR_HTTP', kind: ErrorKind = 'network') {
    super(message, { code, python, kind });
  }
}

/** http.client.InvalidURL: a bad port, or control characters in the host or target. */
export class InvalidURL extends HTTPException {
  override name = 'InvalidURL';
  constructor(message: string) {
    super(message, 'http.client.InvalidURL', 'ERR_INVALID_URL', 'usage');
  }
}

/** http.client.NotConnected: the socket is gone (closed or never opened). */
export class NotConnected extends HTTPException {
  override name = 'NotConnected';
  constructor(message = '') {
    super(message, 'http.client.NotConnected', 'ERR_NOT_CONNECTED');
  }
}

/** http.client.ImproperConnectionState: a call out of the request/response order. */
export class ImproperConnectionState extends HTTPException {
  override name: string = 'ImproperConnectionState';
  constructor(message = '', python = 'http.client.ImproperConnectionState', code = 'ERR_CONNECTION_STATE') {
    super(message, python, code, 'failure');
  }
}

/** http.client.CannotSendRequest: the connection is busy with another exchange. */
export class CannotSendRequest extends ImproperConnectionState {
  override name = 'CannotSendRequest';
  constructor(message = '') {
    super(message, 'http.client.CannotSendRequest', 'ERR_CANNOT_SEND_REQUEST');
  }
}

/** http.client.CannotSendHeader: headers after the request was sent. */
export class CannotSendHeader extends ImproperConnectionState {
  override name = 'CannotSendHeader';
  constructor(message = '') {
    super(message, 'http.client.CannotSendHeader', 'ERR_CANNOT_SEND_HEADER');
  }
}

/** http.client.ResponseNotReady: asking for a response before a request was sent. */
export class ResponseNotReady extends ImproperConnectionState {
  override name = 'ResponseNotReady';
  constructor(message = '') {
    super(message, 'http.client.ResponseNotReady', 'ERR_RESPONSE_NOT_READY');
  }
}

/** http.client.BadStatusLine: the first line is not `HTTP/x.y NNN reason`. Message: the line (or `''`). */
export class BadStatusLine extends HTTPException {
  override name: string = 'BadStatusLine';
  readonly line: string;
  constructor(line: string, python = 'http.client.BadStatusLine', code = 'ERR_BAD_STATUS_LINE') {
    const shown = line === '' ? "''" : line;
    super(shown, python, code);
    this.line = shown;
  }
}

/** http.client.LineTooLong: `got more than 65536 bytes when reading header line`. */
export class LineTooLong extends HTTPException {
  override name = 'LineTooLong';
  readonly lineType: string;
  constructor(lineType: string) {
    super(`got more than ${MAXLINE} bytes when reading ${lineType}`, 'http.client.LineTooLong', 'ERR_LINE_TOO_LONG');
    this.lineType = lineType;
  }
}

/** http.client.RemoteDisconnected (a ConnectionResetError and a BadStatusLine). */
export class RemoteDisconnected extends BadStatusLine {
  override name = 'RemoteDisconnected';
  constructor(message = 'Remote end closed connection without response') {
    super('', 'http.client.RemoteDisconnected', 'ERR_REMOTE_DISCONNECTED');
    this.message = message;
  }
}

/** http.client.IncompleteRead: the body ended before its declared length or last chunk. */
export class IncompleteRead extends HTTPException {
  override name = 'IncompleteRead';
  /** Bytes read in the failed read (netkit streams, so this is a count, not the bytes). */
  readonly partial: number;
  readonly expected: number | undefined;
  constructor(partial: number, expected?: number) {
    const more = expected === undefined ? '' : `, ${expected} more expected`;
    super(`IncompleteRead(${partial} bytes read${more})`, 'http.client.IncompleteRead', 'ERR_INCOMPLETE_READ');
    this.partial = partial;
    this.expected = expected;
  }
}

/** http.client.UnknownProtocol: a status line version other than HTTP/0.9, 1.0 or 1.x. */
export class UnknownProtocol extends HTTPException {
  override name = 'UnknownProtocol';
  readonly version: string;
  constructor(version: string) {
    super(version, 'http.client.UnknownProtocol', 'ERR_UNKNOWN_PROTOCOL');
    this.version = version;
  }
}

/** The decompressed body went over the caller's cap (a netkit limit; Python has none). */
export class DecompressedSizeExceeded extends HTTPException {
  override name = 'DecompressedSizeExceeded';
  constructor(limit: number) {
    super(`decompressed body exceeds the limit of ${limit} bytes`, 'http.client.HTTPException', 'ERR_DECOMPRESSED_TOO_LARGE', 'failure');
  }
}

/** The raw body went over maxBodySize (a netkit limit). */
export class BodyTooLarge extends HTTPException {
  override name = 'BodyTooLarge';
  constructor(limit: number) {
    super(`response body exceeds the limit of ${limit} bytes`, 'http.client.HTTPException', 'ERR_BODY_TOO_LARGE', 'failure');
  }
}

/** A socket-level failure: refused, reset, DNS, timeout (Python's OSError family). kind 'network'. */
export class HTTPNetworkError extends NetkitError {
  override name: string = 'HTTPNetworkError';
  constructor(message: string, python: string, code: string, cause?: unknown) {
    super(message, { code, python, kind: 'network', cause });
  }
}

/** socket.timeout / TimeoutError: a connect, send or read wait ran out. */
export class HTTPTimeoutError extends HTTPNetworkError {
  override name = 'TimeoutError';
  readonly phase: string;
  constructor(phase: string) {
    super('timed out', 'TimeoutError', 'ERR_TIMEOUT');
    this.phase = phase;
  }
}

/** ssl.SSLError / ssl.SSLCertVerificationError: the handshake or certificate check failed. kind 'tls'. */
export class HTTPTLSError extends NetkitError {
  override name = 'SSLError';
  constructor(message: string, python: string, code: string, cause?: unknown) {
    super(message, { code, python, kind: 'tls', cause });
  }
}


/** Maps a node:net/node:tls/dns error to the error Python would raise, worded as Python words it. */
export function fromSocketError(err: unknown): NetkitError {
  if (err instanceof NetkitError) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const known = pyErrno(code);
  if (known) return new HTTPNetworkError(osErrorText(err), known.type, `ERR_${code}`, err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
    const [n, text] = code === 'EAI_AGAIN' ? [-3, 'Temporary failure in name resolution'] : [-2, 'Name or service not known'];
    return new HTTPNetworkError(`[Errno ${n}] ${text}`, 'socket.gaierror', 'ERR_DNS', err);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS_CERT_ALTNAME/.test(code)) {
    const reason = e.reason ?? e.message;
    return new HTTPTLSError(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason}`, 'ssl.SSLCertVerificationError', 'ERR_TLS_CERT', err);
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS/.test(e?.message ?? '')) {
    return new HTTPTLSError(e.message, 'ssl.SSLError', 'ERR_TLS', err);
  }
  return new HTTPNetworkError(e?.message ?? String(err), 'OSError', code ? `ERR_${code}` : 'ERR_NETWORK', err);
}
