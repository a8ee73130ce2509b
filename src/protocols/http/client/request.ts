// Request serialisation for the HTTP/1.1 client: the request line and headers checked as
// http.client checks them (CVE-2019-9740, CVE-2019-18348) before any byte is sent, then
// the body written with Content-Length or chunked framing, honouring socket backpressure.
import type { Socket } from 'node:net';
import { NetkitError, PyValueError } from '../../core/errors.js';
import { pyRepr } from '../../core/py-text.js';
import { InvalidURL } from './errors.js';
import { SocketTimeoutError, fromSocketError } from '../../core/socket-errors.js';
import { pyBytesRepr } from '../../core/py-text.js';

/** What a request body may be: bytes, text (UTF-8), or a stream of chunks. */
export type RequestBody = Buffer | Uint8Array | string | AsyncIterable<Buffer | Uint8Array | string>;

/** One header line as sent, in order. */
export type HeaderList = Array<[string, string]>;

/** Methods for which http.client sends `Content-Length: 0` when there is no body. */
const METHODS_EXPECTING_BODY = new Set(['PATCH', 'POST', 'PUT']);

/** http.client._validate_method: no C0 control characters ([\x00-\x1f]). */
export function validateMethod(method: string): void {
  const m = /[\x00-\x1f]/.exec(method);
  if (m) throw new PyValueError(`method can't contain control characters. ${pyRepr(method)} (found at least ${pyRepr(m[0])})`, 'ERR_INVALID_METHOD');
}

/** http.client._validate_path / _validate_host: no controls, space or DEL ([\x00-\x20\x7f]). */
export function validateUrlPart(text: string): void {
  const m = /[\x00-\x20\x7f]/.exec(text);
  if (m) throw new InvalidURL(`URL can't contain control characters. ${pyRepr(text)} (found at least ${pyRepr(m[0])})`);
}

/**
 * http.client.putheader's checks. Names: Python's `[^:\s][^:\r\n]*`, and (netkit, stricter)
 * no control characters. Values: Python refuses a CR or LF not starting a fold; netkit
 * refuses every CR, LF, NUL and other control but HTAB (no folds are ever sent).
 */
export function validateHeader(name: string, value: string): void {
  const nameBytes = Buffer.from(name, 'latin1');
  if (!/^[^:\s][^:\r\n]*$/.test(name) || /[\x00-\x1f\x7f]/.test(name) || /[^\x00-\x7f]/.test(name)) {
    throw new PyValueError(`Invalid header name ${pyBytesRepr(nameBytes)}`, 'ERR_INVALID_HEADER_NAME');
  }
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value)) {
    throw new PyValueError(`Invalid header value ${pyBytesRepr(Buffer.from(value, 'latin1'))}`, 'ERR_INVALID_HEADER_VALUE');
  }
  if (/[^\x00-\xff]/.test(value)) {
    throw new NetkitError(`'latin-1' codec can't encode characters in header value ${pyRepr(value)}`, { code: 'ERR_HEADER_ENCODING', python: 'UnicodeEncodeError' });
  }
}

/** The request line must be ASCII, as http.client encodes it ('ascii'). */
function checkAscii(text: string): void {
  const m = /[^\x00-\x7f]/.exec(text);
  if (m) {
    throw new NetkitError(`'ascii' codec can't encode character ${pyRepr(m[0])} in position ${m.index}: ordinal not in range(128)`, {
      code: 'ERR_URL_ENCODING',
      python: 'UnicodeEncodeError',
    });
  }
}

/** True when `headers` has `name` (case-insensitively). */
export function hasHeader(headers: HeaderList, name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}

/** How the body will be framed, decided from the body and the caller's headers. */
export interface Framing {
  headers: HeaderList;
  chunked: boolean;
  body: Buffer | AsyncIterable<Buffer | Uint8Array | string> | undefined;
}

/**
 * Adds Content-Length or Transfer-Encoding as http.client does: bytes get a length; a
 * stream without a caller-given Content-Length is sent chunked; no body on POST/PUT/PATCH
 * gets `Content-Length: 0`.
 */
export function frameBody(method: string, headers: HeaderList, body: RequestBody | undefined): Framing {
  const out: HeaderList = [...headers];
  const given = hasHeader(out, 'content-length') || hasHeader(out, 'transfer-encoding');
  if (body === undefined) {
    if (!given && METHODS_EXPECTING_BODY.has(method.toUpperCase())) out.push(['Content-Length', '0']);
    return { headers: out, chunked: false, body: undefined };
  }
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (!given) out.push(['Content-Length', String(bytes.length)]);
    return { headers: out, chunked: false, body: bytes };
  }
  const te = out.find(([n]) => n.toLowerCase() === 'transfer-encoding');
  if (!given) out.push(['Transfer-Encoding', 'chunked']);
  const chunked = !given || (te !== undefined && te[1].toLowerCase().includes('chunked'));
  return { headers: out, chunked, body };
}

/** Checks everything and returns the request head bytes (request line, headers, blank line). */
export function serializeHead(method: string, target: string, headers: HeaderList): Buffer {
  validateMethod(method);
  validateUrlPart(target);
  checkAscii(method);
  checkAscii(target);
  let text = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of headers) {
    validateHeader(name, value);
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(text + '\r\n', 'latin1');
}

/** Writes one buffer, waiting for 'drain' (bounded by timeoutMs) when the socket is full. */
export function writeBounded(socket: Socket, data: Buffer, timeoutMs: number): Promise<void> {
  if (socket.destroyed) return Promise.reject(fromSocketError(Object.assign(new Error('Broken pipe'), { code: 'EPIPE' })));
  if (socket.write(data)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: unknown): void => {
      clearTimeout(timer);
      socket.off('drain', onDrain);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onError = (e: unknown): void => done(fromSocketError(e));
    const onClose = (): void => done(fromSocketError(Object.assign(new Error('Broken pipe'), { code: 'EPIPE' })));
    const timer = setTimeout(() => done(new SocketTimeoutError('send')), timeoutMs);
    socket.on('drain', onDrain);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}

/** Sends the head and the framed body. */
export async function writeRequest(socket: Socket, head: Buffer, framing: Framing, timeoutMs: number): Promise<void> {
  const { body, chunked } = framing;
  if (body instanceof Buffer) {
    await writeBounded(socket, body.length > 0 && body.length < 16384 ? Buffer.concat([head, body]) : head, timeoutMs);
    if (body.length >= 16384) await writeBounded(socket, body, timeoutMs);
    return;
  }
  await writeBounded(socket, head, timeoutMs);
  if (body === undefined) return;
  for await (const piece of body as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (bytes.length === 0) continue;
    if (chunked) await writeBounded(socket, Buffer.concat([Buffer.from(bytes.length.toString(16) + '\r\n'), bytes, Buffer.from('\r\n')]), timeoutMs);
    else await writeBounded(socket, bytes, timeoutMs);
  }
  if (chunked) await writeBounded(socket, Buffer.from('0\r\n\r\n'), timeoutMs);
}
