// Runs `netkit serve http ...` in-process for the feature tests (CGI, ranges, TLS, auth...):
// resolves once the banner is out, with the port, the captured output, Ctrl-C and the exit
// code. Every wait is bounded.
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { rawExchange, splitResponses, type RawResponse } from './serve-http-raw.js';
import { bounded, WAIT_MS } from '../helpers/bounded.js';

export { bounded, WAIT_MS };


export interface Running {
  port: number;
  stdout: () => string;
  stderr: () => string;
  interrupt: () => void;
  exit: Promise<number>;
  /** Resolves once stderr matches `pattern` (checked on every write; bounded). */
  waitStderr: (pattern: RegExp) => Promise<void>;
}

export async function serve(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<Running> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  const banner = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within ${WAIT_MS} ms: ${stderr}`)), WAIT_MS);
    err.on('data', (c) => {
      stderr += c;
      if (/Serving HTTPS? on .* port \d+ /.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const handlers: Array<() => void> = [];
  const io: IO = {
    stdin: Readable.from([]),
    stdout: out,
    stderr: err,
    env,
    cwd,
    onSignal: (signal, handler) => {
      if (signal === 'SIGINT') handlers.push(handler);
      return () => {};
    },
  };
  const exit = main(['serve', 'http', ...argv], io);
  await Promise.race([banner, exit.then((code) => Promise.reject(new Error(`exited ${code} before the banner: ${stderr}`)))]);
  const port = Number(/ port (\d+) /.exec(stderr)![1]);
  const waitStderr = (pattern: RegExp): Promise<void> =>
    bounded(
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (!pattern.test(stderr)) return;
          err.off('data', check);
          resolve();
        };
        err.on('data', check);
        check();
      }),
      `${pattern} on stderr`,
    );
  return { port, stdout: () => stdout, stderr: () => stderr, interrupt: () => handlers.forEach((h) => h()), exit, waitStderr };
}

export async function stop(r: Running): Promise<number> {
  r.interrupt();
  return bounded(r.exit, 'the server to exit');
}

/** One request with Connection: close; `extra` are header lines ending in CRLF. */
export async function fetchRaw(port: number, method: string, path: string, extra = '', body?: Buffer | string): Promise<RawResponse> {
  const b = body === undefined ? undefined : Buffer.from(body);
  const head = `${method} ${path} HTTP/1.1\r\nHost: x\r\n${extra}${b ? `Content-Length: ${b.length}\r\n` : ''}Connection: close\r\n\r\n`;
  const bytes = await rawExchange(port, b ? [head, b] : head, { timeoutMs: WAIT_MS });
  return splitResponses(bytes, [method === 'HEAD'])[0]!;
}
