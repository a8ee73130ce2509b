// CLI goldens for `netkit smtp send|probe|verify|expn` against the scripted fake server:
// stdout lines, stderr, exit codes (0, 2, 3, 4, 5, 6, 7), --json, --dry-run, --debug masking,
// --quit-after, credentials, several messages over one connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../peers/daemon.js';
import { startFakeSMTP, type FakeSMTPOptions, type FakeSMTPServer } from '../fakes/smtp-fake.js';
import { makeTestCert } from '../fakes/tls-cert.js';

const cert = makeTestCert();
test.after(() => cert.cleanup());
const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-cli-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function withFake(opts: FakeSMTPOptions, body: (server: FakeSMTPServer, server_: string) => Promise<void>): Promise<void> {
  const server = await startFakeSMTP({ cert, ...opts });
  try {
    await body(server, `127.0.0.1:${server.port}`);
  } finally {
    await server.close();
  }
}

const base = ['--ehlo', 'client.test'];

test('send composed: one line per recipient, Bcc only in the envelope, exit 0', async () => {
  await withFake({ afterData: () => '250 2.0.0 Ok: queued as ABC' }, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--bcc', 'hidden@x.test', '--subject', 'hi', '--body', 'hello\n.dot']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'accepted b@x.test 250 2.0.0 Ok: queued as ABC\naccepted hidden@x.test 250 2.0.0 Ok: queued as ABC\n');
    assert.deepEqual(server.commands().filter((c) => /^(mail|rcpt)/.test(c)), ['mail FROM:<a@x.test>', 'rcpt TO:<b@x.test>', 'rcpt TO:<hidden@x.test>']);
    const msg = server.messages()[0]!.toString();
    assert.match(msg, /^Subject: hi\r$/m);
    assert.doesNotMatch(msg, /hidden/);
    assert.match(msg, /\r\n\.dot\r\n/);
  });
});

test('send --message twice: both over one connection, line ends made CRLF', async () => {
  const m1 = file('m1.eml', 'From: a@x.test\nTo: b@x.test\nSubject: one\n\nbody one\n');
  const m2 = file('m2.eml', 'From: a@x.test\nTo: c@x.test\nSubject: two\n\nbody two\n');
  await withFake({}, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '-m', m1, '--message', m2]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.sessions.length, 1);
    assert.deepEqual(server.messages().map((m) => m.toString()), ['From: a@x.test\r\nTo: b@x.test\r\nSubject: one\r\n\r\nbody one\r\n', 'From: a@x.test\r\nTo: c@x.test\r\nSubject: two\r\n\r\nbody two\r\n']);
    assert.equal(r.stdout, 'accepted b@x.test 250 OK: queued\naccepted c@x.test 250 OK: queued\n');
  });
});

