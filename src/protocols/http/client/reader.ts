// A buffered reader over one socket for the life of a connection: capped line reads
// (Python's readline(limit)), bounded byte reads, and EOF. It pauses the socket when
// enough is buffered, so a slow consumer applies TCP backpressure, and bounds every wait.
// A plain TCP socket reads into recycled buffers (ReadBuffers, net's `onread`): the bytes
// a read returns are then a view, valid until the next read call on this reader.
import type { Socket } from 'node:net';
import { SocketTimeoutError, fromSocketError } from '../../core/socket-errors.js';
import type { ReadBuffers } from './read-buffers.js';

/** How much is buffered before the socket is paused. */
const HIGH_WATER = 256 * 1024;
/** How many recycled buffers may hold unread bytes before the socket is paused. */
const MAX_HELD = 8;

/**
 * Takes one piece of a pumped body: a view that is valid during the call only. A promise
 * returned means "not done with it yet": reading pauses until it settles.
 */
export type PieceSink = (piece: Buffer) => Promise<void> | undefined;

/** A pump() in progress: what is left to deliver and how it ends. */
interface Pumping {
  left: number;
  count: number;
  sink: PieceSink;
  /** A piece the sink still holds (its promise has not settled). */
  busy: boolean;
  timer: NodeJS.Timeout;
  resolve: (count: number) => void;
  reject: (err: unknown) => void;
}

/** Reads a socket in Python's file-object terms. */
export class SocketReader {
  private pumping: Pumping | undefined;
  private chunks: Buffer[] = [];
  /** For recycled reads: the buffer each chunk is a view of, in step with `chunks`. */
  private owners: Buffer[] = [];
  /** Recycled buffers whose bytes were all handed out; free again at the next read call. */
  private spent: Buffer[] = [];
  private paused = false;
  private size = 0;
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** performance.now() when the first byte after the last mark() arrived. */
  firstDataAt: number | undefined;
  /** Milliseconds any one wait for data may take. */
  timeoutMs: number;

