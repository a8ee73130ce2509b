// netkit serve smtp's TLS and connection timeouts end to end: --smtps with
// --tls-self-signed/--tls-cert-out (a client trusting the written PEM sends a message that
// lands in --maildir; a plain-text client gets no greeting), STARTTLS with --tls-cert and
// --tls-key files (an encrypted key with --tls-password-file too) and --require-tls (530
// before, the transaction after), and --idle-timeout (421 and close after the silence,
// in the clear and under TLS). python3 smtplib.SMTP_SSL as a real peer, skipped without
// python3 unless NETKIT_REQUIRE_PEERS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { RawSmtp, bounded, serveSmtp, stopSmtp, type RunningSmtp } from '../conformance/smtpd/harness.js';
import { supervise, waitExit } from '../peers/daemon.js';
import { makeSelfSignedCert } from '../../src/protocols/core/self-signed.js';

const GREETING = '220 mx.test Python SMTP proxy version 0.3\r\n';

/** RawSmtp's line client over any socket, plain or TLS, with STARTTLS's upgrade. */
class Lines {
  private buf = '';
  private closedFlag = false;
  private wake: (() => void) | undefined;
  private readonly onData = (s: string): void => {
    this.buf += s;
    this.wake?.();
  };
  private readonly onClose = (): void => {
    this.closedFlag = true;
    this.wake?.();
  };

  constructor(readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', () => undefined);
  }

  static async tls(port: number, ca: string): Promise<Lines> {
    const socket = tls.connect({ host: '127.0.0.1', port, ca });
    await bounded(new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    }), 'the TLS handshake');
    return new Lines(socket);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

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
    this.socket.write(Buffer.from(data, 'latin1'));
    return this.replies(n);
  }

  async waitClosed(): Promise<void> {
    await bounded(new Promise<void>((resolve) => {
      const check = (): void => (this.closedFlag ? resolve() : void (this.wake = check));
      check();
    }), 'the server to close the connection');
  }

  /** After "220 Ready to start TLS": the handshake on the same socket, verified against `ca`. */
  async startTLS(ca: string): Promise<Lines> {
    assert.equal(this.buf, '', 'nothing may follow the 220 before the handshake');
    this.socket.off('data', this.onData);
    this.socket.off('close', this.onClose);
    const secure = tls.connect({ socket: this.socket, host: '127.0.0.1', ca });
    await bounded(new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    }), 'the STARTTLS handshake');
    return new Lines(secure);
  }

  close(): void {
    this.socket.destroy();
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netkit-smtp-tls-'));
}

const newMail = (dir: string): string[] => readdirSync(join(dir, 'md', 'new')).map((f) => readFileSync(join(dir, 'md', 'new', f), 'utf8'));

/** The stderr of a running server once it matches `re` (the log is gathered for a moment). */
async function stderrMatching(s: RunningSmtp, re: RegExp): Promise<string> {
  return bounded(new Promise<string>((resolve) => {
    const poll = (): void => (re.test(s.stderr()) ? resolve(s.stderr()) : void setTimeout(poll, 10));
    poll();
  }), `stderr to match ${re}: ${JSON.stringify(s.stderr())}`);
}

/** Writes a certificate and its key (separately, and as one PEM) into dir. */
function writeCert(dir: string): { certPem: string } {
  const c = makeSelfSignedCert({});
  writeFileSync(join(dir, 'cert.pem'), c.certPem);
  writeFileSync(join(dir, 'key.pem'), c.keyPem);
  writeFileSync(join(dir, 'both.pem'), c.certPem + c.keyPem);
  const encrypted = createPrivateKey(c.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'kennwort' });
  writeFileSync(join(dir, 'enc-key.pem'), encrypted);
  writeFileSync(join(dir, 'right'), 'kennwort\n');
  writeFileSync(join(dir, 'wrong'), 'passwort\n');
  return { certPem: c.certPem };
}

