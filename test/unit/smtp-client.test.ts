// SMTPClient against the scripted fake: smtplib's conversation and refused dict, EHLO→HELO,
// STARTTLS stripping (not advertised, 454, injected bytes), over-long lines, disconnects,
// AUTH order, challenge loops and masking, SIZE, CR/LF injection, LMTP, timeouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPClient, type SMTPClientOptions } from '../../src/protocols/smtp/client/index.js';
import { parseEhloFeatures, quoteaddr, addrOnly } from '../../src/protocols/smtp/client/parse.js';
import {
  SMTPAuthenticationError,
  SMTPCommandError,
  SMTPConnectError,
  SMTPDataError,
  SMTPException,
  SMTPHeloError,
  SMTPNotSupportedError,
  SMTPRecipientsRefused,
  SMTPResponseException,
  SMTPSenderRefused,
  SMTPServerDisconnected,
  SMTPStartTLSInjection,
  SMTPStartTLSRefused,
} from '../../src/protocols/smtp/errors.js';
import { startFakeSMTP, type FakeSMTPOptions, type FakeSMTPServer } from '../fakes/smtp-fake.js';
import { makeTestCert } from '../fakes/tls-cert.js';

const cert = makeTestCert();
test.after(() => cert.cleanup());

async function withFake(opts: FakeSMTPOptions, body: (server: FakeSMTPServer, connect: (extra?: Partial<SMTPClientOptions>) => Promise<SMTPClient>) => Promise<void>): Promise<void> {
  const server = await startFakeSMTP({ cert, ...opts });
  const clients: SMTPClient[] = [];
  try {
    await body(server, async (extra = {}) => {
      const c = await SMTPClient.connect({ host: '127.0.0.1', port: server.port, localHostname: 'client.test', timeoutMs: 5000, tls: { ca: cert.cert }, ...extra });
      clients.push(c);
      return c;
    });
  } finally {
    for (const c of clients) c.close();
    await server.close();
  }
}

const MSG = Buffer.from('Subject: hi\r\n\r\nHello\r\n.dot\r\n');

test('sendmail: the smtplib conversation, size= when SIZE is advertised, dot-stuffing, the trace', async () => {
  await withFake({ ehlo: ['SIZE 1000', '8BITMIME', 'HELP'] }, async (server, connect) => {
    const trace: string[] = [];
    const c = await connect({ debug: (l) => trace.push(l) });
    const r = await c.sendmail('alice@example.com', ['bob@example.com'], MSG);
    assert.equal(r.refused.size, 0);
    await c.quit();
    assert.deepEqual(server.commands(), ['ehlo client.test', `mail FROM:<alice@example.com> size=${MSG.length}`, 'rcpt TO:<bob@example.com>', 'data', 'quit']);
    assert.deepEqual(server.messages(), [MSG]);
    assert.deepEqual(trace.slice(0, 4), [`connect: to ('127.0.0.1', ${server.port}) None`, "reply: b'220 fake.test ESMTP ready\\r\\n'", "reply: retcode (220); Msg: b'fake.test ESMTP ready'", "connect: b'fake.test ESMTP ready'"]);
    assert.ok(trace.includes("reply: retcode (250); Msg: b'fake.test\\nSIZE 1000\\n8BITMIME\\nHELP'"));
    assert.ok(trace.includes("data: (354, b'End data with <CR><LF>.<CR><LF>')"));
    assert.ok(trace.includes("send: b'Subject: hi\\r\\n\\r\\nHello\\r\\n..dot\\r\\n.\\r\\n'"));
    assert.ok(trace.includes("data: (250, b'OK: queued')"));
  });
});

test('sendmail: some refused → the refused dict; all refused → SMTPRecipientsRefused after RSET', async () => {
  const on = { RCPT: (l: string) => (l.includes('bad') ? '550 5.1.1 no such user' : undefined) };
  await withFake({ on }, async (server, connect) => {
    const c = await connect();
    const r = await c.sendmail('a@x', ['good@x', 'bad@x'], MSG);
    assert.deepEqual([...r.refused].map(([k, v]) => [k, v.code, v.msg.toString()]), [['bad@x', 550, '5.1.1 no such user']]);
    await assert.rejects(c.sendmail('a@x', ['bad1@x', 'bad2@x'], MSG), (e: unknown) => {
      assert.ok(e instanceof SMTPRecipientsRefused);
      assert.deepEqual([...e.recipients.keys()], ['bad1@x', 'bad2@x']);
      assert.equal(e.kind, 'refused');
      return true;
    });
    assert.equal(server.commands().at(-1), 'rset');
    assert.equal(server.messages().length, 1);
  });
});