  /**
   * `buffers`: the socket was opened with net's `onread` fed by these buffers and calls
   * onRead() for each read; otherwise the reader listens to 'data'.
   */
  constructor(private readonly socket: Socket, timeoutMs: number, private readonly buffers?: ReadBuffers) {
    this.timeoutMs = timeoutMs;
    if (!buffers) socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** True when the bytes this reader returns are views of recycled buffers (see the header). */
  get lends(): boolean {
    return this.buffers !== undefined;
  }

  private readonly onData = (chunk: Buffer): void => {
    this.firstDataAt ??= performance.now();
    if (this.pumping && !this.pumping.busy && this.size === 0) {
      const rest = this.deliver(chunk);
      if (this.pumping?.busy) this.pause();
      if (!rest) return;
      chunk = rest;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= HIGH_WATER) this.pause();
    this.notify();
  };

  /** net's onread callback: `n` bytes arrived in `buf`; false pauses the socket. */
  readonly onRead = (n: number, buf: Buffer): boolean => {
    this.firstDataAt ??= performance.now();
    let piece = buf.subarray(0, n);
    if (this.pumping && !this.pumping.busy && this.size === 0) {
      const rest = this.deliver(piece, buf);
      if (!rest) {
        if (!this.pumping?.busy) return true;
        this.paused = true;
        return false;
      }
      piece = rest;
    }
    this.chunks.push(piece);
    this.owners.push(buf);
    this.size += piece.length;
    this.notify();
    if (this.size < HIGH_WATER && this.owners.length < MAX_HELD) return true;
    this.paused = true;
    return false;
  };

  private pause(): void {
    this.paused = true;
    this.socket.pause();
  }

  private resume(): void {
    this.paused = false;
    this.socket.resume();
  }

  /** Gives the buffers of views handed out before this call back to the pool. */
  private recycle(): void {
    if (this.spent.length === 0) return;
    for (const buf of this.spent) this.buffers!.recycle(buf);
    this.spent = [];
  }

  /** Drops the first chunk (wholly read); its recycled buffer is spent. */
  private shift(): void {
    this.chunks.shift();
    if (this.buffers) this.spent.push(this.owners.shift()!);
  }

  private readonly onEnd = (): void => {
    this.ended = true;
    this.notify();
    if (this.pumping && !this.pumping.busy && this.size === 0) this.endPump();
  };

  private readonly onError = (err: Error): void => {
    this.failure ??= fromSocketError(err);
    this.notify();
    if (this.pumping && !this.pumping.busy) this.endPump(this.failure);
  };

  /**
   * Hands the next `length` bytes (Infinity: up to EOF) to `sink` as they arrive, with no
   * promise per piece: what is buffered first, then each read as it lands. Resolves with
   * the count delivered (less than `length` when the peer closed first); rejects on a
   * socket error, a sink that throws, or timeoutMs without data.
   */
  async pump(length: number, sink: PieceSink): Promise<number> {
    let count = 0;
    this.recycle();
    while (this.size > 0 && count < length) {
      const piece = this.take(Math.min(length - count, this.chunks[0]!.length));
      count += piece.length;
      const pending = sink(piece);
      if (pending) await pending;
      this.recycle();
    }
    if (count >= length || this.ended) return count;
    if (this.failure) throw this.failure;
    return new Promise<number>((resolve, reject) => {
      // Bounds each wait for data; a sink still busy with a piece is not the peer's delay.
      const timer = setTimeout(() => {
        if (this.pumping?.busy) this.pumping.timer.refresh();
        else this.endPump(new SocketTimeoutError('read'));
      }, this.timeoutMs);
      this.pumping = { left: length - count, count, sink, busy: false, timer, resolve, reject };
      if (this.paused) this.resume();
    });
  }

  /**
   * Gives `piece` (all of it, or what the pump still wants) to the pump's sink and returns
   * the bytes past its end, if any. `owner`: the recycled buffer `piece` is a view of,
   * recycled as soon as the sink is done with it.
   */
  private deliver(piece: Buffer, owner?: Buffer): Buffer | undefined {
    const p = this.pumping!;
    p.timer.refresh();
    const mine = piece.length > p.left ? piece.subarray(0, p.left) : piece;
    let pending: Promise<void> | undefined;
    try {
      pending = p.sink(mine);
    } catch (err) {
      this.endPump(err);
      return piece.length > mine.length ? piece.subarray(mine.length) : undefined;
    }
    p.left -= mine.length;
    p.count += mine.length;
    const rest = piece.length > mine.length ? piece.subarray(mine.length) : undefined;
    if (pending) {
      p.busy = true;
      pending.then(
        () => {
          p.busy = false;
          p.timer.refresh();
          if (owner && !rest) this.buffers!.recycle(owner);
          if (p.left === 0 || (this.ended && this.size === 0)) this.endPump();
          else if (this.failure) this.endPump(this.failure);
          else this.drainToPump();
        },
        (err: unknown) => {
          p.busy = false;
          this.endPump(err);
        },
      );
    } else {
      if (owner && !rest) this.buffers!.recycle(owner);
      if (p.left === 0) this.endPump();
    }
    return rest;
  }

  /** After a slow piece: what was buffered meanwhile goes to the pump, then reading resumes. */
  private drainToPump(): void {
    while (this.pumping && !this.pumping.busy && this.size > 0) {
      const piece = this.take(Math.min(this.pumping.left, this.chunks[0]!.length));
      this.deliver(piece);
      if (!this.pumping?.busy) this.recycle();
    }
    if (!this.pumping || this.pumping.busy) return;
    if (this.ended) this.endPump();
    else if (this.paused) this.resume();
  }

  /** Ends the pump: resolves with the count, or rejects with `err`. */
  private endPump(err?: unknown): void {
    const p = this.pumping;
    if (!p) return;
    this.pumping = undefined;
    clearTimeout(p.timer);
    if (err !== undefined) p.reject(err);
    else p.resolve(p.count);
  }

  /**
   * Stops reading (the socket is paused and handed on, e.g. to a TLS handshake after a
   * CONNECT tunnel) and returns the bytes buffered but not read.
   */
  detach(): Buffer {
    this.pause();
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
    const rest = this.chunks.length === 0 ? Buffer.alloc(0) : Buffer.concat(this.chunks);
    this.chunks = [];
    this.owners = [];
    this.spent = [];
    this.size = 0;
    return rest;
  }

  /** Starts timing the next first byte (call just before sending a request). */
  mark(): void {
    this.firstDataAt = this.size > 0 ? performance.now() : undefined;
  }

  /** Bytes buffered and not yet read. */
  get buffered(): number {
    return this.size;
  }

  /** True once the peer finished sending (or the socket failed) and nothing is left buffered. */
  get atEOF(): boolean {
    return this.size === 0 && (this.ended || this.failure !== undefined);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Waits until more data, EOF or an error arrive; throws TimeoutError after timeoutMs. */
  private waitForData(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve();
    if (this.paused) this.resume();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new SocketTimeoutError('read'));
      }, this.timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        if (this.failure && this.size === 0) reject(this.failure);
        else resolve();
      };
    });
  }

  /** The next `n` buffered bytes (n ≤ size), copying only when they span several chunks. */
  private take(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const parts: Buffer[] = [];
      let need = n;
      while (need > 0) {
        const c = this.chunks[0]!;
        if (c.length <= need) {
          parts.push(c);
          this.shift();
          need -= c.length;
        } else {
          parts.push(c.subarray(0, need));
          this.chunks[0] = c.subarray(need);
          need = 0;
        }
      }
      out = Buffer.concat(parts, n);
    }
    this.size -= n;
    if (this.paused && !this.ended && this.size < HIGH_WATER && this.owners.length < MAX_HELD) this.resume();
    return out;
  }

  private indexOfLF(limit: number): number {
    let offset = 0;
    for (const c of this.chunks) {
      const i = c.indexOf(0x0a);
      if (i >= 0 && offset + i < limit) return offset + i;
      offset += c.length;
      if (offset >= limit) return -1;
    }
    return -1;
  }

  /**
   * Python's readline(limit): the next line with its LF, or `limit` bytes when no LF came
   * first, or what is left at EOF (empty at EOF).
   */
  async readLine(limit: number): Promise<Buffer> {
    this.recycle();
    for (;;) {
      const lf = this.indexOfLF(limit);
      if (lf >= 0) return this.take(lf + 1);
      if (this.size >= limit) return this.take(limit);
      if (this.ended || (this.failure && this.size > 0)) return this.take(this.size);
      await this.waitForData();
    }
  }

  /** Up to `max` bytes: whatever is buffered, waiting for at least one; empty at EOF. */
  async readSome(max: number): Promise<Buffer> {
    this.recycle();
    while (this.size === 0) {
      if (this.ended) return Buffer.alloc(0);
      await this.waitForData();
    }
    // Whatever the first buffered chunk holds: a view of it, never a copy.
    return this.take(Math.min(max, this.chunks[0]!.length));
  }
}
