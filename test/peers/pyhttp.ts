// python3's http.server as a real peer for one test run, on 127.0.0.1 port 0. Two modes:
// - startPyStatic(): http.server.SimpleHTTPRequestHandler (ThreadingHTTPServer) serving a
//   temporary directory filled here (text, 1 MiB random binary, a subdirectory, a file whose
//   name has spaces and non-ASCII characters);
// - startPyScenarios(): test/peers/pyhttp-scenarios.py (BaseHTTPRequestHandler routes:
//   redirects, loops, auth, cookies, error statuses, gzip).
// Both print "PORT <n>" on stdout once bound: readiness is reading that line (bounded wait).
// Stopped by PID: TERM, then wait for exit (KILL if it does not come).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from './daemon.js';

export interface PyServer {
  port: number;
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface PyStatic extends PyServer {
  /** The served directory. */
  root: string;
}

/** The file with spaces and non-ASCII characters in its name (served from the root). */
export const ODD_NAME = 'odd name é ü.txt';

const READY_DEADLINE_MS = 10_000;
const STOP_DEADLINE_MS = 5_000;
const SCENARIOS = join(dirname(fileURLToPath(import.meta.url)), 'pyhttp-scenarios.py');

const STATIC_SERVER = `
import functools, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
server.daemon_threads = True
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
`;

/** Spawns python3 with `args`; resolves once it printed "PORT <n>", rejects if it exits or the deadline passes. */
async function startPython(args: string[], env: Record<string, string> = {}): Promise<PyServer> {
  const child = spawn('python3', ['-u', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', ...env },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    if (stderr.length < 16_384) stderr += s;
  });
  const stop = supervise(child, STOP_DEADLINE_MS);
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const done = (err: Error | undefined, port?: number): void => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        child.off('error', onError);
        if (err) reject(err);
        else resolve(port!);
      };
      const onData = (s: string): void => {
        out += s;
        const m = /^PORT (\d+)\r?\n/m.exec(out);
        if (m) done(undefined, Number(m[1]));
      };
      const onExit = (code: number | null, signal: string | null): void =>
        done(new Error(`python3 server exited (${code ?? signal}) before reporting its port: ${stderr.trim()}`));
      const onError = (err: Error): void => done(err);
      const timer = setTimeout(() => done(new Error(`python3 server did not report its port within ${READY_DEADLINE_MS} ms: ${stderr.trim()}`)), READY_DEADLINE_MS);
      child.stdout!.setEncoding('utf8').on('data', onData);
      child.once('exit', onExit);
      child.once('error', onError);
    });
    // Keep draining stdout so the server never blocks on a full pipe.
    child.stdout!.resume();
    return { port, url: `http://127.0.0.1:${port}`, pid: child.pid!, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** SimpleHTTPRequestHandler over a fresh directory: hello.txt, random.bin (1 MiB), sub/, ODD_NAME. */
export async function startPyStatic(): Promise<PyStatic> {
  const root = mkdtempSync(join(tmpdir(), 'netkit-pyhttp-'));
  try {
    writeFileSync(join(root, 'hello.txt'), 'Hello from python http.server!\n');
    writeFileSync(join(root, 'random.bin'), randomBytes(1024 * 1024));
    writeFileSync(join(root, ODD_NAME), 'spaces and non-ASCII\n');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'a.txt'), 'a\n');
    writeFileSync(join(root, 'sub', 'b c.html'), '<p>b c</p>\n');
    const server = await startPython(['-c', STATIC_SERVER, root]);
    return {
      ...server,
      root,
      stop: async () => {
        await server.stop();
        rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

/** test/peers/pyhttp-scenarios.py (routes listed in its docstring). */
export function startPyScenarios(): Promise<PyServer> {
  return startPython([SCENARIOS]);
}
