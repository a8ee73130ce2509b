// A real postfix 3.7 (Debian) for one test run, set up as
// /work/shared/reference/peers-setup.md §3 describes: a private instance whose config
// (STATE/etc/main.cf, master.cf) and queue (STATE/spool) live in a fresh temporary STATE
// directory, started with `postfix -c STATE/etc start` and stopped with `postfix -c
// STATE/etc stop`. smtpd listens on 127.0.0.1:<free port> with STARTTLS (a throwaway
// certificate for localhost and 127.0.0.1); the virtual domain peers.test delivers alice@
// and bob@ to Maildirs under STATE/mail; relaying is refused and every other transport is
// `error:`, so nothing can leave the host. The postfix master must run as root: without
// root the peer is unavailable (see postfixSkip).
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCert } from '../fakes/tls-cert.js';
import { freePort, tryConnect } from './daemon.js';
import { findExecutable, requirePeer } from './nginx.js';

export interface Postfix {
  host: string;
  port: number;
  /** The PEM that verifies the STARTTLS certificate (self-signed, localhost and 127.0.0.1). */
  caPem: string;
  /** The virtual domain whose users (alice, bob) have Maildirs. */
  domain: string;
  /** The master daemon's PID. */
  pid: number;
  /** Messages delivered to `user`@peers.test so far (files in its Maildir's new/ and cur/). */
  countMessages(user: string): number;
  /** Those messages' text, oldest first. */
  readMessages(user: string): string[];
  /** Resolves with the messages once `user` has at least `n`; rejects after `timeoutMs`. */
  waitForMessages(user: string, n: number, timeoutMs: number): Promise<string[]>;
  /** postfix's log so far (maillog_file). */
  log(): string;
  stop(): Promise<void>;
}

export const POSTFIX_USERS = ['alice', 'bob'] as const;
const DOMAIN = 'peers.test';
const START_ATTEMPTS = 3;
const READY_DEADLINE_MS = 15_000;
const STOP_DEADLINE_MS = 15_000;

/** A skip reason when postfix cannot run here (not installed, or not root), else false. */
export function postfixSkip(): string | false {
  const missing = requirePeer('postfix');
  if (missing) return missing;
  if (process.getuid?.() === 0) return false;
  const reason = 'peer postfix needs root (its master daemon runs as the super-user)';
  if (process.env['NETKIT_REQUIRE_PEERS'] === '1') throw new Error(`${reason} (NETKIT_REQUIRE_PEERS=1)`);
  return reason;
}

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  const r = spawnSync('id', [flag, user], { encoding: 'utf8', timeout: 5000 });
  return r.status === 0 ? Number(r.stdout.trim()) : undefined;
}

function mainCf(state: string, uid: number, gid: number): string {
  return `# netkit test postfix: self-contained, everything under ${state}
compatibility_level = 3.6
queue_directory = ${state}/spool
data_directory = ${state}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.${DOMAIN}
mydomain = ${DOMAIN}
myorigin = $myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
smtpd_banner = $myhostname ESMTP netkit-test-postfix
# Nothing leaves the host: relaying is refused and every transport is error:.
smtpd_relay_restrictions = reject_unauth_destination
default_transport = error:netkit test postfix delivers nowhere
relay_transport = error:netkit test postfix delivers nowhere
local_transport = error:netkit test postfix delivers nowhere
virtual_mailbox_domains = ${DOMAIN}
virtual_mailbox_base = ${state}/mail
virtual_mailbox_maps = texthash:${state}/etc/vmailbox
virtual_uid_maps = static:${uid}
virtual_gid_maps = static:${gid}
virtual_minimum_uid = 1
smtpd_tls_security_level = may
smtpd_tls_cert_file = ${state}/etc/cert.pem
smtpd_tls_key_file = ${state}/etc/key.pem
smtpd_tls_loglevel = 0
# The log: outside /var only when its directory is one of maillog_file_prefixes.
maillog_file = ${state}/log/maillog
maillog_file_prefixes = ${state}/log
`;
}

