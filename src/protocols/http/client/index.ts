// The one high-level entry of the HTTP client engine: request(options) sends one request
// over a pooled connection and returns the response with its body as a stream. Later
// layers (redirects, proxies, auth, cookies, the CLI) build on request() and on the
// lower pieces re-exported here.
import { HTTPConnection, type ConnectOptions, type TLSInfo } from './connection.js';
import type { TunnelOptions } from './tunnel.js';
import { canDecode, decodeBody, SUPPORTED_ENCODINGS } from './decompress.js';
import { InvalidURL, RemoteDisconnected } from './errors.js';
import { Headers } from './headers.js';
import { ConnectionPool } from './pool.js';
import { hasHeader, validateUrlPart, type HeaderList, type RequestBody } from './request.js';
import type { PieceSink } from './reader.js';
import { pumpBody, readBody } from './response.js';
import { pyRepr } from '../../core/py-text.js';

export * from './errors.js';
export { Headers } from './headers.js';
export { ConnectionPool, type PoolOptions } from './pool.js';
export { HTTPConnection, type ConnectOptions, type TLSInfo, type PeerCertificate } from './connection.js';
export { validateHeader, validateMethod, validateUrlPart, type HeaderList, type RequestBody } from './request.js';
export { pumpBody, readBody, readResponseHead, type ResponseHead } from './response.js';
export type { PieceSink } from './reader.js';
export { openTunnel, type TunnelOptions } from './tunnel.js';

/** Default wait bound (DESIGN.md §4: 30 s). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Default cap on the raw and the decoded body: 1 GiB. A caller that streams the body to a
 * file or a pipe (the CLI's downloads) passes Infinity for the raw body and keeps this cap
 * on the decoded size.
 */
export const DEFAULT_MAX_BODY = 1024 * 1024 * 1024;

export interface RequestOptions {
  /** An absolute http:// or https:// URL (or a URL object). */
  url: string | URL;
  method?: string;
  /** Header lines in order; an object is taken in its key order. */
  headers?: HeaderList | Record<string, string>;
  body?: RequestBody;
  /** Milliseconds for every wait (connect, handshake, send, each read). Default 30 000. */
  timeout?: number;
  /** Extra CA certificate(s) in PEM, trusted besides the default store. */
  ca?: string | Buffer;
  /** Do not verify the server certificate. */
  insecure?: boolean;
  /** TLS server name (SNI and certificate check) when it differs from the URL host. */
  servername?: string;
  /** Send Accept-Encoding and decode gzip/deflate/br bodies. Default false (Python sends identity). */
  decompress?: boolean;
  /** Cap on the body bytes read (Infinity: none). Default 1 GiB. */
  maxBodySize?: number;
  /**
   * Cap on the decoded size when decompressing, so a small compressed bomb cannot fill
   * memory or disk. Default: maxBodySize, at most 1 GiB.
   */
  maxDecodedSize?: number;
  /**
   * Let the body's pieces be views of the connection's recycled read buffers, each valid
   * only until the next piece is asked for: the consumer writes or copies a piece before
   * pulling the next. Saves an allocation per read on large downloads. Default false.
   */
  lendBody?: boolean;
  /** Pool to use; default is a process-wide shared pool. Pass `false` for a one-off connection. */
  pool?: ConnectionPool | false;
  /**
   * Another hop (a proxy): connect there instead of the URL's host, optionally tunnelling
   * with CONNECT, and send `target` as the request target (absolute-form for a plain-HTTP
   * proxy) instead of the URL's path and query.
   */
  via?: { scheme: 'http' | 'https'; host: string; port: number; tunnel?: TunnelOptions; target?: string };
}

/** Milliseconds from the start of request() to each event. `total` is set when the body ends. */
export interface Timings {
  connect: number;
  tls: number;
  firstByte: number;
  total: number | undefined;
}

/** A response whose body is still on the wire. */
export interface Response {
  url: string;
  method: string;
  status: number;
  reason: string;
  /** As sent: "HTTP/1.1". `version` is Python's 10 or 11. */
  httpVersion: string;
  version: 10 | 11;
  headers: Headers;
  /** The body, decoded when `decompress` applied; read it once. Lent pieces when `lent`. */
  body: AsyncIterable<Buffer>;
  /** True when the body's pieces are lent (see RequestOptions.lendBody). */
  lent: boolean;
  /** True when the body is being decoded (Content-Encoding undone). */
  decoded: boolean;
  tls: TLSInfo | undefined;
  timings: Timings;
  /** True when this response came over a reused keep-alive connection. */
  reused: boolean;
  /** Reads the whole body (bounded by maxBodySize and maxDecodedSize). */
  bytes(): Promise<Buffer>;
  /**
   * Hands the body to `sink` piece by piece, each valid during the call only (copy it to
   * keep it); a promise returned pauses reading until it settles. No promise per piece:
   * the fastest way to move a big body. The body is read once: this, `body` or bytes().
   */
  pipe(sink: PieceSink): Promise<void>;
  /** Drops the rest of the body and the connection (no-op once the body has ended). */
  cancel(): void;
  /**
   * Reads and drops the rest of the raw body so the socket can be kept alive (e.g. before
   * following a redirect); past `limit` bytes (default 64 KiB) it cancels instead.
   */
  discard(limit?: number): Promise<void>;
}