test('sender refused → SMTPSenderRefused then RSET; DATA refused → SMTPDataError', async () => {
  await withFake({ on: { MAIL: (l) => (l.includes('no@') ? '553 sender rejected' : undefined), DATA: () => '554 no data for you' } }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.sendmail('no@x', ['b@x'], MSG), (e: unknown) => e instanceof SMTPSenderRefused && e.smtpCode === 553 && e.sender === 'no@x');
    assert.equal(server.commands().at(-1), 'rset');
    await assert.rejects(c.sendmail('ok@x', ['b@x'], MSG), (e: unknown) => e instanceof SMTPDataError && e.smtpCode === 554);
  });
});

test('EHLO refused → HELO (no ESMTP options); HELO refused → SMTPHeloError', async () => {
  await withFake({ on: { EHLO: () => '502 no ehlo' } }, async (server, connect) => {
    const c = await connect();
    await c.sendmail('a@x', ['b@x'], MSG);
    assert.deepEqual(server.commands().slice(0, 3), ['ehlo client.test', 'helo client.test', 'mail FROM:<a@x>']);
  });
  await withFake({ on: { EHLO: () => '502 no', HELO: () => '501 no' } }, async (_server, connect) => {
    const c = await connect();
    await assert.rejects(c.ehloOrHeloIfNeeded(), (e: unknown) => e instanceof SMTPHeloError && e.smtpCode === 501);
  });
});

test('greeting other than 220 → SMTPConnectError (exit 3)', async () => {
  await withFake({ greeting: '554 go away' }, async (_server, connect) => {
    await assert.rejects(connect(), (e: unknown) => e instanceof SMTPConnectError && e.smtpCode === 554 && e.kind === 'network');
  });
});

test('esmtp_features as smtplib parses them', () => {
  const f = parseEhloFeatures(Buffer.from('host\nSIZE 1000\nAUTH=LOGIN\nAUTH PLAIN CRAM-MD5\n8BITMIME\nX-weird  a b \n-bad'));
  assert.deepEqual([...f], [['size', '1000'], ['auth', ' LOGIN PLAIN CRAM-MD5'], ['8bitmime', ''], ['x-weird', 'a b']]);
  assert.equal(quoteaddr('Alice <a@x>'), '<a@x>');
  assert.equal(quoteaddr('<>'), '<>');
  assert.equal(quoteaddr('a@x'), '<a@x>');
  assert.equal(addrOnly('Bob <b@y>'), 'b@y');
});

test('STARTTLS not advertised → SMTPNotSupportedError (kind tls), nothing more sent', async () => {
  await withFake({ ehlo: ['SIZE 100'] }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.starttls(), (e: unknown) => e instanceof SMTPNotSupportedError && e.message === 'STARTTLS extension not supported by server.' && e.kind === 'tls');
    assert.deepEqual(server.commands(), ['ehlo client.test']);
  });
});

test('STARTTLS answered 454 → SMTPResponseException (kind tls), never plaintext', async () => {
  await withFake({ ehlo: ['STARTTLS'], on: { STARTTLS: () => '454 4.7.0 TLS not available' } }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.starttls(), (e: unknown) => e instanceof SMTPStartTLSRefused && e.smtpCode === 454 && e.kind === 'tls' && e.python === 'smtplib.SMTPResponseException');
    assert.deepEqual(server.commands(), ['ehlo client.test', 'STARTTLS']);
  });
});

test('bytes injected after the 220 to STARTTLS → SMTPStartTLSInjection, connection closed', async () => {
  await withFake({ ehlo: ['STARTTLS'], on: { STARTTLS: () => Buffer.from('220 go ahead\r\n250-injected\r\n') } }, async (_server, connect) => {
    const c = await connect();
    await assert.rejects(c.starttls(), (e: unknown) => e instanceof SMTPStartTLSInjection && e.kind === 'tls');
    assert.equal(c.connected, false);
  });
});

test('STARTTLS: verified handshake, EHLO state forgotten and read again over TLS', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  await withFake({ ehlo: ['STARTTLS', 'SIZE 10'], ehloTls: ['AUTH PLAIN', 'SIZE 2000'] }, async (server, connect) => {
    const c = await connect();
    const info = await c.starttls();
    assert.equal(info.authorized, true);
    assert.equal(c.hasExtn('starttls'), false);
    assert.equal(c.esmtpFeatures.size, 0);
    await c.sendmail('a@x', ['b@x'], MSG);
    assert.equal(c.esmtpFeatures.get('size'), '2000');
    assert.deepEqual(server.commands(), ['ehlo client.test', 'STARTTLS', 'ehlo client.test', `mail FROM:<a@x> size=${MSG.length}`, 'rcpt TO:<b@x>', 'data']);
    assert.equal(server.sessions[0]!.tls, true);
  });
});

