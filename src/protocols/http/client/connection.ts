// HTTPConnection / HTTPSConnection: one socket (TCP, or TLS verified against the system
// CA store plus an optional extra CA), a reader for its lifetime, and one request/response
// exchange at a time. Every wait (connect, handshake, send, read) is bounded by a timeout.
import net from 'node:net';
import { CannotSendRequest, NotConnected } from './errors.js';
import { TLSError } from '../../core/socket-errors.js';
import { connectTcp, startTls, waitFor, type TLSInfo } from '../../core/tls-client.js';
export type { TLSInfo, PeerCertificate } from '../../core/tls-client.js';
import { ReadBuffers } from './read-buffers.js';
import { SocketReader } from './reader.js';
import { frameBody, serializeHead, writeRequest, type HeaderList, type RequestBody } from './request.js';
import { readResponseHead, type ResponseHead } from './response.js';
import { openTunnel, type TunnelOptions } from './tunnel.js';

/** Where and how to connect. */
export interface ConnectOptions {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Milliseconds for each wait: connect, handshake, every send and every read. */
  timeoutMs: number;
  /** Extra trusted CA certificate(s), PEM, added to the system store (see ca-store.ts). */
  ca?: string | Buffer | undefined;
  /** Skip certificate verification (still reports what was presented). */
  insecure?: boolean | undefined;
  /** SNI and the name checked against the certificate; defaults to host (none for IPs). */
  servername?: string | undefined;
  /** Connect to host:port as a proxy and CONNECT through it to tunnel.host:tunnel.port. */
  tunnel?: TunnelOptions | undefined;
}

/** The key a pool files a connection under: scheme, host, port and TLS settings. */
export function connectionKey(o: ConnectOptions): string {
  const tlsPart = o.scheme === 'https' ? `|${o.servername ?? ''}|${o.insecure ? 'k' : 'v'}|${o.ca ? String(o.ca).length + ':' + String(o.ca).slice(-64) : ''}` : '';
  const via = o.tunnel ? `|via ${o.tunnel.host.toLowerCase()}:${o.tunnel.port}|${JSON.stringify(o.tunnel.headers ?? [])}` : '';
  return `${o.scheme}://${o.host.toLowerCase()}:${o.port}${tlsPart}${via}`;
}

/** One client connection (http.client.HTTPConnection / HTTPSConnection). */
export class HTTPConnection {
  readonly key: string;
  readonly tls: TLSInfo | undefined;
  /** Milliseconds spent on the TCP connect (DNS included) and the TLS handshake. */
  readonly timings: { connect: number; tls: number };
  /** Requests sent on this socket so far. */
  requests = 0;
  private busy = false;
  private closed = false;

  private constructor(
    readonly options: ConnectOptions,
    readonly socket: net.Socket,
    readonly reader: SocketReader,
    info: TLSInfo | undefined,
    timings: { connect: number; tls: number },
  ) {
    this.key = connectionKey(options);
    this.tls = info;
    this.timings = timings;
    socket.on('close', () => {
      this.closed = true;
    });
  }

  /** Opens the socket (and the TLS session for https). */
  static async open(options: ConnectOptions): Promise<HTTPConnection> {
    const start = performance.now();
    if (options.scheme === 'http' && !options.tunnel) return HTTPConnection.openPlain(options, start);
    const raw = await connectTcp(options.host, options.port, options.timeoutMs);
    let rawReader: SocketReader | undefined;
    if (options.tunnel) {
      rawReader = new SocketReader(raw, options.timeoutMs);
      try {
        await openTunnel(raw, rawReader, options.tunnel, options.timeoutMs);
      } catch (err) {
        raw.destroy();
        throw err;
      }
    }
    const connected = performance.now();
    if (options.scheme === 'http') {
      return new HTTPConnection(options, raw, rawReader ?? new SocketReader(raw, options.timeoutMs), undefined, { connect: connected - start, tls: 0 });
    }
    if (rawReader && rawReader.detach().length > 0) {
      raw.destroy();
      throw new TLSError('bytes received from the proxy before the TLS handshake', 'ssl.SSLError', 'ERR_TLS_INJECTION');
    }
    const host = options.tunnel?.host ?? options.host;
    const { socket: secure, info } = await startTls(raw, host, { ca: options.ca, insecure: options.insecure, servername: options.servername, alpn: ['http/1.1'] }, options.timeoutMs);
    return new HTTPConnection(options, secure, new SocketReader(secure, options.timeoutMs), info, {
      connect: connected - start,
      tls: performance.now() - connected,
    });
  }

  /** Plain TCP: the socket reads into recycled buffers, which its reader lends out. */
  private static async openPlain(options: ConnectOptions, start: number): Promise<HTTPConnection> {
    const buffers = new ReadBuffers();
    let reader: SocketReader | undefined;
    const raw = net.connect({
      host: options.host,
      port: options.port,
      noDelay: true,
      onread: { buffer: buffers.next, callback: (n, buf) => reader!.onRead(n, buf as Buffer) },
    });
    reader = new SocketReader(raw, options.timeoutMs, buffers);
    await waitFor(raw, 'connect', options.timeoutMs, 'connect');
    return new HTTPConnection(options, raw, reader, undefined, { connect: performance.now() - start, tls: 0 });
  }

  /** True while the socket is open and the peer has not closed or sent anything unasked. */
  get usable(): boolean {
    return !this.closed && !this.socket.destroyed && !this.reader.atEOF && this.reader.buffered === 0;
  }

  /** True while a request/response exchange is in progress. */
  get inUse(): boolean {
    return this.busy;
  }

  /**
   * Sends one request and reads the response head. The caller reads the body with
   * readBody(conn.reader, head, ...) and then calls finish().
   */
  async exchange(method: string, target: string, headers: HeaderList, body: RequestBody | undefined): Promise<ResponseHead> {
    if (this.busy) throw new CannotSendRequest('Request-sent');
    if (this.closed || this.socket.destroyed) throw new NotConnected();
    const framing = frameBody(method, headers, body);
    const head = serializeHead(method, target, framing.headers);
    this.busy = true;
    this.requests++;
    this.reader.mark();
    await writeRequest(this.socket, head, framing, this.options.timeoutMs);
    return readResponseHead(this.reader, method);
  }

  /** Ends the current exchange; the connection may then carry another one. */
  finish(): void {
    this.busy = false;
  }

  /** Closes the socket. */
  close(): void {
    this.closed = true;
    this.busy = false;
    this.socket.destroy();
  }
}