/** The pool request() uses unless told otherwise. */
export const sharedPool = new ConnectionPool();

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/** Sends one request and resolves once the status line and headers are in. */
export async function request(options: RequestOptions): Promise<Response> {
  const start = performance.now();
  const url = parseTarget(options.url);
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const maxBodySize = options.maxBodySize ?? DEFAULT_MAX_BODY;
  const maxDecodedSize = options.maxDecodedSize ?? Math.min(maxBodySize, DEFAULT_MAX_BODY);
  const headers: HeaderList = Array.isArray(options.headers) ? [...options.headers] : Object.entries(options.headers ?? {});
  if (!hasHeader(headers, 'host')) headers.unshift(['Host', url.hostHeader]);
  if (!hasHeader(headers, 'accept-encoding')) headers.push(['Accept-Encoding', options.decompress ? SUPPORTED_ENCODINGS : 'identity']);
  const via = options.via;
  const connect: ConnectOptions = via
    ? { scheme: via.scheme, host: via.host, port: via.port, timeoutMs, ca: options.ca, insecure: options.insecure, servername: options.servername, tunnel: via.tunnel }
    : { scheme: url.scheme, host: url.host, port: url.port, timeoutMs, ca: options.ca, insecure: options.insecure, servername: options.servername };
  const target = via?.target ?? url.target;
  const pool = options.pool === false ? undefined : (options.pool ?? sharedPool);
  // A body that is a stream can be sent only once, so it is never retried.
  const replayable = options.body === undefined || typeof options.body === 'string' || options.body instanceof Uint8Array;

  for (let attempt = 0; ; attempt++) {
    const { conn, reused } = pool ? await pool.acquire(connect) : { conn: await HTTPConnection.open(connect), reused: false };
    let head;
    try {
      head = await conn.exchange(method, target, headers, options.body);
    } catch (err) {
      conn.close();
      // A kept-alive socket the server closed meanwhile: try once more on a fresh one.
      if (reused && attempt === 0 && replayable && isStaleSocketError(err)) continue;
      throw err;
    }
    const firstByte = (conn.reader.firstDataAt ?? performance.now()) - start;
    const timings: Timings = { connect: reused ? 0 : conn.timings.connect, tls: reused ? 0 : conn.timings.tls, firstByte, total: undefined };
    let finished = false;
    const done = (reusable: boolean): void => {
      finished = true;
      timings.total = performance.now() - start;
      if (pool) pool.release(conn, reusable);
      else conn.close();
    };
    const encoding = head.headers.get('content-encoding');
    const decoded = options.decompress === true && canDecode(encoding) && head.length !== 0;
    // The decoder keeps its input past the next pull, so it never gets lent pieces.
    const lent = options.lendBody === true && !decoded;
    const raw = readBody(conn.reader, head, maxBodySize, done, lent);
    const body = decoded ? decodeBody(raw, encoding!, maxDecodedSize) : raw;
    let consumed = false;
    const once: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]() {
        if (consumed) throw new TypeError('the response body can be read only once');
        consumed = true;
        return body[Symbol.asyncIterator]();
      },
    };
    const cancel = (): void => {
      if (finished) return;
      finished = true;
      conn.close();
      void raw.return(undefined).catch(() => {});
    };
    // A body of length 0 is finished already: give the socket back now.
    if (head.length === 0) void raw.next();
    return {
      url: url.href,
      method,
      status: head.status,
      reason: head.reason,
      httpVersion: head.httpVersion,
      version: head.version,
      headers: head.headers,
      body: once,
      lent,
      decoded,
      tls: conn.tls,
      timings,
      reused,
      async bytes() {
        const parts: Buffer[] = [];
        for await (const piece of once) parts.push(lent ? Buffer.from(piece) : piece);
        return Buffer.concat(parts);
      },
      async pipe(sink) {
        if (consumed) throw new TypeError('the response body can be read only once');
        consumed = true;
        if (!decoded && head.length !== 0) return pumpBody(conn.reader, head, maxBodySize, done, sink);
        for await (const piece of body) {
          const pending = sink(piece);
          if (pending) await pending;
        }
      },
      cancel,
      async discard(limit = 64 * 1024) {
        if (finished) return;
        if (consumed) return cancel();
        consumed = true;
        let seen = 0;
        for await (const piece of raw) {
          seen += piece.length;
          if (seen > limit) return cancel();
        }
      },
    };
  }
}

/** The errors a kept-alive socket closed by the server meanwhile produces. */
function isStaleSocketError(err: unknown): boolean {
  if (err instanceof RemoteDisconnected) return true;
  const code = (err as { code?: string }).code;
  return code === 'ERR_ECONNRESET' || code === 'ERR_EPIPE';
}

interface Target {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  hostHeader: string;
  target: string;
  href: string;
}

/** Splits an http(s) URL into what the connection and the request line need. */
function parseTarget(input: string | URL): Target {
  const text = String(input);
  // Checked before WHATWG parsing, which would silently strip tabs and newlines; the host,
  // then the selector (path and query: the fragment is never sent), as http.client checks
  // them, so the message quotes the same part.
  const raw = /^[^/:]+:\/\/([^/#?]*)(.*)$/s.exec(text);
  if (raw) {
    const hash = raw[2]!.lastIndexOf('#');
    let host = raw[1]!;
    if (host.lastIndexOf(':') > host.lastIndexOf(']')) host = host.slice(0, host.lastIndexOf(':'));
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    validateUrlPart(host);
    validateUrlPart(hash < 0 ? raw[2]! : raw[2]!.slice(0, hash));
  } else {
    validateUrlPart(text);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidURL(`unknown url type: ${pyRepr(text)}`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new InvalidURL(`unknown url type: '${scheme}'`);
  if (url.hostname === '') throw new InvalidURL(`no host given`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  return { scheme, host, port, hostHeader: url.host, target: (url.pathname || '/') + url.search, href: url.href };
}
