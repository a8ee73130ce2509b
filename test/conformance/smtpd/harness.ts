// Runs `netkit serve smtp ...` in-process for the SMTP server tests (conformance, CLI,
// peers): resolves once the readiness line is out, with the port, the captured output,
// Ctrl-C and the exit code; and a raw SMTP client that sends bytes and reads N replies.
// Every wait is bounded.
import net from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import type { IO } from '../../../src/cli/io.js';
import { bounded, WAIT_MS } from '../../helpers/bounded.js';

export { bounded, WAIT_MS };


export interface RunningSmtp {
  port: number;
  stdout: () => string;
  stdoutBytes: () => Buffer;
  stderr: () => string;
  interrupt: () => void;
  exit: Promise<number>;
}

export async function serveSmtp(argv: string[], cwd = process.cwd()): Promise<RunningSmtp> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  let stderr = '';
  out.on('data', (c: Buffer) => chunks.push(c));
  const ready = new Promise<void>((resolve) => {
    err.on('data', (c) => {
      stderr += c;
      if (/Serving SMTP on .* port \d+ /.test(stderr)) resolve();
    });
  });
  const handlers: Array<() => void> = [];
  const io: IO = {
    stdin: Readable.from([]),
    stdout: out,
    stderr: err,
    env: {},
    cwd,
    onSignal: (signal, handler) => {
      if (signal === 'SIGINT') handlers.push(handler);
      return () => {};
    },
  };
  const exit = main(['serve', 'smtp', ...argv], io);
  await bounded(Promise.race([ready, exit.then((code) => Promise.reject(new Error(`exited ${code} before listening: ${stderr}`)))]), `the readiness line: ${stderr}`);
  const port = Number(/ port (\d+) /.exec(stderr)![1]);
  return {
    port,
    stdout: () => Buffer.concat(chunks).toString('latin1'),
    stdoutBytes: () => Buffer.concat(chunks),
    stderr: () => stderr,
    interrupt: () => handlers.forEach((h) => h()),
    exit,
  };
}

export async function stopSmtp(r: RunningSmtp): Promise<number> {
  r.interrupt();
  return bounded(r.exit, 'the server to exit');
}

/** A raw SMTP client: step(bytes, n) sends and waits for n final reply lines (or EOF). */
export class RawSmtp {
  private buf = '';
  private closedFlag = false;
  private wake: (() => void) | undefined;
  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (s: string) => {
      this.buf += s;
      this.wake?.();
    });
    socket.on('close', () => {
      this.closedFlag = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<RawSmtp> {
    const socket = net.connect({ port, host });
    await bounded(new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    }), 'connect');
    return new RawSmtp(socket);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Waits for n final replies ("NNN " lines); returns their text (less at EOF). */
  async replies(n: number): Promise<string> {
    const take = (): string | undefined => {
      let finals = 0;
      let at = 0;
      while (finals < n) {
        const nl = this.buf.indexOf('\r\n', at);
        if (nl === -1) return undefined;
        if (this.buf[at + 3] !== '-') finals++;
        at = nl + 2;
      }
      const text = this.buf.slice(0, at);
      this.buf = this.buf.slice(at);
      return text;
    };
    return bounded(new Promise<string>((resolve) => {
      const check = (): void => {
        const got = take();
        if (got !== undefined) resolve(got);
        else if (this.closedFlag) {
          const rest = this.buf;
          this.buf = '';
          resolve(rest);
        } else this.wake = check;
      };
      check();
    }), `${n} replies (have ${JSON.stringify(this.buf)})`);
  }

  async step(data: string, n: number): Promise<string> {
    if (!this.closedFlag) this.socket.write(Buffer.from(data, 'latin1'));
    return n === 0 ? '' : this.replies(n);
  }

  /** Resolves once the server closed the connection. */
  async waitClosed(): Promise<void> {
    await bounded(new Promise<void>((resolve) => {
      const check = (): void => (this.closedFlag ? resolve() : void (this.wake = check));
      check();
    }), 'the server to close the connection');
  }

  close(): void {
    this.socket.destroy();
  }
}
