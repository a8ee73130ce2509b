// A file region to a socket through two reused 1 MiB buffers: one is read (the threadpool)
// while the other is being written, reads in order, a buffer reused only once its write has
// completed. No allocation per piece, so a large file costs the same few pages throughout
// and memory stays flat (a read stream allocates a fresh buffer for every chunk).
import { closeSync, read } from 'node:fs';
import type { Socket } from 'node:net';

const PIECE = 1024 * 1024;

/** A running transfer; stop() ends it early (the fd is closed either way). */
export interface FilePump {
  stop(): void;
}

/**
 * Sends `length` bytes of `fd` from `start` to `socket`, then closes `fd` and calls
 * `done()`, or `done(err)` on a read or write failure (a short read is one: the file shrank).
 */
export function pumpFile(fd: number, start: number, length: number, socket: Socket, done: (err?: Error) => void): FilePump {
  const size = Math.min(PIECE, length);
  const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  const writing = [false, false];
  let position = start;
  let left = length;
  let reading = false;
  let ended = false;

  const end = (err?: Error): void => {
    if (ended) return;
    ended = true;
    closeSync(fd);
    done(err);
  };

  const step = (): void => {
    if (ended || reading) return;
    if (left === 0) {
      if (!writing[0] && !writing[1]) end();
      return;
    }
    const i = writing[0] ? (writing[1] ? -1 : 1) : 0;
    if (i < 0) return;
    const n = Math.min(size, left);
    const at = position;
    left -= n;
    position += n;
    reading = true;
    read(fd, buffers[i]!, 0, n, at, (err, got) => {
      reading = false;
      if (ended) return;
      if (err || got !== n) return end(err ?? new Error(`short read: ${got} of ${n} bytes at ${at}`));
      writing[i] = true;
      socket.write(got === size ? buffers[i]! : buffers[i]!.subarray(0, got), (werr) => {
        writing[i] = false;
        if (werr) return end(werr);
        step();
      });
      step();
    });
  };
  step();
  return { stop: () => end(new Error('stopped')) };
}
