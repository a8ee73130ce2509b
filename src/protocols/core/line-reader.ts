// A buffered line reader over one socket, shared by every line protocol (SMTP, FTP, POP3,
// IMAP, NNTP, telnet), client and server side. readLine(limit) is Python's
// file.readline(limit): the caller compares the length with its _MAXLINE. Every wait is
// bounded by a timeout; the socket is paused while too much is buffered (backpressure);
// detach() hands back unread bytes so a STARTTLS upgrade can refuse injected ones.
import type { Socket } from 'node:net';
import { SocketTimeoutError, fromSocketError } from './socket-errors.js';

/** How much may be buffered before the socket is paused. */
const HIGH_WATER = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

export class LineReader {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private paused = false;
  private detached = false;

  /** `timeoutMs`: how long any one wait for data may take (0: no limit). */
  constructor(readonly socket: Socket, public timeoutMs: number) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.buf = this.pos >= this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
    this.pos = 0;
    if (this.buf.length >= HIGH_WATER && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    this.notify();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.notify();
  };

  private readonly onError = (err: Error): void => {
    this.failure ??= fromSocketError(err);
    this.ended = true;
    this.notify();
  };

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Bytes received and not yet read. */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  /** True once the peer closed (or the socket failed) and every byte was read. */
  get atEOF(): boolean {
    return this.ended && this.buffered === 0;
  }

  private consume(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    if (this.paused && this.buffered < HIGH_WATER / 2) {
      this.paused = false;
      this.socket.resume();
    }
    return out;
  }

  /** Waits until more bytes arrive, the peer closes, or the timeout runs out. */
  private more(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = this.timeoutMs > 0 ? setTimeout(() => {
        this.wake = undefined;
        reject(new SocketTimeoutError('read'));
      }, this.timeoutMs) : undefined;
      this.wake = () => {
        if (timer) clearTimeout(timer);
        if (this.failure && this.buffered === 0) reject(this.failure);
        else resolve();
      };
    });
  }

  /**
   * Python's readline(limit): up to and including the next "\n", or `limit` bytes when no
   * "\n" comes within them, or what is left at EOF (empty at EOF). The bytes are a view
   * that stays valid (the reader never writes into its buffers).
   */
  async readLine(limit: number): Promise<Buffer> {
    for (;;) {
      const avail = this.buffered;
      const window = this.buf.subarray(this.pos, this.pos + Math.min(avail, limit));
      const nl = window.indexOf(10);
      if (nl !== -1) return this.consume(nl + 1);
      if (avail >= limit) return this.consume(limit);
      if (this.ended) {
        if (this.failure && avail === 0) throw this.failure;
        return this.consume(avail);
      }
      await this.more();
    }
  }

  /** Skips the rest of an over-long line, through its "\n" (or EOF), without buffering it. */
  async discardLine(): Promise<void> {
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos);
      if (nl !== -1) {
        this.consume(nl + 1 - this.pos);
        return;
      }
      this.consume(this.buffered);
      if (this.ended) return;
      await this.more();
    }
  }

  /** Exactly `n` bytes, or fewer at EOF (Python's read(n) on a buffered file). */
  async readExact(n: number): Promise<Buffer> {
    while (this.buffered < n && !this.ended) await this.more();
    if (this.failure && this.buffered === 0) throw this.failure;
    return Buffer.from(this.consume(Math.min(n, this.buffered)));
  }

  /** Waits until at least one byte is buffered; false at EOF. */
  async waitReadable(): Promise<boolean> {
    while (this.buffered === 0 && !this.ended) await this.more();
    return this.buffered > 0;
  }

  /**
   * Stops reading the socket and returns the unread bytes (for a STARTTLS upgrade: any
   * byte here arrived before the handshake and must be refused). The reader is done.
   */
  detach(): Buffer {
    if (this.detached) return EMPTY;
    this.detached = true;
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    if (this.paused) this.socket.resume();
    const rest = this.buf.subarray(this.pos);
    this.buf = EMPTY;
    this.pos = 0;
    return rest;
  }
}
