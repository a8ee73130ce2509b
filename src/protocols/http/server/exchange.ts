// One request and its response: BaseHTTPRequestHandler's send_response/send_header/
// end_headers/send_error as one write. The head (status line, Server, Date, the handler's
// lines, extra lines, Connection) is built once per response into the same Buffer as a
// small body; large files are streamed from disk with backpressure.
import { closeSync } from 'node:fs';
import { pumpFile, type FilePump } from './file-pump.js';
import type { Socket } from 'node:net';
import type { RequestHead, RequestHeaders } from './request-head.js';
import type { HttpServerOptions } from './options.js';
import { errorPage, shortAndLong } from './simple/error-page.js';
import { formatHttpDate } from './simple/http-date.js';

/** Bodies up to this size go out in the same write as the head. */
const INLINE_BODY = 64 * 1024;

export interface ExchangeHost {
  readonly socket: Socket;
  readonly options: HttpServerOptions;
  readonly conn: { readonly remoteAddress: string };
  finished(x: Exchange): void;
}

let dateSecond = -1;
let dateText = '';

/** The Date header's text, made once per second. */
export function httpDateNow(): string {
  const now = Date.now();
  const s = Math.floor(now / 1000);
  if (s !== dateSecond) {
    dateSecond = s;
    dateText = formatHttpDate(s * 1000);
  }
  return dateText;
}

export class Exchange {
  /** The request body when the server collects bodies (maxBodyBytes > 0). */
  body: Buffer | undefined;
  /** The connection closes after this response (Python's close_connection). */
  close: boolean;
  private done = false;
  private stream: FilePump | undefined;
  /** Called once if the connection goes away before the response is out (a CGI script is killed). */
  onAbort: (() => void) | undefined;

  constructor(
    private readonly host: ExchangeHost,
    /** Undefined when the head could not be parsed (the exchange only answers an error). */
    readonly head: RequestHead | undefined,
    /** What the access log shows between quotes ("" for 414). */
    readonly requestLine: string,
    /** The request version; "HTTP/0.9" responses have no status line or headers. */
    readonly version: string,
    readonly method: string,
    close: boolean,
  ) {
    this.close = close;
  }

  get path(): string {
    return this.head?.path ?? '';
  }

  get headers(): RequestHeaders | undefined {
    return this.head?.headers;
  }

  get client(): string {
    return this.host.conn.remoteAddress;
  }

  /**
   * Sends a whole response: `lines` are the handler's header lines ("Name: value\r\n"
   * each), `body` is written unless the method is HEAD.
   */
  respond(code: number, message: string | undefined, lines: string, body?: Buffer): void {
    if (this.done) return;
    this.log(code, body?.length ?? 0);
    const head = this.headText(code, message, lines);
    const socket = this.host.socket;
    const send = body && this.method !== 'HEAD' ? body : undefined;
    if (!send || send.length === 0) {
      if (head) socket.write(head, 'latin1');
    } else if (send.length <= INLINE_BODY) {
      const n = Buffer.byteLength(head, 'latin1');
      const out = Buffer.allocUnsafe(n + send.length);
      out.write(head, 0, 'latin1');
      send.copy(out, n);
      socket.write(out);
    } else {
      socket.cork();
      if (head) socket.write(head, 'latin1');
      socket.write(send);
      socket.uncork();
    }
    this.finish();
  }

  /** Sends the head, then `length` bytes of the open file `fd` from `start`, streamed with backpressure; closes fd. */
  respondFile(code: number, message: string | undefined, lines: string, fd: number, length: number, start = 0): void {
    if (this.done) {
      closeSync(fd);
      return;
    }
    this.log(code, length);
    const head = this.headText(code, message, lines);
    const socket = this.host.socket;
    if (head) socket.write(head, 'latin1');
    if (this.method === 'HEAD' || length === 0) {
      closeSync(fd);
      this.finish();
      return;
    }
    this.stream = pumpFile(fd, start, length, socket, (err) => {
      this.stream = undefined;
      if (err) {
        // The head is out: all that can be done is to cut the connection.
        this.close = true;
        socket.destroy();
        return;
      }
      this.finish();
    });
  }

