// Group commit: many callers ask for an fsync of the same file or directory; callers that
// arrive while one runs share the next one, so N concurrent sessions pay about one fsync
// per round instead of N, and nobody is answered before a sync that began after its write.
import { open, type FileHandle } from 'node:fs/promises';

export class GroupSync {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly doSync: () => Promise<void>) {}

  /** Resolves after an fsync that started after this call. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.doSync().finally(() => (this.running = undefined));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }
}

/** A GroupSync over a directory (after renames into it). */
export function directorySync(path: string): GroupSync {
  return new GroupSync(async () => {
    const fh = await open(path, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/**
 * An append-only file written by one loop: records queued while a write+fsync runs go
 * out together in the next one (mbox, JSONL). append() resolves once its bytes are synced.
 */
export class GroupAppender {
  private queue: Array<{ data: Buffer; resolve: () => void; reject: (err: unknown) => void }> = [];
  private active = false;
  private fh: FileHandle | undefined;

  constructor(private readonly path: string, private readonly durable = true) {}

  append(data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ data, resolve, reject });
      if (!this.active) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.active = true;
    try {
      while (this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        try {
          this.fh ??= await open(this.path, 'a', 0o600);
          await this.fh.writeFile(Buffer.concat(batch.map((b) => b.data)));
          if (this.durable) await this.fh.sync();
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.active = false;
    }
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }
}
