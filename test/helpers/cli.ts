// Runs netkit's main() in-process with a test IO: stdin text, TTY flags, env; returns
// stdout, stderr and the exit code.
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';

export interface RunOptions {
  stdin?: string;
  /** Pretend stdin, stdout and stderr are terminals. */
  tty?: boolean;
  stdinTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** The working directory commands see (relative paths resolve against it). */
  cwd?: string;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(tty: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  stream.isTTY = tty;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

export async function runCli(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const stdin = Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]) as Readable & { isTTY?: boolean };
  stdin.isTTY = opts.stdinTTY ?? opts.tty ?? false;
  const out = sink(opts.tty ?? false);
  const err = sink(opts.tty ?? false);
  const io: IO = { stdin, stdout: out.stream, stderr: err.stream, env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd() };
  const code = await main(argv, io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.text(), stderr: err.text() };
}
