// The response side of http.client.HTTPResponse: status line, headers, the framing rules of
// begin() (chunked, Content-Length, to EOF, no body) and will_close, and the body as an
// async iterable of Buffers read from the socket as the consumer asks for them.
import { BadStatusLine, BodyTooLarge, IncompleteRead, LineTooLong, MAXLINE, RemoteDisconnected, UnknownProtocol } from './errors.js';
import { Headers, readHeaders } from './headers.js';
import type { PieceSink, SocketReader } from './reader.js';
import { parsePyInt, pyStrip } from '../../core/py-text.js';

/** The largest piece handed to the consumer at once. */
const PIECE = 1024 * 1024;

/** What begin() learned from the status line and headers. */
export interface ResponseHead {
  /** The version as sent ("HTTP/1.1"); `version` is Python's 10 or 11. */
  httpVersion: string;
  version: 10 | 11;
  status: number;
  reason: string;
  headers: Headers;
  chunked: boolean;
  /** Body length, 0 for no body, undefined for "read to EOF" or chunked. */
  length: number | undefined;
  /** True when the connection cannot carry another request after this response. */
  willClose: boolean;
}

/** http.client.HTTPResponse._read_status. */
export async function readStatus(reader: SocketReader): Promise<[string, number, string]> {
  const raw = await reader.readLine(MAXLINE + 1);
  if (raw.length > MAXLINE) throw new LineTooLong('status line');
  const line = raw.toString('latin1');
  if (line === '') throw new RemoteDisconnected();
  // line.split(None, 2), and an empty version when there are fewer than two words.
  const m = /^\s*(\S+)\s+(\S+)(?:\s+([\s\S]*))?$/.exec(line);
  const version = m ? m[1]! : '';
  if (!version.startsWith('HTTP/')) throw new BadStatusLine(line);
  const code = parsePyInt(m![2]!, 10);
  if (code === undefined || code < 100n || code > 999n) throw new BadStatusLine(line);
  return [version, Number(code), m![3] ?? ''];
}

/** http.client.HTTPResponse.begin: skips 100 Continue, reads headers, decides the framing. */
export async function readResponseHead(reader: SocketReader, method: string): Promise<ResponseHead> {
  let version: string;
  let status: number;
  let reason: string;
  for (;;) {
    [version, status, reason] = await readStatus(reader);
    // Python skips only 100; netkit also skips 102/103 (interim responses, RFC 9110 §15.2).
    if (status !== 100 && status !== 102 && status !== 103) break;
    await readHeaders(reader);
  }
  let v: 10 | 11;
  if (version === 'HTTP/1.0' || version === 'HTTP/0.9') v = 10;
  else if (version.startsWith('HTTP/1.')) v = 11;
  else throw new UnknownProtocol(version);
  const headers = await readHeaders(reader);
  const te = headers.get('transfer-encoding');
  const chunked = te !== undefined && te.toLowerCase() === 'chunked';
  let willClose = checkClose(v, headers);
  let length: number | undefined;
  const cl = headers.get('content-length');
  if (cl && !chunked) {
    const n = parsePyInt(cl, 10);
    length = n === undefined || n < 0n ? undefined : Number(n);
  }
  if (status === 204 || status === 304 || (status >= 100 && status < 200) || method.toUpperCase() === 'HEAD') length = 0;
  if (!willClose && !chunked && length === undefined) willClose = true;
  return { httpVersion: version, version: v, status, reason: pyStrip(reason), headers, chunked: chunked && length !== 0, length, willClose };
}

/** http.client.HTTPResponse._check_close. */
function checkClose(version: 10 | 11, headers: Headers): boolean {
  const conn = headers.get('connection');
  if (version === 11) return conn !== undefined && conn.toLowerCase().includes('close');
  if (headers.get('keep-alive')) return false;
  if (conn && conn.toLowerCase().includes('keep-alive')) return false;
  const pconn = headers.get('proxy-connection');
  if (pconn && pconn.toLowerCase().includes('keep-alive')) return false;
  return true;
}

/** Called once when the body is finished: `reusable` says the socket may carry another request. */
export type BodyDone = (reusable: boolean) => void;

/**
 * The raw (still encoded) body. Calls `done(true)` when the body was read to its framed end
 * on a connection that stays open, `done(false)` on every other ending (error, early stop).
 * With `lend`, a piece may be a view of the reader's recycled buffer, valid only until the
 * consumer asks for the next piece; without it every piece is the consumer's to keep.
 */