test('STARTTLS with an unknown CA → TLS error (kind tls)', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  await withFake({ ehlo: ['STARTTLS'] }, async (_server, connect) => {
    const c = await connect({ tls: {} });
    await assert.rejects(c.starttls(), (e: unknown) => (e as { kind?: string }).kind === 'tls');
  });
});

test('a reply line over 8192 bytes → SMTPResponseException(500, Line too long.)', async () => {
  await withFake({ on: { NOOP: () => Buffer.from('250 ' + 'x'.repeat(9000) + '\r\n') } }, async (_server, connect) => {
    const c = await connect();
    await assert.rejects(c.noop(), (e: unknown) => e instanceof SMTPResponseException && e.smtpCode === 500 && e.smtpError.toString() === 'Line too long.');
  });
});

test('a reply of endless continuation lines stops at 1,000 lines → SMTPResponseException(500); 1,000 are read', async () => {
  await withFake({ on: { NOOP: () => Buffer.from('250-x\r\n'.repeat(1000) + '250 end\r\n'), HELP: () => Buffer.from('214-x\r\n'.repeat(999) + '214 end\r\n') } }, async (_server, connect) => {
    const c = await connect();
    const help = await c.docmd('HELP');
    assert.equal(help.code, 214);
    assert.equal(help.msg.toString().split('\n').length, 1000);
    await assert.rejects(c.noop(), (e: unknown) => e instanceof SMTPResponseException && e.smtpCode === 500 && e.smtpError.toString() === 'Reply too long (more than 1000 lines).');
    assert.equal(c.connected, false);
  });
});

test('disconnect mid-conversation → SMTPServerDisconnected (kind network)', async () => {
  await withFake({ on: { MAIL: () => ({ close: true }) } }, async (_server, connect) => {
    const c = await connect();
    await assert.rejects(c.sendmail('a@x', ['b@x'], MSG), (e: unknown) => e instanceof SMTPServerDisconnected && e.message === 'Connection unexpectedly closed' && e.kind === 'network');
  });
});

test('a server that never answers → SMTPServerDisconnected (timed out) within the timeout', async () => {
  await withFake({ on: { NOOP: () => Buffer.alloc(0) } }, async (_server, connect) => {
    const c = await connect({ timeoutMs: 200 });
    const t0 = performance.now();
    await assert.rejects(c.noop(), (e: unknown) => e instanceof SMTPServerDisconnected && e.message === 'Connection unexpectedly closed: timed out');
    assert.ok(performance.now() - t0 < 3000);
  });
});

test('login: CRAM-MD5 refused, then PLAIN; secrets masked in the trace', async () => {
  const on = { AUTH: (l: string) => (l.startsWith('AUTH CRAM-MD5') ? '334 PDEyMzQ1QGZha2U+' : l.startsWith('AUTH PLAIN') ? '235 ok' : undefined) };
  await withFake({ ehlo: ['AUTH LOGIN PLAIN CRAM-MD5'], on: { ...on, '*': () => '535 bad digest' } }, async (server, connect) => {
    const trace: string[] = [];
    const c = await connect({ debug: (l) => trace.push(l) });
    const r = await c.login({ user: 'alice', password: 'sekret' });
    assert.equal(r.code, 235);
    const cmds = server.commands();
    assert.equal(cmds[1], 'AUTH CRAM-MD5');
    assert.equal(cmds[3], `AUTH PLAIN ${Buffer.from('\0alice\0sekret').toString('base64')}`);
    assert.ok(trace.includes("send: '****\\r\\n'"));
    assert.ok(trace.includes("send: 'AUTH PLAIN ****\\r\\n'"));
    assert.ok(!trace.join('\n').includes(Buffer.from('\0alice\0sekret').toString('base64')));
  });
});

test('login: LOGIN answers user then password; all failing → the last SMTPAuthenticationError (kind auth)', async () => {
  const on = {
    AUTH: (l: string) => (l.startsWith('AUTH LOGIN') ? '334 UGFzc3dvcmQ6' : '535 no'),
    [Buffer.from('pw').toString('base64')]: () => '535 5.7.8 bad password',
  };
  await withFake({ ehlo: ['AUTH LOGIN'], on }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.login({ user: 'u', password: 'pw' }), (e: unknown) => e instanceof SMTPAuthenticationError && e.smtpCode === 535 && e.kind === 'auth');
    assert.deepEqual(server.commands().slice(1), [`AUTH LOGIN ${Buffer.from('u').toString('base64')}`, Buffer.from('pw').toString('base64')]);
  });
});

