// One HTTP/1.x connection of netkit's own server engine: framing (request heads by
// parseRequestHead, bodies by Content-Length), pipelined requests answered in order,
// keep-alive as BaseHTTPRequestHandler decides it, a header-read timeout, and writes with
// backpressure. Each request becomes an Exchange handed to the handler.
import type { Connection, Listener } from '../../core/listener.js';
import { parseRequestHead, reprLatin1, type RequestHead } from './request-head.js';
import { Exchange, type ExchangeHost } from './exchange.js';
import type { HttpServerOptions } from './options.js';

/** Bytes of unanswered pipelined requests kept before reading pauses. */
const MAX_PENDING = 1024 * 1024;

type State = 'head' | 'body' | 'busy' | 'closed';

export class HttpConnection implements ExchangeHost {
  private buf: Buffer | undefined;
  private start = 0;
  private end = 0;
  private state: State = 'head';
  private draining = false;
  private headTimer: NodeJS.Timeout | undefined;
  private current: Exchange | undefined;
  private bodyLeft = 0;
  private bodyParts: Buffer[] | undefined;
  /** The client has half-closed: close once the current response is out. */
  private endAfter = false;

  constructor(
    readonly conn: Connection,
    readonly listener: Listener,
    readonly options: HttpServerOptions,
  ) {
    const socket = conn.socket;
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('close', () => {
      this.state = 'closed';
      clearTimeout(this.headTimer);
      this.current?.abort();
    });
  }

  get socket() {
    return this.conn.socket;
  }

  private onData(chunk: Buffer): void {
    if (this.state === 'closed') return;
    if (this.buf && this.start < this.end) {
      this.buf = Buffer.concat([this.buf.subarray(this.start, this.end), chunk]);
    } else {
      this.buf = chunk;
    }
    this.start = 0;
    this.end = this.buf.length;
    if (this.state === 'body') this.takeBody();
    if (this.state === 'head') this.drain();
    if (this.state === 'busy' && this.end - this.start > MAX_PENDING) this.socket.pause();
  }

  private onEnd(): void {
    // The client finished sending. Python's readline() then returns what is left and b'',
    // which ends a header block: a head cut short by EOF is parsed as if it ended there.
    if (this.state === 'head' && this.buf && this.start < this.end) {
      const last = this.buf[this.end - 1];
      this.onData(Buffer.from(last === 10 ? '\r\n' : '\r\n\r\n', 'latin1'));
    }
    if (this.state === 'head') this.close();
    else this.endAfter = true;
  }

  /** Parses and dispatches the complete requests buffered, in order. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.state === 'head' && this.buf && this.start < this.end) {
        const r = parseRequestHead(this.buf, this.start, this.end, this.options.protocolVersion);
        if (r.kind === 'more') break;
        if (r.kind === 'empty') {
          this.close();
          return;
        }
        this.start = r.end;
        if (r.kind === 'error') {
          const e = r.error;
          const x = new Exchange(this, undefined, e.requestLine, e.version, e.method, true);
          this.begin(x);
          x.error(e.code, e.message, e.explain);
          continue;
        }
        this.dispatchHead(r.head);
      }
    } finally {
      this.draining = false;
    }
    this.armHeadTimer();
  }

  /** A partial head waits at most headerTimeoutMs; complete heads never arm the timer. */
  private armHeadTimer(): void {
    const partial = this.state === 'head' && this.start < this.end;
    if (!partial) {
      if (this.headTimer) {
        clearTimeout(this.headTimer);
        this.headTimer = undefined;
      }
      return;
    }
    if (this.headTimer || this.options.headerTimeoutMs <= 0) return;
    this.headTimer = setTimeout(() => {
      this.headTimer = undefined;
      if (this.state === 'head' && this.start < this.end) this.socket.destroy();
    }, this.options.headerTimeoutMs);
    this.headTimer.unref();
  }

  private begin(x: Exchange): void {
    this.current = x;
    this.state = 'busy';
    if (this.listener.requestStarted(this.conn)) x.close = true;
  }

  private dispatchHead(head: RequestHead): void {
    const x = new Exchange(this, head, head.requestLine, head.version, head.method, head.close);
    this.begin(x);
    if (!this.options.methods.has(head.method)) {
      x.error(501, `Unsupported method (${reprLatin1(head.method)})`);
      return;
    }
    const te = head.headers.get('transfer-encoding');
    if (te !== undefined) {
      x.error(411, 'Length Required', 'A request body must be sent with Content-Length (chunked bodies are not supported)');
      return;
    }
    const cl = head.headers.get('content-length');
    let length = 0;
    if (cl !== undefined) {
      const t = cl.trim();
      if (!/^[0-9]{1,15}$/.test(t)) {
        x.error(400, 'Bad Content-Length', `Content-Length must be a decimal number, got ${reprLatin1(cl)}`);
        return;
      }
      length = Number(t);
    }
    if (length === 0) {
      this.run(x);
      return;
    }
    if (length > this.options.maxBodyBytes && this.options.maxBodyBytes > 0) {
      x.error(413, undefined, `A request body may have at most ${this.options.maxBodyBytes} bytes`);
      return;
    }
    const expect = head.headers.get('expect');
    if (expect !== undefined && expect.toLowerCase() === '100-continue' && this.options.protocolVersion >= 'HTTP/1.1' && head.version >= 'HTTP/1.1') {
      this.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    }
    this.bodyLeft = length;
    this.bodyParts = this.options.maxBodyBytes > 0 ? [] : undefined;
    this.state = 'body';
    this.takeBody();
  }

  /** Collects (or, for handlers that take no body, skips) the body, then runs the handler. */
  private takeBody(): void {
    const n = Math.min(this.bodyLeft, this.end - this.start);
    if (n > 0) {
      this.bodyParts?.push(Buffer.from(this.buf!.subarray(this.start, this.start + n)));
      this.start += n;
      this.bodyLeft -= n;
    }
    if (this.bodyLeft > 0) return;
    const x = this.current!;
    if (this.bodyParts) x.body = Buffer.concat(this.bodyParts);
    this.bodyParts = undefined;
    this.state = 'busy';
    this.run(x);
  }

  private run(x: Exchange): void {
    try {
      const p = this.options.handler(x);
      if (p) p.catch(() => x.fail());
    } catch {
      x.fail();
    }
  }

  /** ExchangeHost: the exchange's response is written; go on with the next request. */
  finished(x: Exchange): void {
    if (x !== this.current) return;
    this.current = undefined;
    this.listener.requestFinished(this.conn);
    if (x.close || this.conn.closing) {
      this.close();
      return;
    }
    if (this.state === 'closed') return;
    this.state = 'head';
    if (this.socket.isPaused()) this.socket.resume();
    if (this.socket.writableNeedDrain) {
      this.state = 'busy';
      this.socket.once('drain', () => {
        if (this.state !== 'busy') return;
        this.state = 'head';
        this.drain();
        if (this.endAfter && this.state === 'head') this.close();
      });
      return;
    }
    if (this.draining) return;
    this.drain();
    if (this.endAfter && this.state === 'head') this.close();
  }

  /** Half-closes after the written bytes (Python's shutdown(SHUT_WR) then close). */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.headTimer);
    const socket = this.socket;
    socket.end();
    // A client that never closes its side is cut off soon after.
    socket.setTimeout(5000, () => socket.destroy());
  }
}
