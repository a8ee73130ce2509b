// http.client's exception tree (CPython 3.11 Lib/http/client.py) as TypeScript classes,
// (socket-level failures come from core/socket-errors.ts).
// Every class sets a literal `name` and the Python exception it mirrors.
import { NetkitError, type ErrorKind } from '../../core/errors.js';

/** http.client._MAXLINE: the longest status, header, chunk-size or trailer line. */
export const MAXLINE = 65536;
/** http.client._MAXHEADERS: the most header lines in one response. */
export const MAXHEADERS = 100;

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