export async function* readBody(reader: SocketReader, head: ResponseHead, maxBodySize: number, done: BodyDone, lend = false): AsyncGenerator<Buffer> {
  const copy = reader.lends && !lend;
  let clean = false;
  let total = 0;
  const count = (n: number): void => {
    total += n;
    if (total > maxBodySize) throw new BodyTooLarge(maxBodySize);
  };
  try {
    if (head.chunked) {
      // http.client._read_chunked re-raises any IncompleteRead as IncompleteRead(the whole
      // chunks read so far): the partial chunk and the "more expected" part are dropped.
      let whole = 0;
      try {
        for (;;) {
          const size = await readChunkSize(reader);
          if (size === 0) break;
          let left = size;
          while (left > 0) {
            const piece = await reader.readSome(Math.min(left, PIECE));
            if (piece.length === 0) throw new IncompleteRead(size - left, left);
            left -= piece.length;
            count(piece.length);
            yield copy ? Buffer.from(piece) : piece;
          }
          whole += size;
          const crlf = await reader.readLine(2);
          if (crlf.length === 0) throw new IncompleteRead(0, 2);
        }
      } catch (err) {
        if (err instanceof IncompleteRead) throw new IncompleteRead(whole);
        throw err;
      }
      await readTrailers(reader);
      clean = true;
    } else if (head.length !== undefined) {
      let left = head.length;
      while (left > 0) {
        const piece = await reader.readSome(Math.min(left, PIECE));
        if (piece.length === 0) throw new IncompleteRead(head.length - left, left);
        left -= piece.length;
        count(piece.length);
        yield copy ? Buffer.from(piece) : piece;
      }
      clean = true;
    } else {
      for (;;) {
        const piece = await reader.readSome(PIECE);
        if (piece.length === 0) break;
        count(piece.length);
        yield copy ? Buffer.from(piece) : piece;
      }
      clean = true;
    }
  } finally {
    done(clean && !head.willClose && reader.buffered === 0);
  }
}

/**
 * The raw body handed to `sink` piece by piece (SocketReader.pump: lent views, no promise
 * per piece) for Content-Length and read-to-EOF framing; a chunked body goes through
 * readBody(). Same endings and `done` calls as readBody.
 */
export async function pumpBody(reader: SocketReader, head: ResponseHead, maxBodySize: number, done: BodyDone, sink: PieceSink): Promise<void> {
  if (head.chunked) {
    for await (const piece of readBody(reader, head, maxBodySize, done, true)) {
      const pending = sink(piece);
      if (pending) await pending;
    }
    return;
  }
  let clean = false;
  try {
    if (head.length !== undefined) {
      if (head.length > maxBodySize) throw new BodyTooLarge(maxBodySize);
      const got = head.length === 0 ? 0 : await reader.pump(head.length, sink);
      if (got < head.length) throw new IncompleteRead(got, head.length - got);
    } else {
      let total = 0;
      await reader.pump(Infinity, (piece) => {
        total += piece.length;
        if (total > maxBodySize) throw new BodyTooLarge(maxBodySize);
        return sink(piece);
      });
    }
    clean = true;
  } finally {
    done(clean && !head.willClose && reader.buffered === 0);
  }
}

/** http.client._read_next_chunk_size: hex size, extensions after ';' ignored. */
async function readChunkSize(reader: SocketReader): Promise<number> {
  const line = await reader.readLine(MAXLINE + 1);
  if (line.length > MAXLINE) throw new LineTooLong('chunk size');
  let text = line.toString('latin1');
  const semi = text.indexOf(';');
  if (semi >= 0) text = text.slice(0, semi);
  const n = parsePyInt(text, 16);
  // Python raises ValueError here and read() turns it into IncompleteRead(b'').
  if (n === undefined || n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new IncompleteRead(0);
  return Number(n);
}

/** http.client._read_and_discard_trailer. */
async function readTrailers(reader: SocketReader): Promise<void> {
  for (let i = 0; ; i++) {
    const line = await reader.readLine(MAXLINE + 1);
    if (line.length > MAXLINE) throw new LineTooLong('trailer line');
    const text = line.toString('latin1');
    if (text === '' || text === '\r\n' || text === '\n') return;
    if (i >= 1000) throw new LineTooLong('trailer line');
  }
}
