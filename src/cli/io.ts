// The process's streams and environment, passed in so tests can run main() in-process.
import type { Readable, Writable } from 'node:stream';

export type InStream = Readable & { isTTY?: boolean };
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface IO {
  stdin: InStream;
  stdout: OutStream;
  stderr: OutStream;
  /**
   * True when stdout is the process's own descriptor: a write is done with its bytes once
   * it completes (nothing keeps them), so lent buffers may be written without a copy.
   */
  directStdout?: boolean;
  /**
   * The process's own descriptors behind stdout and stderr (run.ts). A writer that finds a
   * regular file or /dev/null there writes it synchronously, as Node's own stream for it
   * would, without building that stream.
   */
  fds?: { stdout: number; stderr: number };
  env: Record<string, string | undefined>;
  /**
   * Takes over SIGINT or SIGTERM (a server's graceful shutdown) instead of the default
   * (SIGINT exits 130); returns the undo. Tests may leave it out or drive it themselves.
   */
  onSignal?: (signal: 'SIGINT' | 'SIGTERM', handler: () => void) => () => void;
  cwd: string;
}