function masterCf(port: number): string {
  // Every chroot column is n: the instance lives outside any chroot postfix would set up.
  const lines = [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'local unix - n n - - local',
    'virtual unix - n n - - virtual',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    // maillog_file is written by postlogd, reached through this service.
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  return `# netkit test postfix\n${lines.join('\n')}\n`;
}

/** `postfix -c ETC ARGS...`, bounded; returns its status and output. */
function postfix(etc: string, ...args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(findExecutable('postfix')!, ['-c', etc, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** True while `pid` is a live process (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** process.kill that ignores a process already gone. */
function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads the 220 greeting: true when smtpd answered (the service really is up). */
async function greets(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('utf8').on('data', (s: string) => {
      data += s;
      if (data.includes('\n')) {
        socket.write('QUIT\r\n');
        finish(data.startsWith('220'));
      }
    });
    socket.once('error', () => finish(false));
  });
}

/** Starts a private postfix on a free loopback port; resolves once it greets, or undefined when it cannot run here. */
export async function startPostfix(): Promise<Postfix | undefined> {
  if (postfixSkip()) return undefined;
  const uid = idOf('-u', 'nobody') ?? idOf('-u', 'postfix');
  const gid = idOf('-g', 'nobody') ?? idOf('-g', 'postfix');
  if (uid === undefined || gid === undefined || idOf('-u', 'postfix') === undefined) throw new Error('postfix: no postfix or nobody user');
  const tc = makeTestCert();
  if (tc.skip) throw new Error(tc.skip);
  const state = mkdtempSync(join(tmpdir(), 'netkit-postfix-'));
  const etc = join(state, 'etc');
  const mail = join(state, 'mail');
  const logFile = join(state, 'log', 'maillog');
  const readLog = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  let pid = 0;
  // Killed when the test process exits without stop(): a master left behind outlives us.
  const killOnExit = (): void => {
    if (pid) kill(-pid, 'SIGKILL');
  };
  const cleanup = (): void => {
    process.off('exit', killOnExit);
    tc.cleanup();
    rmSync(state, { recursive: true, force: true });
  };
  const stopMaster = async (): Promise<void> => {
    if (!pid || !alive(pid)) return;
    postfix(etc, 'stop');
    const deadline = performance.now() + STOP_DEADLINE_MS;
    while (alive(pid) && performance.now() < deadline) await pause(20);
    if (alive(pid)) {
      kill(-pid, 'SIGKILL'); // its process group (master calls setsid): master and children
      while (alive(pid) && performance.now() < deadline + STOP_DEADLINE_MS) await pause(20);
      if (alive(pid)) throw new Error(`postfix master ${pid} did not stop`);
    }
  };
  try {
    // The postfix user reaches the queue and the virtual user writes Maildirs under STATE.
    chmodSync(state, 0o755);
    for (const d of ['etc', 'spool', 'data', 'mail', 'log']) mkdirSync(join(state, d), { mode: 0o755 });
    chownSync(join(state, 'data'), idOf('-u', 'postfix')!, idOf('-g', 'postfix')!);
    chownSync(mail, uid, gid);
    writeFileSync(join(etc, 'cert.pem'), tc.cert);
    writeFileSync(join(etc, 'key.pem'), tc.key, { mode: 0o600 });
    writeFileSync(join(etc, 'vmailbox'), POSTFIX_USERS.map((u) => `${u}@${DOMAIN} ${u}/\n`).join(''));
    process.once('exit', killOnExit);

    let lastError = '';
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const port = await freePort();
      writeFileSync(join(etc, 'main.cf'), mainCf(state, uid, gid));
      writeFileSync(join(etc, 'master.cf'), masterCf(port));
      const check = postfix(etc, 'check');
      if (!check.ok) throw new Error(`postfix check failed: ${check.out.trim()}`);
      const started = postfix(etc, 'start');
      const pidFile = join(state, 'spool', 'pid', 'master.pid');
      pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || 0 : 0;
      // Readiness: bounded connects until smtpd greets, the master dies, or the deadline.
      const deadline = performance.now() + READY_DEADLINE_MS;
      let ready = false;
      while (started.ok && pid && performance.now() < deadline && alive(pid)) {
        if ((await tryConnect(port, 500)) && (await greets(port, 2000))) {
          ready = true;
          break;
        }
        await pause(20);
      }
      if (ready) {
        const maildir = (user: string): string[] =>
          ['new', 'cur'].flatMap((sub) => {
            const dir = join(mail, user, sub);
            return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
          });
        // Maildir names start with the delivery time in seconds, then a sequence: sort by both.
        const byName = (a: string, b: string): number => a.split('/').pop()!.localeCompare(b.split('/').pop()!, 'en', { numeric: true });
        const readMessages = (user: string): string[] => maildir(user).sort(byName).map((f) => readFileSync(f, 'utf8'));
        return {
          host: '127.0.0.1',
          port,
          caPem: tc.cert,
          domain: DOMAIN,
          pid,
          countMessages: (user) => maildir(user).length,
          readMessages,
          waitForMessages: async (user, n, timeoutMs) => {
            const until = performance.now() + timeoutMs;
            while (maildir(user).length < n) {
              if (performance.now() > until) {
                throw new Error(`postfix: ${user} has ${maildir(user).length} of ${n} messages after ${timeoutMs} ms\n${readLog().split('\n').slice(-15).join('\n')}`);
              }
              await pause(20);
            }
            return readMessages(user);
          },
          log: readLog,
          stop: async () => {
            try {
              await stopMaster();
            } finally {
              cleanup();
            }
          },
        };
      }
      lastError = `${started.out}${readLog()}`.trim() || 'postfix did not become ready';
      await stopMaster();
      pid = 0;
      // Another process took the port between our probe and postfix's bind: try a new one.
      if (!/Address already in use/.test(lastError)) break;
    }
    throw new Error(`postfix failed to start: ${lastError}`);
  } catch (err) {
    await stopMaster().catch(() => undefined);
    cleanup();
    throw err;
  }
}
