// A real tinyproxy (Debian's tinyproxy 1.11) for one test run, set up as
// /work/shared/reference/peers-setup.md §7 describes: `tinyproxy -d -c STATE/tinyproxy.conf`
// in the foreground, with a self-contained config in a temporary STATE directory: `Listen
// 127.0.0.1`, a free port (a Node server bound to port 0 tells us one), `Allow 127.0.0.1`,
// optionally `BasicAuth USER PASSWORD`, and no `ConnectPort` lines (the stock config
// restricts CONNECT to 443 and 563; without any, every port may be tunnelled to). Run as
// root it drops to user tinyproxy, so the log directory belongs to that user and there is
// no PidFile. Stopped by PID (TERM, then wait for exit).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../helpers/peers.js';
import { freePort, supervise, tryConnect, waitExit } from './daemon.js';

export { requirePeer } from '../helpers/peers.js';

export interface TinyproxyOptions {
  /** Require `BasicAuth user password` (Proxy-Authorization); default: no authentication. */
  auth?: { user: string; password: string };
}

export interface Tinyproxy {
  port: number;
  /** `http://127.0.0.1:PORT` (no credentials). */
  url: string;
  /** The BasicAuth credentials, when started with them. */
  auth: { user: string; password: string } | undefined;
  pid: number;
  /** The log so far (tinyproxy's LogFile). */
  log(): string;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 5;
const READY_DEADLINE_MS = 10_000;
const STOP_DEADLINE_MS = 10_000;

/** The user and group tinyproxy drops to when started as root, with their ids. */
function dropTo(): { user: string; group: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const [user, group] of [
    ['tinyproxy', 'tinyproxy'],
    ['nobody', 'nogroup'],
  ] as const) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8', timeout: 5000 });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8', timeout: 5000 });
    if (uid.status === 0 && gid.status === 0) return { user, group, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, but there is neither a tinyproxy nor a nobody user to drop to');
}

function config(port: number, logFile: string, options: TinyproxyOptions, drop: ReturnType<typeof dropTo>): string {
  const lines = [`# netkit test tinyproxy: self-contained, no PidFile, no ConnectPort (any port may be tunnelled)`];
  if (drop) lines.push(`User ${drop.user}`, `Group ${drop.group}`);
  lines.push('Listen 127.0.0.1', `Port ${port}`, 'Timeout 30', `LogFile "${logFile}"`, 'LogLevel Info', 'MaxClients 50', 'Allow 127.0.0.1', 'ViaProxyName "tinyproxy"');
  if (options.auth) lines.push(`BasicAuth ${options.auth.user} ${options.auth.password}`);
  return lines.join('\n') + '\n';
}

/** Starts tinyproxy on a free loopback port; resolves once it accepts connections. */
export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const binary = findExecutable('tinyproxy');
  if (!binary) throw new Error('tinyproxy is not installed');
  const drop = dropTo();
  const state = mkdtempSync(join(tmpdir(), 'netkit-tinyproxy-'));
  const cleanup = (): void => rmSync(state, { recursive: true, force: true });
  try {
    // After dropping privileges tinyproxy still writes its log: the directory is its own.
    chmodSync(state, 0o755);
    const logDir = join(state, 'log');
    mkdirSync(logDir, { mode: 0o755 });
    if (drop) chownSync(logDir, drop.uid, drop.gid);
    const logFile = join(logDir, 'tinyproxy.log');
    const readLog = (): string => {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    };

    let lastError = '';
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const port = await freePort();
      const confPath = join(state, 'tinyproxy.conf');
      writeFileSync(confPath, config(port, logFile, options, drop), { mode: 0o644 });
      rmSync(logFile, { force: true });
      const child = spawn(binary, ['-d', '-c', confPath], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.once('error', (err) => (stderr += String(err)));
      const stop = supervise(child, STOP_DEADLINE_MS);

      // Readiness: short awaited connects until the port accepts, tinyproxy exits, or the deadline.
      const deadline = performance.now() + READY_DEADLINE_MS;
      let ready = false;
      while (performance.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        if (await tryConnect(port, 500)) {
          ready = true;
          break;
        }
        // A refused connect returns at once: pause briefly unless tinyproxy exits meanwhile.
        await waitExit(child, 20);
      }
      if (ready) {
        return {
          port,
          url: `http://127.0.0.1:${port}`,
          auth: options.auth,
          pid: child.pid!,
          log: readLog,
          stop: async () => {
            await stop();
            cleanup();
          },
        };
      }
      await stop();
      lastError = `${stderr}${readLog()}`.trim() || 'tinyproxy did not become ready';
      // Another process took the port between our probe and tinyproxy's bind: try a new one.
      if (!/Address already in use|Could not create listening sockets|bind/i.test(lastError)) break;
    }
    throw new Error(`tinyproxy failed to start: ${lastError}`);
  } catch (err) {
    cleanup();
    throw err;
  }
}
