// CPython's own SMTP sink for one test run, as /work/shared/reference/peers-setup.md §3
// describes: `python3 -W ignore -u -m smtpd -n -c DebuggingServer 127.0.0.1:PORT` (3.11 is
// the last Python with smtpd; -W ignore hushes its asyncore DeprecationWarnings, -u keeps
// its stdout unbuffered) on a free port, with every message it prints captured from stdout.
// Stopped by PID (TERM, then wait for exit).
import { spawn, spawnSync } from 'node:child_process';
import { freePort, supervise, tryConnect, waitExit } from './daemon.js';
import { requirePeer } from './nginx.js';

export interface PySmtpd {
  host: string;
  port: number;
  pid: number;
  /** Everything DebuggingServer printed so far. */
  output(): string;
  /** Resolves with the output once `n` messages were printed; rejects after `timeoutMs`. */
  waitForMessages(n: number, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/** The line DebuggingServer prints after each message. */
export const END_MESSAGE = '------------ END MESSAGE ------------';
const START_ATTEMPTS = 5;
const READY_DEADLINE_MS = 10_000;
const STOP_DEADLINE_MS = 10_000;

/** The real python3 interpreter that has smtpd (not a pyenv shim), or undefined. */
function python(): string | undefined {
  const r = spawnSync('python3', ['-W', 'ignore', '-c', 'import sys, smtpd; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** A skip reason when python3 or its smtpd module (gone in 3.12) is missing, else false. */
export function pysmtpdSkip(): string | false {
  const missing = requirePeer('python3');
  if (missing) return missing;
  if (python()) return false;
  const reason = 'peer python3 has no smtpd module (removed in Python 3.12)';
  if (process.env['NETKIT_REQUIRE_PEERS'] === '1') throw new Error(`${reason} (NETKIT_REQUIRE_PEERS=1)`);
  return reason;
}

const count = (s: string): number => s.split(END_MESSAGE).length - 1;

/** Starts DebuggingServer on a free loopback port; resolves once it accepts connections. */
export async function startPySmtpd(): Promise<PySmtpd> {
  const binary = python();
  if (!binary) throw new Error('python3 with the smtpd module is not installed');
  let lastError = '';
  for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
    const port = await freePort();
    const child = spawn(binary, ['-W', 'ignore', '-u', '-m', 'smtpd', '-n', '-c', 'DebuggingServer', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', (err) => (stderr += String(err)));
    const stop = supervise(child, STOP_DEADLINE_MS);

    // Readiness: short awaited connects until the port accepts, python exits, or the deadline.
    const deadline = performance.now() + READY_DEADLINE_MS;
    let ready = false;
    while (performance.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if (await tryConnect(port, 500)) {
        ready = true;
        break;
      }
      // A refused connect returns at once: pause briefly unless python exits meanwhile.
      await waitExit(child, 20);
    }
    if (ready) {
      return {
        host: '127.0.0.1',
        port,
        pid: child.pid!,
        output: () => out,
        waitForMessages: (n, timeoutMs) =>
          new Promise((resolve, reject) => {
            const check = (): void => {
              if (count(out) < n) return;
              clearTimeout(timer);
              child.stdout!.off('data', check);
              resolve(out);
            };
            const timer = setTimeout(() => {
              child.stdout!.off('data', check);
              reject(new Error(`pysmtpd: ${count(out)} of ${n} messages after ${timeoutMs} ms\n${stderr}`));
            }, timeoutMs);
            child.stdout!.on('data', check);
            check();
          }),
        stop,
      };
    }
    await stop();
    lastError = stderr.trim() || 'python3 -m smtpd did not become ready';
    // Another process took the port between our probe and python's bind: try a new one.
    if (!/Address already in use/.test(lastError)) break;
  }
  throw new Error(`python3 -m smtpd failed to start: ${lastError}`);
}
