// A real nginx (Debian's nginx-light) for one test run, set up as
// /work/shared/reference/peers-setup.md §7 describes: `nginx -p STATE/ -e STATE/log/error.log
// -c STATE/nginx.conf` with a self-contained config in a temporary STATE directory, listening
// on 127.0.0.1 only, on free ports (a Node server bound to port 0 tells us one), http and
// https with a server certificate (IP SAN 127.0.0.1, DNS localhost) signed by a CA generated
// for the run (test/fakes/tls-cert.ts makeTestCA: clients trust only that CA), gzip for text,
// autoindex on /dir/ and basic auth on /private/. Stopped by PID (TERM, then wait for exit).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../helpers/peers.js';
import { makeTestCA } from '../fakes/tls-cert.js';
import { freePort, supervise, tryConnect, waitExit } from './daemon.js';

// The peer checks live in test/helpers/peers.ts; re-exported for the harnesses that import them from here.
export { findExecutable, requirePeer } from '../helpers/peers.js';

export interface Nginx {
  httpPort: number;
  httpsPort: number;
  /** The CA certificate (PEM, CA:TRUE, keyCertSign) that signed the server's: what clients trust. */
  caPem: string;
  /** The server certificate nginx serves on httpsPort (PEM; CA:FALSE, signed by caPem). */
  certPem: string;
  /** The served files: hello.txt, random.bin (1 MiB), text.txt (gzip-able), dir/, private/. */
  docroot: string;
  /** Credentials for /private/. */
  user: string;
  password: string;
  pid: number;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 5;
const READY_DEADLINE_MS = 10_000;
const STOP_DEADLINE_MS = 10_000;

/** Two distinct free ports. */
async function freePorts(): Promise<[number, number]> {
  for (let i = 0; i < 10; i++) {
    const a = await freePort();
    const b = await freePort();
    if (a !== b) return [a, b];
  }
  throw new Error('could not find two distinct free ports');
}

function writeDocroot(docroot: string, user: string, password: string, state: string): void {
  mkdirSync(join(docroot, 'dir'), { recursive: true });
  mkdirSync(join(docroot, 'private'), { recursive: true });
  writeFileSync(join(docroot, 'hello.txt'), 'Hello from nginx!\n');
  writeFileSync(join(docroot, 'random.bin'), randomBytes(1024 * 1024));
  const lines: string[] = [];
  for (let i = 0; i < 4000; i++) lines.push(`line ${i}: the quick brown fox jumps over the lazy dog ${i % 7}`);
  writeFileSync(join(docroot, 'text.txt'), lines.join('\n') + '\n');
  writeFileSync(join(docroot, 'dir', 'a.txt'), 'a\n');
  writeFileSync(join(docroot, 'dir', 'b.txt'), 'b\n');
  writeFileSync(join(docroot, 'private', 'secret.txt'), 'top secret\n');
  const hash = spawnSync('openssl', ['passwd', '-apr1', password], { encoding: 'utf8', timeout: 10_000 });
  if (hash.status !== 0) throw new Error(`openssl passwd failed: ${hash.stderr}`);
  writeFileSync(join(state, 'htpasswd'), `${user}:${hash.stdout.trim()}\n`);
}

function config(state: string, docroot: string, httpPort: number, httpsPort: number, certPath: string, keyPath: string): string {
  const asRoot = process.getuid?.() === 0;
  return `# netkit test nginx: self-contained, everything under ${state}
${asRoot ? 'user www-data;' : ''}
daemon off;
master_process on;
worker_processes 1;
pid ${state}/nginx.pid;
error_log ${state}/log/error.log warn;
events { worker_connections 64; }
http {
  types {
    text/html html;
    text/plain txt;
    application/octet-stream bin;
  }
  default_type application/octet-stream;
  access_log ${state}/log/access.log;
  client_body_temp_path ${state}/tmp/body;
  proxy_temp_path ${state}/tmp/proxy;
  fastcgi_temp_path ${state}/tmp/fastcgi;
  uwsgi_temp_path ${state}/tmp/uwsgi;
  scgi_temp_path ${state}/tmp/scgi;
  keepalive_timeout 30s;
  # Debian's own nginx.conf turns these on: files go out by sendfile(2), as on a real server.
  sendfile on;
  tcp_nopush on;
  gzip on;
  gzip_min_length 64;
  gzip_types text/plain;
  server {
    listen 127.0.0.1:${httpPort};
    listen 127.0.0.1:${httpsPort} ssl;
    server_name localhost;
    ssl_certificate ${certPath};
    ssl_certificate_key ${keyPath};
    ssl_protocols TLSv1.2 TLSv1.3;
    root ${docroot};
    location /dir/ { autoindex on; }
    location /private/ {
      auth_basic "netkit";
      auth_basic_user_file ${state}/htpasswd;
    }
  }
}
`;
}

/** Starts nginx on two free loopback ports; resolves once both accept connections. */
export async function startNginx(): Promise<Nginx> {
  const binary = findExecutable('nginx');
  if (!binary) throw new Error('nginx is not installed');
  const tc = makeTestCA();
  if (tc.skip) throw new Error(tc.skip);
  const state = mkdtempSync(join(tmpdir(), 'netkit-nginx-'));
  const cleanup = (): void => {
    tc.cleanup();
    rmSync(state, { recursive: true, force: true });
  };
  try {
    // Workers run as www-data when we are root: they must be able to read the docroot.
    chmodSync(state, 0o755);
    for (const d of ['log', 'tmp', 'docroot']) mkdirSync(join(state, d), { mode: 0o755 });
    const docroot = join(state, 'docroot');
    const certPath = join(state, 'cert.pem');
    const keyPath = join(state, 'key.pem');
    writeFileSync(certPath, tc.cert);
    writeFileSync(keyPath, tc.key, { mode: 0o600 });
    const user = 'peer';
    const password = 'peerpass';
    writeDocroot(docroot, user, password, state);

    let lastError = '';
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const [httpPort, httpsPort] = await freePorts();
      const confPath = join(state, 'nginx.conf');
      writeFileSync(confPath, config(state, docroot, httpPort, httpsPort, certPath, keyPath));
      rmSync(join(state, 'log', 'error.log'), { force: true });
      const child = spawn(binary, ['-p', `${state}/`, '-e', join(state, 'log', 'error.log'), '-c', confPath], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      child.once('error', (err) => (stderr += String(err)));
      const stop = supervise(child, STOP_DEADLINE_MS);

      // Readiness: short awaited connects until both ports accept, nginx exits, or the deadline.
      const deadline = performance.now() + READY_DEADLINE_MS;
      let ready = false;
      while (performance.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) break;
        if ((await tryConnect(httpPort, 500)) && (await tryConnect(httpsPort, 500))) {
          ready = true;
          break;
        }
        // A refused connect returns at once: pause briefly unless nginx exits meanwhile.
        await waitExit(child, 20);
      }
      if (ready) {
        return {
          httpPort,
          httpsPort,
          caPem: tc.caPem,
          certPem: tc.cert,
          docroot,
          user,
          password,
          pid: child.pid!,
          stop: async () => {
            await stop();
            cleanup();
          },
        };
      }
      await stop();
      let log = '';
      try {
        log = readFileSync(join(state, 'log', 'error.log'), 'utf8');
      } catch {
        // no log written
      }
      lastError = `${stderr}${log}`.trim() || 'nginx did not become ready';
      // Another process took a port between our probe and nginx's bind: try new ports.
      if (!/Address already in use/.test(lastError)) break;
    }
    throw new Error(`nginx failed to start: ${lastError}`);
  } catch (err) {
    cleanup();
    throw err;
  }
}