test('--smtps --tls-self-signed --tls-cert-out: a client trusting the PEM sends a message into --maildir; a plain client gets no greeting', async () => {
  const dir = tempDir();
  try {
    const s = await serveSmtp(['127.0.0.1:0', '--smtps', '--tls-self-signed', '--tls-cert-out', 'cert.pem', '--maildir', 'md', '--hostname', 'mx.test'], dir);
    try {
      assert.match(s.stderr(), /^TLS: self-signed certificate, SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\n/m);
      assert.match(s.stderr(), /Serving SMTP on 127\.0\.0\.1 port \d+ \(maildir, implicit TLS\) \.\.\./);
      const ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
      assert.match(ca, /^-----BEGIN CERTIFICATE-----\n/);

      // A plain-text client: the server waits for a ClientHello, so an SMTP command is no
      // handshake; it gets no 220 (nothing SMTP at all) and the connection is closed.
      const plain = net.connect({ host: '127.0.0.1', port: s.port });
      let got = Buffer.alloc(0);
      plain.on('data', (b: Buffer) => (got = Buffer.concat([got, b])));
      plain.on('error', () => undefined);
      plain.once('connect', () => plain.write('EHLO plain.test\r\n'));
      await bounded(new Promise((resolve) => plain.once('close', resolve)), 'the plain connection to be closed');
      assert.ok(!got.toString('latin1').includes('220'), `plain client got ${JSON.stringify(got.toString('latin1'))}`);
      assert.ok(!/SMTP|ESMTP|mx\.test/.test(got.toString('latin1')));

      // Verified against the written PEM (hostname check against the 127.0.0.1 IP SAN).
      const c = await Lines.tls(s.port, ca);
      try {
        assert.equal(await c.replies(1), GREETING);
        const ehlo = await c.step('EHLO client.test\r\n', 1);
        assert.match(ehlo, /^250-mx\.test\r\n/);
        assert.doesNotMatch(ehlo, /STARTTLS/);
        const log = await c.step('MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 3);
        assert.equal(log, '250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
        assert.equal(await c.step('Subject: over TLS\r\n\r\nsecret\r\n.\r\n', 1), '250 OK\r\n');
        assert.equal(await c.step('QUIT\r\n', 1), '221 Bye\r\n');
      } finally {
        c.close();
      }
      assert.deepEqual(newMail(dir), ['Return-Path: <a@x>\nSubject: over TLS\n\nsecret\n']);
      assert.match(await stderrMatching(s, /"250 OK"/), /from=<a@x> to=\['b@y'\] size=\d+ tls "250 OK"/);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const requirePeers = process.env['NETKIT_REQUIRE_PEERS'] === '1';
const hasPython = !spawnSync('python3', ['--version'], { stdio: 'ignore', timeout: 10_000 }).error;

test('python3 smtplib.SMTP_SSL trusting --tls-cert-out sends into --smtps', { skip: hasPython || requirePeers ? false : 'python3 not installed' }, async () => {
  const dir = tempDir();
  try {
    const s = await serveSmtp(['127.0.0.1:0', '--smtps', '--tls-self-signed', '--tls-cert-out', 'cert.pem', '--maildir', 'md', '--hostname', 'mx.test'], dir);
    try {
      const script = [
        'import smtplib, ssl, sys',
        "ctx = ssl.create_default_context(cafile='cert.pem')",
        "s = smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[1]), context=ctx, timeout=10)",
        "print(s.ehlo()[0], 'starttls' in s.esmtp_features)",
        "print(s.sendmail('a@x', ['b@y', 'c@z'], b'Subject: smtps\\r\\n\\r\\nfrom python\\r\\n'))",
        'print(s.quit()[0])',
      ].join('\n');
      const child = spawn('python3', ['-c', script, String(s.port)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const stop = supervise(child, 10_000);
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
      try {
        const code = await bounded(new Promise<number | null>((resolve) => child.once('close', resolve)), 'python3 to finish', 30_000);
        assert.equal(code, 0, out);
      } finally {
        await stop();
      }
      assert.equal(out, '250 False\n{}\n221\n');
      assert.deepEqual(newMail(dir), ['Return-Path: <a@x>\nSubject: smtps\n\nfrom python\n']);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('STARTTLS with --tls-cert/--tls-key and --require-tls: 530 before the handshake, the transaction after it', async () => {
  const dir = tempDir();
  try {
    const { certPem } = writeCert(dir);
    const s = await serveSmtp(['127.0.0.1:0', '--tls-cert', 'cert.pem', '--tls-key', 'key.pem', '--require-tls', '--maildir', 'md', '--hostname', 'mx.test'], dir);
    try {
      assert.match(s.stderr(), /\(maildir, STARTTLS\)/);
      const plain = new Lines(net.connect({ host: '127.0.0.1', port: s.port }));
      let c: Lines | undefined;
      try {
        assert.equal(await plain.replies(1), GREETING);
        assert.match(await plain.step('EHLO client.test\r\n', 1), /^250-mx\.test\r\n(250-.*\r\n)*250-STARTTLS\r\n/);
        assert.equal(await plain.step('MAIL FROM:<a@x>\r\n', 1), '530 Must issue a STARTTLS command first\r\n');
        assert.equal(await plain.step('RCPT TO:<b@y>\r\n', 1), '530 Must issue a STARTTLS command first\r\n');
        assert.equal(await plain.step('DATA\r\n', 1), '530 Must issue a STARTTLS command first\r\n');
        assert.equal(await plain.step('VRFY b@y\r\n', 1), '530 Must issue a STARTTLS command first\r\n');
        assert.equal(await plain.step('NOOP\r\n', 1), '250 OK\r\n');
        assert.equal(await plain.step('STARTTLS\r\n', 1), '220 Ready to start TLS\r\n');
        c = await plain.startTLS(certPem);
        // The session starts over (RFC 3207): EHLO again, STARTTLS no longer offered.
        const ehlo = await c.step('EHLO client.test\r\n', 1);
        assert.match(ehlo, /^250-mx\.test\r\n/);
        assert.doesNotMatch(ehlo, /STARTTLS/);
        assert.equal(await c.step('STARTTLS\r\n', 1), '503 Error: TLS already active\r\n');
        assert.equal(await c.step('MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 3), '250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
        assert.equal(await c.step('Subject: upgraded\r\n\r\nhi\r\n.\r\n', 1), '250 OK\r\n');
        assert.equal(await c.step('QUIT\r\n', 1), '221 Bye\r\n');
      } finally {
        c?.close();
        plain.close();
      }
      assert.deepEqual(newMail(dir), ['Return-Path: <a@x>\nSubject: upgraded\n\nhi\n']);
      assert.match(await stderrMatching(s, /"250 OK"/), /from=<a@x> to=\['b@y'\] size=\d+ tls "250 OK"/);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('STARTTLS with the key inside --tls-cert, and with an encrypted --tls-key and --tls-password-file', async () => {
  const dir = tempDir();
  try {
    const { certPem } = writeCert(dir);
    for (const args of [['--tls-cert', 'both.pem'], ['--tls-cert', 'cert.pem', '--tls-key', 'enc-key.pem', '--tls-password-file', 'right']]) {
      const s = await serveSmtp(['127.0.0.1:0', ...args, '--hostname', 'mx.test', '--jsonl', 'out.jsonl'], dir);
      try {
        const plain = new Lines(net.connect({ host: '127.0.0.1', port: s.port }));
        let c: Lines | undefined;
        try {
          await plain.replies(1);
          assert.equal(await plain.step('EHLO client.test\r\nSTARTTLS\r\n', 2).then((t) => t.split('\r\n').at(-2)), '220 Ready to start TLS', args.join(' '));
          c = await plain.startTLS(certPem);
          assert.match(await c.step('EHLO client.test\r\n', 1), /^250-mx\.test\r\n/);
          assert.equal(await c.step('NOOP\r\n', 1), '250 OK\r\n');
        } finally {
          c?.close();
          plain.close();
        }
      } finally {
        assert.equal(await stopSmtp(s), 0);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--smtps with a --tls-password-file that does not open the key: exit 6 before listening', async () => {
  const dir = tempDir();
  try {
    writeCert(dir);
    await assert.rejects(
      serveSmtp(['127.0.0.1:0', '--smtps', '--tls-cert', 'cert.pem', '--tls-key', 'enc-key.pem', '--tls-password-file', 'wrong'], dir),
      /exited 6 before listening: .*TLS: cannot use the certificate and key: .*bad decrypt/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The same key and wrong password without --smtps: the STARTTLS context is built before
// listening (server.ts), so the server exits 6 rather than answer "220 Ready to start TLS"
// and die of a "bad decrypt" at the first handshake. Run in its own process, as a failure
// would take the test runner down with it.
test('STARTTLS with a --tls-password-file that does not open the key: exit 6 before listening, as --smtps', async () => {
  const dir = tempDir();
  try {
    writeCert(dir);
    const run = new URL('../../src/cli/run.ts', import.meta.url).href;
    const args = ['netkit', 'serve', 'smtp', '127.0.0.1:0', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'enc-key.pem'), '--tls-password-file', join(dir, 'wrong'), '--port-file', join(dir, 'port')];
    const script = `process.argv.splice(1, process.argv.length, ...${JSON.stringify(args)}); (await import(${JSON.stringify(run)})).runProcess();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'ignore', 'pipe'] });
    const stop = supervise(child, 10_000);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    try {
      // Either it exits (what is wanted) or it writes the port file (it listens with a key it cannot use).
      const listening = await bounded(new Promise<boolean>((resolve) => {
        const poll = (): void => {
          if (child.exitCode !== null) resolve(false);
          else if (existsSync(join(dir, 'port'))) resolve(true);
          else void waitExit(child, 20).then(poll);
        };
        poll();
      }), 'the server to exit or listen');
      assert.equal(listening, false, 'the server listens with a key it cannot use');
      assert.equal(child.exitCode, 6);
      assert.match(stderr, /TLS: cannot use the certificate and key: .*bad decrypt/);
    } finally {
      await stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--idle-timeout 0.3: a silent client gets the 421 after the silence, then the connection closes', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '--idle-timeout', '0.3', '--hostname', 'mx.test']);
  try {
    const c = await RawSmtp.connect(s.port);
    try {
      assert.equal(await c.replies(1), GREETING);
      assert.equal(await c.step('HELO client.test\r\n', 1), '250 mx.test\r\n');
      const quiet = performance.now();
      assert.equal(await c.replies(1), '421 mx.test Error: timeout exceeded\r\n');
      const waited = performance.now() - quiet;
      assert.ok(waited >= 250, `421 after ${waited} ms of silence`);
      await c.waitClosed();
    } finally {
      c.close();
    }
    // The server goes on.
    const d = await RawSmtp.connect(s.port);
    try {
      assert.equal(await d.replies(1), GREETING);
      assert.equal(await d.step('NOOP\r\n', 1), '250 OK\r\n');
    } finally {
      d.close();
    }
  } finally {
    assert.equal(await stopSmtp(s), 0);
  }
});

test('--idle-timeout 0.3 over --smtps: the 421 comes inside TLS, then the close', async () => {
  const dir = tempDir();
  try {
    const s = await serveSmtp(['127.0.0.1:0', '--smtps', '--tls-self-signed', '--tls-cert-out', 'cert.pem', '--idle-timeout', '0.3', '--hostname', 'mx.test'], dir);
    try {
      const c = await Lines.tls(s.port, readFileSync(join(dir, 'cert.pem'), 'utf8'));
      try {
        assert.equal(await c.replies(1), GREETING);
        const quiet = performance.now();
        assert.equal(await c.replies(1), '421 mx.test Error: timeout exceeded\r\n');
        assert.ok(performance.now() - quiet >= 250);
        await c.waitClosed();
      } finally {
        c.close();
      }
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Silence inside DATA is the client's silence too: the 421 comes and the session ends
// (only a delivery the server itself is still storing holds the timeout off).
test('--idle-timeout 0.3: a client silent inside DATA gets the 421 too', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '--idle-timeout', '0.3', '--hostname', 'mx.test']);
  const c = await RawSmtp.connect(s.port);
  try {
    await c.replies(1);
    assert.equal(await c.step('HELO client.test\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 4), '250 mx.test\r\n250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
    await c.step('Subject: half a message\r\n', 0);
    assert.equal(await bounded(c.replies(1), 'the 421 of a stalled DATA', 2000), '421 mx.test Error: timeout exceeded\r\n');
    await c.waitClosed();
  } finally {
    c.close();
    s.interrupt();
  }
  // No session is left inside DATA, so the interrupt needs no grace period.
  assert.equal(await bounded(s.exit, 'the server to exit', 3000), 0);
});