test('an endless AUTH challenge loop stops after _MAXCHALLENGE answers', async () => {
  await withFake({ ehlo: ['AUTH LOGIN'], on: { AUTH: () => '334 VXNlcm5hbWU6', '*': () => '334 VXNlcm5hbWU6' } }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.login({ user: 'u', password: 'p' }), (e: unknown) => e instanceof SMTPException && /^Server AUTH mechanism infinite loop\. Last response: \(334, b'VXNlcm5hbWU6'\)$/.test(e.message));
    assert.equal(server.commands().length, 1 + 1 + 5);
  });
});

test('no AUTH advertised → SMTPNotSupportedError; XOAUTH2 via --auth', async () => {
  await withFake({}, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.login({ user: 'u', password: 'p' }), (e: unknown) => e instanceof SMTPNotSupportedError && e.message === 'SMTP AUTH extension not supported by server.');
    await c.login({ user: 'u', token: 'tok' }, 'XOAUTH2');
    assert.equal(server.commands().at(-1), `AUTH XOAUTH2 ${Buffer.from('user=u\x01auth=Bearer tok\x01\x01').toString('base64')}`);
  });
});

test('a message over the advertised SIZE is refused before MAIL', async () => {
  await withFake({ ehlo: ['SIZE 10'] }, async (server, connect) => {
    const c = await connect();
    await assert.rejects(c.sendmail('a@x', ['b@x'], MSG), (e: unknown) => e instanceof SMTPSenderRefused && e.smtpCode === 552);
    assert.deepEqual(server.commands(), ['ehlo client.test']);
  });
});

test('CR/LF in an address or argument → ValueError (bpo-43124), nothing sent', async () => {
  await withFake({}, async (server, connect) => {
    const c = await connect();
    await c.ehloOrHeloIfNeeded();
    await assert.rejects(c.sendmail('a@x\r\nRCPT TO:<evil@x>', ['b@x'], MSG), (e: unknown) => e instanceof SMTPCommandError && e.python === 'ValueError' && e.message === 'command and arguments contain prohibited newline characters: mail FROM:a@x\\r\\nRCPT TO:<evil@x>');
    assert.throws(() => c.putcmd('vrfy', 'a\nb'), /prohibited newline characters: vrfy a\\nb/);
    assert.deepEqual(server.commands(), ['ehlo client.test']);
  });
});

test('SMTPUTF8: refused when not advertised; used (UTF-8 commands) when it is', async () => {
  await withFake({ ehlo: ['SMTPUTF8', '8BITMIME'] }, async (server, connect) => {
    const c = await connect();
    await c.sendmail('ä@x', ['b@x'], MSG, { mailOptions: ['SMTPUTF8', 'BODY=8BITMIME'] });
    assert.equal(server.commands()[1], 'mail FROM:<ä@x> SMTPUTF8 BODY=8BITMIME');
  });
  await withFake({ ehlo: ['8BITMIME'] }, async (_server, connect) => {
    const c = await connect();
    await assert.rejects(c.sendmail('ä@x', ['b@x'], MSG, { mailOptions: ['SMTPUTF8'] }), (e: unknown) => e instanceof SMTPNotSupportedError && e.message === 'SMTPUTF8 not supported by server');
    await assert.rejects(c.sendmail('ä@x', ['b@x'], MSG), (e: unknown) => e instanceof SMTPCommandError && e.python === 'UnicodeEncodeError');
  });
});

test('LMTP: LHLO, and one reply per accepted recipient after DATA', async () => {
  await withFake({ afterData: () => '250 2.0.0 ok\n452 4.2.2 mailbox full' }, async (server, connect) => {
    const c = await connect({ protocol: 'lmtp' });
    const r = await c.sendmail('a@x', ['b@x', 'c@x'], MSG);
    assert.equal(server.commands()[0], 'lhlo client.test');
    assert.deepEqual([...r.refused.keys()], ['c@x']);
    assert.equal(r.refused.get('c@x')!.code, 452);
    assert.deepEqual(r.recipients.map((x) => x.accepted), [true, false]);
  });
});

test('VRFY and EXPN send the bare address', async () => {
  await withFake({ on: { VRFY: () => '250 Bob <bob@x>' } }, async (server, connect) => {
    const c = await connect();
    const v = await c.verify('Bob <bob@x>');
    assert.deepEqual([v.code, v.msg.toString()], [250, 'Bob <bob@x>']);
    const e = await c.expn('list');
    assert.equal(e.code, 502);
    assert.deepEqual(server.commands(), ['vrfy bob@x', 'expn list']);
  });
});
