// Real clients against netkit serve smtp: python3 smtplib (plain, STARTTLS trusting the
// generated certificate, login() with CRAM-MD5/PLAIN/LOGIN), swaks (STARTTLS + AUTH) and
// curl's SMTP (plain and --ssl-reqd). Skips when a peer is missing unless NETKIT_REQUIRE_PEERS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bounded, serveSmtp, stopSmtp } from '../conformance/smtpd/harness.js';

const require = process.env.NETKIT_REQUIRE_PEERS === '1';
const has = (cmd: string, arg = '--version'): boolean => !spawnSync(cmd, [arg], { stdio: 'ignore', timeout: 10_000 }).error;
const skip = (name: string, ok: boolean): string | false => (ok || require ? false : `${name} not installed`);

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return bounded(new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  }), `${cmd} to finish`, 30_000);
}

async function withServer(extra: string[], body: (port: number, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-peer-'));
  try {
    const s = await serveSmtp(['127.0.0.1:0', '--maildir', 'md', '--tls-self-signed', '--tls-cert-out', 'ca.pem', ...extra], dir);
    try {
      await body(s.port, dir);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const count = (dir: string): number => readdirSync(join(dir, 'md', 'new')).length;

test('python3 smtplib: plain, STARTTLS with the CA, login() for each mechanism', { skip: skip('python3', has('python3')) }, async () => {
  await withServer(['--auth', 'alice:s3cret', '--require-auth'], async (port, dir) => {
    const script = `
import smtplib, ssl, sys
port = int(sys.argv[1])
for mech in ['CRAM-MD5', 'PLAIN', 'LOGIN']:
    s = smtplib.SMTP('127.0.0.1', port, timeout=10)
    s.starttls(context=ssl.create_default_context(cafile='ca.pem'))
    s.ehlo()
    assert 'starttls' not in s.esmtp_features
    if mech == 'CRAM-MD5':
        s.login('alice', 's3cret')
    else:
        s.user, s.password = 'alice', 's3cret'
        s.auth(mech, getattr(s, 'auth_' + mech.lower().replace('-', '_')))
    print(mech, s.sendmail('a@x', ['b@y'], b'Subject: ' + mech.encode() + b'\\r\\n\\r\\nbody\\r\\n'))
    s.quit()
s = smtplib.SMTP('127.0.0.1', port, timeout=10)
try:
    s.login('alice', 'wrong')
except smtplib.SMTPAuthenticationError as e:
    print('refused', e.smtp_code)
try:
    s.sendmail('a@x', ['b@y'], b'x')
except smtplib.SMTPSenderRefused as e:
    print('sender refused', e.smtp_code)
s.quit()
`;
    writeFileSync(join(dir, 'client.py'), script);
    const r = await run('python3', ['client.py', String(port)], dir);
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out, 'CRAM-MD5 {}\nPLAIN {}\nLOGIN {}\nrefused 535\nsender refused 530\n');
    assert.equal(count(dir), 3);
  });
});

// swaks needs Net::SSLeay for STARTTLS (libnet-ssleay-perl); without it AUTH runs in clear.
const swaksTLS = !spawnSync('perl', ['-MNet::SSLeay', '-e', '1'], { stdio: 'ignore', timeout: 10_000 }).status;

test('swaks: STARTTLS (when swaks has TLS) and AUTH LOGIN', { skip: skip('swaks', has('swaks')) }, async () => {
  await withServer(['--auth', 'bob:pw'], async (port, dir) => {
    const r = await run('swaks', ['--server', `127.0.0.1:${port}`, '--to', 'rcpt@example.com', '--from', 'me@example.com', ...(swaksTLS ? ['-tls'] : []), '-a', 'LOGIN', '--auth-user', 'bob', '--auth-password', 'pw', '--timeout', '20'], dir);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /235 Authentication successful/);
    assert.equal(count(dir), 1);
    const file = readFileSync(join(dir, 'md', 'new', readdirSync(join(dir, 'md', 'new'))[0]!), 'utf8');
    assert.match(file, /^Return-Path: <me@example.com>\n/);
  });
});

test("curl's SMTP: plain, and --ssl-reqd trusting the generated certificate", { skip: skip('curl', has('curl')) }, async () => {
  await withServer([], async (port, dir) => {
    writeFileSync(join(dir, 'mail.txt'), 'Subject: from curl\r\n\r\nhello\r\n');
    const plain = await run('curl', ['-sS', `smtp://127.0.0.1:${port}`, '--mail-from', 'a@x', '--mail-rcpt', 'b@y', '-T', 'mail.txt'], dir);
    assert.equal(plain.code, 0, plain.out);
    const secure = await run('curl', ['-sS', `smtp://127.0.0.1:${port}`, '--ssl-reqd', '--cacert', 'ca.pem', '--mail-from', 'a@x', '--mail-rcpt', 'b@y', '-T', 'mail.txt'], dir);
    assert.equal(secure.code, 0, secure.out);
    assert.equal(count(dir), 2);
  });
});