test('some recipients refused → exit 7 with sendmail()s dict on stderr; --json has per-recipient records', async () => {
  const on = { RCPT: (l: string) => (l.includes('bad') ? '550 5.1.1 <bad@x.test>: unknown' : undefined) };
  await withFake({ on }, async (_server, s) => {
    const args = ['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'ok@x.test', '--to', 'bad@x.test', '--body', 'x'];
    const r = await runCli(args);
    assert.equal(r.code, 7);
    assert.equal(r.stdout, 'accepted ok@x.test 250 OK: queued\nrefused bad@x.test 550 5.1.1 <bad@x.test>: unknown\n');
    assert.equal(r.stderr, "netkit: smtp send: some recipients were refused: {'bad@x.test': (550, b'5.1.1 <bad@x.test>: unknown')}\n");
    const j = await runCli([...args, '--json']);
    assert.equal(j.code, 7);
    const doc = JSON.parse(j.stdout);
    assert.deepEqual(doc.refused, { 'bad@x.test': { smtp_code: 550, smtp_error: '5.1.1 <bad@x.test>: unknown' } });
    assert.deepEqual(doc.messages[0].recipients[1], { recipient: 'bad@x.test', accepted: false, smtp_code: 550, smtp_error: '5.1.1 <bad@x.test>: unknown' });
    assert.equal(doc.server.protocol, 'smtp');
  });
});

test('all refused → exit 5 with SMTPRecipientsRefused; sender refused → SMTPSenderRefused', async () => {
  await withFake({ on: { RCPT: () => '554 5.7.1 Relay access denied' } }, async (_server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@y.test', '--body', 'x']);
    assert.equal(r.code, 5);
    assert.equal(r.stderr, 'netkit: smtp send: SMTPRecipientsRefused: all recipients were refused: b@y.test: 554 5.7.1 Relay access denied\n');
    const j = await runCli(['smtp', 'send', '--json', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@y.test', '--body', 'x']);
    assert.equal(JSON.parse(j.stderr).error.python, 'smtplib.SMTPRecipientsRefused');
    assert.equal(JSON.parse(j.stdout).messages[0].error.recipients['b@y.test'].smtp_code, 554);
  });
  await withFake({ on: { MAIL: () => '553 5.1.8 sender rejected' } }, async (_server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@y.test', '--body', 'x']);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /^netkit: smtp send: SMTPSenderRefused: sender a@x\.test refused: 553 5\.1\.8 sender rejected\n$/);
  });
});

test('--dry-run prints the envelope and message without connecting', async () => {
  const r = await runCli(['smtp', 'send', '--dry-run', '--mail-from', 'env@x.test', '--rcpt', 'r@x.test', '-m', file('d.eml', 'Subject: s\n\nhi\n')]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'MAIL FROM:<env@x.test>\nRCPT TO:<r@x.test>\nDATA\nSubject: s\r\n\r\nhi\r\n.\n');
});

test('--starttls: not offered → exit 6, nothing sent in plaintext; offered → verified with --cacert', async (t) => {
  await withFake({}, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--starttls', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(r.code, 6);
    assert.equal(r.stderr, 'netkit: smtp send: SMTPNotSupportedError: STARTTLS extension not supported by server.\n');
    assert.deepEqual(server.commands(), ['ehlo client.test', 'quit']);
  });
  if (cert.skip) return t.skip(cert.skip);
  await withFake({ ehlo: ['STARTTLS'] }, async (server, s) => {
    const bad = await runCli(['smtp', 'send', '--server', s, ...base, '--starttls', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(bad.code, 6);
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--starttls', '--cacert', cert.certPath, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.sessions.at(-1)!.tls, true);
    const k = await runCli(['smtp', 'send', '--server', s, ...base, '--starttls', '-k', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(k.code, 0);
    assert.match(k.stderr, /warning: TLS certificate verification is OFF \(-k\/--insecure\)/);
  });
});

test('login: NETKIT_PASSWORD, --password-file; refused → exit 4; no password and no TTY → exit 2; --debug masks', async () => {
  const ok = Buffer.from('\0alice\0pw1').toString('base64');
  await withFake({ ehlo: ['AUTH PLAIN LOGIN'], on: { AUTH: (l) => (l === `AUTH PLAIN ${ok}` ? '235 2.7.0 ok' : '535 5.7.8 bad credentials') } }, async (_server, s) => {
    const args = ['smtp', 'send', '--server', s, ...base, '-u', 'alice', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x'];
    const r = await runCli([...args, '--debug'], { env: { NETKIT_PASSWORD: 'pw1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^send: 'AUTH PLAIN \*\*\*\*\\r\\n'$/m);
    assert.ok(!r.stderr.includes(ok));
    assert.equal((await runCli([...args, '--password-file', file('pw', 'pw1\n')])).code, 0);
    const bad = await runCli(args, { env: { NETKIT_PASSWORD: 'nope' } });
    assert.equal(bad.code, 4);
    assert.equal(bad.stderr, 'netkit: smtp send: SMTPAuthenticationError: 535 5.7.8 bad credentials\n');
    assert.equal((await runCli(args)).code, 2);
  });
});

test('--quit-after rcpt: MAIL and RCPT, then QUIT, no DATA', async () => {
  await withFake({ ehlo: ['SIZE 1000'] }, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--mail-from', 'a@x.test', '--rcpt', 'b@x.test', '-m', file('q.eml', 'Subject: q\n\nx\n'), '--quit-after', 'rcpt']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'rcpt b@x.test 250 OK\n');
    assert.deepEqual(server.commands(), ['ehlo client.test', 'mail FROM:<a@x.test> size=17', 'rcpt TO:<b@x.test>', 'quit']);
    const e = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--quit-after', 'ehlo']);
    assert.equal(e.code, 0);
    assert.deepEqual(server.sessions.at(-1)!.commands, ['ehlo client.test', 'quit']);
  });
});

test('CR/LF in an envelope address → exit 2 before anything is sent; connection refused → exit 3', async () => {
  await withFake({}, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--mail-from', 'a@x.test\r\nRSET', '--rcpt', 'b@x.test', '-m', file('i.eml', 'x\n')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /prohibited newline characters/);
    assert.ok(!server.commands().some((c) => c.startsWith('mail') || c === 'RSET'));
  });
  const port = await freePort();
  const r = await runCli(['smtp', 'send', '--server', `smtp://127.0.0.1:${port}`, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
  assert.equal(r.code, 3);
});

test('verify and expn: one line per address or member', async () => {
  await withFake({ on: { VRFY: (l) => (l.endsWith('bob@x.test') ? '250 Bob <bob@x.test>' : '550 unknown'), EXPN: () => '250-Ann <ann@x.test>\n250 Bob <bob@x.test>' } }, async (_server, s) => {
    const v = await runCli(['smtp', 'verify', '--server', s, ...base, 'Bob <bob@x.test>', 'zed@x.test']);
    assert.equal(v.stdout, 'Bob <bob@x.test> 250 Bob <bob@x.test>\nzed@x.test 550 unknown\n');
    assert.equal(v.code, 7);
    const e = await runCli(['smtp', 'expn', '--server', s, ...base, 'staff']);
    assert.equal(e.stdout, 'staff 250 Ann <ann@x.test>\nstaff 250 Bob <bob@x.test>\n');
    assert.equal(e.code, 0);
    const j = await runCli(['smtp', 'expn', '--json', '--server', s, ...base, 'staff']);
    assert.deepEqual(JSON.parse(j.stdout), { list: 'staff', smtp_code: 250, members: ['Ann <ann@x.test>', 'Bob <bob@x.test>'] });
  });
});

test('probe: greeting, EHLO before and after STARTTLS, the certificate', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  await withFake({ ehlo: ['SIZE 1000', 'STARTTLS'], ehloTls: ['SIZE 1000', 'AUTH PLAIN LOGIN'] }, async (_server, s) => {
    const r = await runCli(['smtp', 'probe', s, ...base, '--cacert', cert.certPath, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.greeting.smtp_code, 220);
    assert.deepEqual(doc.ehlo.lines, ['SIZE 1000', 'STARTTLS']);
    assert.deepEqual(doc.ehlo_tls.auth_mechanisms, ['PLAIN', 'LOGIN']);
    assert.equal(doc.tls.authorized, true);
    assert.match(doc.tls.certificate.subject, /CN=localhost/);
    const h = await runCli(['smtp', 'probe', s, ...base, '--cacert', cert.certPath]);
    assert.match(h.stdout, /^auth {8}PLAIN LOGIN$/m);
    const unverified = await runCli(['smtp', 'probe', s, ...base]);
    assert.equal(unverified.code, 6);
    assert.match(unverified.stdout, /^starttls {4}offered: /m);
  });
});

test('smtps:// is TLS from the first byte, verified; lmtp:// sends LHLO and reads one reply per recipient', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  await withFake({ implicitTls: true }, async (server) => {
    const r = await runCli(['smtp', 'send', '--server', `smtps://127.0.0.1:${server.port}`, ...base, '--cacert', cert.certPath, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).server.tls.authorized, true);
    assert.equal(server.sessions[0]!.tls, true);
    const bad = await runCli(['smtp', 'send', '--server', `smtps://127.0.0.1:${server.port}`, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(bad.code, 6);
    assert.equal((await runCli(['smtp', 'send', '--server', `smtps://127.0.0.1:${server.port}`, '--starttls', '--from', 'a@x.test', '--to', 'b@x.test'])).code, 2);
  });
  await withFake({ afterData: () => '250 2.0.0 <b@x.test> delivered\n550 5.2.2 <c@x.test> mailbox full' }, async (server) => {
    const r = await runCli(['smtp', 'send', '--server', `lmtp://127.0.0.1:${server.port}`, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--to', 'c@x.test', '--body', 'x']);
    assert.equal(r.code, 7);
    assert.equal(r.stdout, 'accepted b@x.test 250 2.0.0 <b@x.test> delivered\nrefused c@x.test 550 5.2.2 <c@x.test> mailbox full\n');
    assert.equal(server.commands()[0], 'lhlo client.test');
  });
});

test('bytes injected before the STARTTLS handshake → exit 6; a silent server → exit 3 within --timeout', async () => {
  await withFake({ ehlo: ['STARTTLS'], on: { STARTTLS: () => Buffer.from('220 ok\r\n250 injected\r\n') } }, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--starttls', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(r.code, 6);
    assert.match(r.stderr, /before the TLS handshake \(injection\)/);
    assert.ok(!server.commands().some((c) => c.startsWith('mail')));
  });
  await withFake({ on: { EHLO: () => Buffer.alloc(0) } }, async (_server, s) => {
    const t0 = performance.now();
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--timeout', '0.3', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(r.code, 3);
    assert.equal(r.stderr, 'netkit: smtp send: SMTPServerDisconnected: Connection unexpectedly closed: timed out\n');
    assert.ok(performance.now() - t0 < 5000);
  });
});

test('--auth XOAUTH2: the token from a file or NETKIT_OAUTH2_TOKEN, a warning for --oauth2-token, exit 2 without one', async () => {
  const expect = `AUTH XOAUTH2 ${Buffer.from('user=me@x.test\x01auth=Bearer tok1\x01\x01').toString('base64')}`;
  await withFake({ ehlo: ['AUTH XOAUTH2 PLAIN'], on: { AUTH: (l) => (l === expect ? '235 ok' : '334 eyJzdGF0dXMiOiI0MDEifQ=='), '*': () => '535 5.7.8 invalid token' } }, async (server, s) => {
    const args = ['smtp', 'send', '--server', s, ...base, '--auth', 'XOAUTH2', '-u', 'me@x.test', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x'];
    assert.equal((await runCli([...args, '--oauth2-token-file', file('tok', 'tok1\n')])).code, 0);
    assert.equal((await runCli(args, { env: { NETKIT_OAUTH2_TOKEN: 'tok1' } })).code, 0);
    const argv = await runCli([...args, '--oauth2-token', 'tok1']);
    assert.equal(argv.code, 0);
    assert.match(argv.stderr, /warning: a token on the command line is visible/);
    const bad = await runCli(args, { env: { NETKIT_OAUTH2_TOKEN: 'wrong' } });
    assert.equal(bad.code, 4);
    assert.equal(server.commands().at(-2), '');
    assert.equal((await runCli(args)).code, 2);
  });
});

test("--message - reads standard input; '-' twice is a usage error; nothing to send is a usage error", async () => {
  await withFake({}, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '-m', '-'], { stdin: 'From: a@x.test\nTo: b@x.test\nBcc: c@x.test\n\nfrom stdin\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'accepted b@x.test 250 OK: queued\naccepted c@x.test 250 OK: queued\n');
    assert.equal(server.messages()[0]!.toString(), 'From: a@x.test\r\nTo: b@x.test\r\n\r\nfrom stdin\r\n');
  });
  assert.equal((await runCli(['smtp', 'send', '--server', '127.0.0.1:1', '-m', '-', '-m', '-'], { stdin: 'x' })).code, 2);
  assert.equal((await runCli(['smtp', 'send', '--server', '127.0.0.1:1'])).code, 2);
  assert.equal((await runCli(['smtp', 'send', '--server', 'http://x', '--from', 'a@x', '--to', 'b@x'])).code, 2);
  assert.equal((await runCli(['smtp', 'send', '--from', 'a@x', '--to', 'b@x'])).code, 2);
});

test('--quit-after connect|ehlo|tls|auth|mail: each stops there with QUIT; tls without TLS is a usage error', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  const ok = Buffer.from('\0alice\0pw1').toString('base64');
  await withFake({ ehlo: ['STARTTLS', 'AUTH PLAIN'], on: { AUTH: (l) => (l === `AUTH PLAIN ${ok}` ? '235 2.7.0 ok' : '535 5.7.8 no') } }, async (server, s) => {
    const send = (...extra: string[]) => runCli(['smtp', 'send', '--server', s, ...base, '--cacert', cert.certPath, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x', ...extra], { env: { NETKIT_PASSWORD: 'pw1' } });
    const cases: Array<[string[], string[]]> = [
      [['--quit-after', 'connect'], ['quit']],
      [['--quit-after', 'tls', '--starttls'], ['ehlo client.test', 'STARTTLS', 'ehlo client.test', 'quit']],
      [['--quit-after', 'auth', '-u', 'alice'], ['ehlo client.test', `AUTH PLAIN ${ok}`, 'quit']],
      [['--quit-after', 'mail'], ['ehlo client.test', 'mail FROM:<a@x.test>', 'quit']],
    ];
    for (const [extra, commands] of cases) {
      const r = await send(...extra);
      assert.equal(r.code, 0, `${extra.join(' ')}: ${r.stderr}`);
      assert.deepEqual(server.sessions.at(-1)!.commands, commands, extra.join(' '));
      assert.equal(server.messages().length, 0);
    }
    const sessions = server.sessions.length;
    const r = await send('--quit-after', 'tls');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--quit-after tls needs --starttls or an smtps:\/\/ server/);
    assert.equal(server.sessions.length, sessions, 'no connection was made');
  });
});

test('composing through the CLI: --cc, --reply-to, --header, --body-file and --html make the message send_message() would send', async () => {
  const bodyFile = file('body.txt', 'plain text body\n');
  const html = file('body.html', '<p>html body</p>\n');
  await withFake({}, async (server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--cc', 'c@x.test', '--reply-to', 'r@x.test', '--subject', 'both', '--header', 'X-Tag: one two', '--body-file', bodyFile, '--html', html]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.commands().filter((c) => /^(mail|rcpt)/.test(c)), ['mail FROM:<a@x.test>', 'rcpt TO:<b@x.test>', 'rcpt TO:<c@x.test>']);
    const msg = server.messages()[0]!.toString();
    assert.match(msg, /^Cc: c@x\.test\r$/m);
    assert.match(msg, /^Reply-To: r@x\.test\r$/m);
    assert.match(msg, /^X-Tag: one two\r$/m);
    assert.match(msg, /^Content-Type: multipart\/alternative;/m);
    assert.match(msg, /plain text body/);
    assert.match(msg, /<p>html body<\/p>/);
    const both = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x', '--body-file', bodyFile]);
    assert.equal(both.code, 2);
    const injected = await runCli(['smtp', 'send', '--dry-run', '--from', 'a@x.test', '--to', 'b@x.test', '--header', 'X-Evil: a\r\nBcc: victim@x.test']);
    assert.equal(injected.code, 2);
    assert.match(injected.stderr, /Header values may not contain linefeed or carriage return characters/);
  });
});

test('DATA refused → exit 5 with SMTPDataError; --dry-run refuses CR/LF in the envelope as a send does', async () => {
  await withFake({ afterData: () => '554 5.6.0 message rejected' }, async (_server, s) => {
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
    assert.equal(r.code, 5);
    assert.equal(r.stderr, 'netkit: smtp send: SMTPDataError: 554 5.6.0 message rejected\n');
  });
  const dry = await runCli(['smtp', 'send', '--dry-run', '--mail-from', 'a@x.test\r\nRSET', '--rcpt', 'b@x.test', '-m', file('dry.eml', 'x\n')]);
  assert.equal(dry.code, 2);
  assert.match(dry.stderr, /prohibited newline characters: mail FROM:a@x\.test\\r\\nRSET/);
  assert.equal(dry.stdout, '');
});

test('--netrc: the login and password for the host come from ~/.netrc', async () => {
  const home = mkdtempSync(join(tmpdir(), 'netkit-smtp-home-'));
  const ok = Buffer.from('\0alice\0from-netrc').toString('base64');
  await withFake({ ehlo: ['AUTH PLAIN'], on: { AUTH: (l) => (l === `AUTH PLAIN ${ok}` ? '235 2.7.0 ok' : '535 5.7.8 no') } }, async (server, s) => {
    writeFileSync(join(home, '.netrc'), 'machine 127.0.0.1 login alice password from-netrc\n', { mode: 0o600 });
    const r = await runCli(['smtp', 'send', '--server', s, ...base, '--netrc', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x', '--debug'], { env: { HOME: home } });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(server.commands().includes(`AUTH PLAIN ${ok}`));
    assert.ok(!r.stderr.includes('from-netrc') && !r.stderr.includes(ok), 'the password stays out of the trace');
  });
});
