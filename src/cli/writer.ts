// A buffered writer for stdout/stderr: batches small writes into large chunks, honours
// backpressure (await drain), and turns a closed pipe (EPIPE, `| head`) into a quiet stop.
// A regular file or /dev/null behind the process's own descriptor is written with
// writeSync, as Node's SyncWriteStream would, and the stream is never built: on Node 20
// that skips loading the stream modules, 1.7 ms of every command's start-up.
import { fstatSync, writeSync } from 'node:fs';
import type { OutStream } from './io.js';


/** The smallest lent piece a direct stream gets as is. */
const LENT_DIRECT_MIN = 4096;

/** Linux's major number of the memory devices: /dev/null, /dev/zero, /dev/full. */
const MEM_MAJOR = 1;

/**
 * True when `fd` is a regular file or a memory device: what Node itself writes
 * synchronously (libuv's UV_FILE). A terminal, a pipe or a socket keeps its stream.
 */
function writesSynchronously(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    return info.isFile() || (info.isCharacterDevice() && Math.floor(info.rdev / 256) === MEM_MAJOR);
  } catch {
    return false;
  }
}

export class BufferedWriter {
  private parts: Array<string | Uint8Array> = [];
  private size = 0;
  private waiting: Promise<void> | undefined;
  private opened: OutStream | undefined;
  /** The descriptor written with writeSync instead of the stream, when it is a file. */
  private readonly fd: number | undefined;
  /** True once the reader went away; callers producing streams should stop. */
  closed = false;

  /**
   * `open`: the stream (never built when `fd` is written directly). `chunk`: bytes gathered before a write; 0
   * writes through (for stderr). `direct`: the stream keeps no reference to written bytes
   * once a write completed (a real descriptor). `fd`: the process's own descriptor behind
   * the stream, written directly when it is a file or /dev/null.
   */
  constructor(
    private readonly open: () => OutStream,
    private readonly chunk = 64 * 1024,
    private readonly direct = false,
    fd?: number,
  ) {
    this.fd = fd !== undefined && writesSynchronously(fd) ? fd : undefined;
    // Otherwise the stream is built now, as before: its error listener also catches what
    // others write through it (a browser's output piped to stdout).
    if (this.fd === undefined) void this.stream;
  }

  private get stream(): OutStream {
    if (!this.opened) {
      this.opened = this.open();
      // A write error (EPIPE when the reader quit, or a full disk) ends the output: later
      // writes are dropped and producers see `closed`.
      this.opened.on('error', () => {
        this.closed = true;
      });
    }
    return this.opened;
  }

  get isTTY(): boolean {
    return this.fd === undefined && this.stream.isTTY === true;
  }

  /** Queues text or bytes; large queues are written out at once. */
  write(data: string | Uint8Array): void {
    if (this.closed) return;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= this.chunk) this.push();
  }

  /**
   * Writes bytes that stay valid only until the returned promise settles, e.g. a lent view
   * of a socket's read buffer; undefined means they are no longer needed already. A direct
   * stream gets big pieces without a copy, and the promise waits until the write is done
   * with them; anything else is copied.
   */
  writeLent(data: Uint8Array): Promise<void> | undefined {
    if (this.closed) return undefined;
    // Small pieces are cheaper copied and gathered than written one by one.
    if (!(this.direct || this.fd !== undefined) || data.length < LENT_DIRECT_MIN) {
      this.write(Buffer.from(data));
      return undefined;
    }
    this.push();
    if (this.closed) return undefined;
    if (this.fd !== undefined) {
      this.writeFd(data);
      return undefined;
    }
    // A pipe or terminal (a handle, perhaps non-blocking): through the stream, which is
    // done with the bytes when its callback runs.
    let finished!: () => void;
    const written = new Promise<void>((resolve) => (finished = resolve));
    this.stream.write(data, () => finished());
    // Written through at once (a file, or a pipe with room): the bytes are free again.
    return this.stream.writableLength === 0 ? undefined : written;
  }

  /** All of `data` to the descriptor; an error (a full disk) ends the output as a stream's would. */
  private writeFd(data: string | Uint8Array): void {
    const bytes = toBytes(data);
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd!, bytes, done);
    } catch {
      this.closed = true;
    }
  }

  /** True when the stream asked us to wait; `await drain()` before producing more. */
  get full(): boolean {
    return this.waiting !== undefined;
  }

  async drain(): Promise<void> {
    while (this.waiting) await this.waiting;
  }

  async flush(): Promise<void> {
    this.push();
    await this.drain();
  }

  private push(): void {
    if (this.size === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    if (this.closed) return;
    const data = parts.length === 1 ? parts[0]! : parts.every((p) => typeof p === 'string') ? parts.join('') : Buffer.concat(parts.map(toBytes));
    if (this.fd !== undefined) {
      this.writeFd(data);
      return;
    }
    if (!this.stream.write(data) && !this.waiting) {
      this.waiting = new Promise<void>((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.waiting = undefined;
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }
}

function toBytes(part: string | Uint8Array): Uint8Array {
  return typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
}