  /** send_error(code, message, explain): the HTML error page, Connection: close. */
  error(code: number, message?: string, explain?: string): void {
    if (this.done) return;
    const [short, long] = shortAndLong(code) ?? ['???', '???'];
    const msg = message ?? short;
    const host = this.host;
    host.options.onLog?.({ type: 'error', client: this.client, code, message: msg });
    this.close = true;
    let lines = 'Connection: close\r\n';
    let body: Buffer | undefined;
    if (code >= 200 && code !== 204 && code !== 205 && code !== 304) {
      body = Buffer.from(errorPage(code, msg, explain ?? long), 'utf8');
      lines += `Content-Type: text/html;charset=utf-8\r\nContent-Length: ${body.length}\r\n`;
    }
    this.respondRaw(code, msg, lines, body);
  }

  /** The handler threw: Python prints a traceback and closes without a response. */
  fail(): void {
    if (this.done) return;
    this.close = true;
    this.finish();
  }

  /** The connection went away mid-response. */
  abort(): void {
    this.stream?.stop();
    this.done = true;
    const hook = this.onAbort;
    this.onAbort = undefined;
    hook?.();
  }

  /** True once the response is complete or the connection went away. */
  get finished(): boolean {
    return this.done;
  }

  /**
   * Streams a body of unknown or known length: with `length` it is framed by
   * Content-Length; without, chunked when both sides speak HTTP/1.1, else delimited by
   * closing the connection. `raw`: only the status line, Server and Date are sent, then
   * the body bytes as they are (they hold their own header block; CGI's 3.11 mode), and
   * the connection closes. A body that throws (cut short) destroys the connection.
   */
  async respondStream(code: number, message: string | undefined, lines: string, body: AsyncIterable<Buffer>, length?: number, raw = false): Promise<void> {
    if (this.done) return;
    const socket = this.host.socket;
    const chunked = !raw && length === undefined && this.version === 'HTTP/1.1' && this.host.options.protocolVersion === 'HTTP/1.1';
    if (raw || (length === undefined && !chunked)) this.close = true;
    let head: string;
    if (this.version === 'HTTP/0.9') head = '';
    else if (raw) head = this.statusAndCommon(code, message);
    else head = this.headText(code, message, lines + (length !== undefined ? `Content-Length: ${length}\r\n` : chunked ? 'Transfer-Encoding: chunked\r\n' : ''));
    if (head) socket.write(head, 'latin1');
    const skip = this.method === 'HEAD' && !raw;
    let sent = 0;
    try {
      for await (const chunk of body) {
        if (this.done) throw new Error('aborted');
        if (skip || chunk.length === 0) continue;
        sent += chunk.length;
        const ok = chunked ? socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n') : socket.write(chunk);
        if (!ok && !this.done) await new Promise<void>((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
      }
    } catch {
      this.log(code, sent);
      this.close = true;
      this.done = true;
      socket.destroy();
      return;
    }
    if (this.done) return;
    if (chunked && !skip) socket.write('0\r\n\r\n');
    this.log(code, sent);
    this.finish();
  }

  private respondRaw(code: number, message: string, lines: string, body: Buffer | undefined): void {
    // Like respond(), but the connection line is already there and there is no extra -H.
    this.log(code, body?.length ?? 0);
    const head = this.version === 'HTTP/0.9' ? '' : this.statusAndCommon(code, message) + lines + '\r\n';
    const socket = this.host.socket;
    const send = body && this.method !== 'HEAD' ? body : undefined;
    if (head && send) {
      socket.write(Buffer.concat([Buffer.from(head, 'latin1'), send]));
    } else if (head) socket.write(head, 'latin1');
    else if (send) socket.write(send);
    this.finish();
  }

  private statusAndCommon(code: number, message: string | undefined): string {
    const o = this.host.options;
    const reason = message ?? shortAndLong(code)?.[0] ?? '';
    return `${o.protocolVersion} ${code} ${reason}\r\nServer: ${o.serverVersion}\r\nDate: ${httpDateNow()}\r\n`;
  }

  /** The whole head, or '' for an HTTP/0.9 request. */
  private headText(code: number, message: string | undefined, lines: string): string {
    if (this.version === 'HTTP/0.9') return '';
    const o = this.host.options;
    let text = this.statusAndCommon(code, message) + lines + o.extraHeaders;
    // Closing for a reason of our own (--max-requests) while the client expects keep-alive.
    if (this.close && this.head && !this.head.close) text += 'Connection: close\r\n';
    return text + '\r\n';
  }

  private log(code: number, bytes: number): void {
    this.host.options.onLog?.({ type: 'request', client: this.client, requestLine: this.requestLine, code, bytes });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.host.finished(this);
  }
}
