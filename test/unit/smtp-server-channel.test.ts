// SMTPChannel's state machine fed bytes directly: pipelined replies in one write, the DATA
// framing across chunk boundaries, STARTTLS injection refusal, AUTH, --require-*, limits,
// the 421 on shutdown, and a 250 only after deliver() resolved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPChannel, unstuff, type ChannelOptions, type ReceivedMessage } from '../../src/protocols/smtp/server/channel.js';
import { debuggingBlock } from '../../src/protocols/smtp/server/templates.js';

function make(options: Partial<ChannelOptions> = {}, deliver?: (m: ReceivedMessage) => Promise<string | undefined>) {
  const writes: string[] = [];
  const messages: ReceivedMessage[] = [];
  const events: string[] = [];
  const ch = new SMTPChannel(
    { fqdn: 'mx.test', peerAddress: '127.0.0.1', peerPort: 1, hardDataLimit: 1 << 20, smtputf8: false, pipelining: true, ...options },
    {
      send: (text, encoding) => writes.push(Buffer.from(text, encoding).toString('latin1')),
      end: () => events.push('end'),
      destroy: () => events.push('destroy'),
      deliver: deliver ?? (async (m) => (messages.push(m), undefined)),
      startTLS: () => events.push('starttls'),
    },
  );
  ch.greet();
  writes.length = 0;
  return { ch, writes, messages, events, feed: (s: string) => ch.feed(Buffer.from(s, 'latin1')) };
}

/** The last reply line sent. */
const last = (c: { writes: string[] }) => c.writes.join('').split('\r\n').at(-2) + '\r\n';
/** Everything sent. */
const all = (c: { writes: string[] }) => c.writes.join('');

const tick = () => new Promise((r) => setImmediate(r));

test('pipelined commands are answered in one write; the message reaches deliver()', async () => {
  const c = make();
  c.feed('EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\n');
  assert.equal(c.writes.length, 1);
  assert.equal(c.writes[0], '250-mx.test\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 HELP\r\n250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
  c.feed('Subject: s\r\n\r\n..dot\r\nend\r');
  c.feed('\n.');
  c.feed('\r\n');
  await tick();
  assert.equal(c.messages.length, 1);
  assert.equal(c.messages[0]!.data.toString(), 'Subject: s\n\n.dot\nend');
  assert.deepEqual(c.messages[0]!.rcptTos, ['c@d']);
  assert.equal(last(c), '250 OK\r\n');
});

test('the 250 waits for deliver(); a failed store is 451, never 250', async () => {
  let release!: () => void;
  const c = make({}, () => new Promise((r) => (release = () => r(undefined))));
  c.feed('HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nhi\r\n.\r\nNOOP\r\n');
  assert.ok(!c.writes.join('').includes('250 OK\r\n250 OK\r\n250 OK\r\n250 OK'));
  const before = c.writes.join('');
  release();
  await tick();
  assert.equal(all(c).slice(before.length), '250 OK\r\n250 OK\r\n');
  const f = make({}, () => Promise.reject(new Error('disk full')));
  f.feed('HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nhi\r\n.\r\n');
  await tick();
  assert.equal(last(f), '451 Error: local error in processing\r\n');
});

test('STARTTLS: pipelined bytes before the handshake are refused; after it the session starts over', () => {
  const c = make({ starttls: true });
  c.feed('EHLO x\r\nSTARTTLS\r\nMAIL FROM:<evil@x>\r\n');
  assert.match(c.writes.join(''), /250-STARTTLS\r\n[\s\S]*554 Error: command pipelined after STARTTLS/);
  assert.deepEqual(c.events, ['end']);
  const ok = make({ starttls: true });
  ok.feed('EHLO x\r\nSTARTTLS\r\n');
  assert.equal(last(ok), '220 Ready to start TLS\r\n');
  assert.deepEqual(ok.events, ['starttls']);
  ok.ch.tlsStarted();
  ok.feed('MAIL FROM:<a@b>\r\n');
  assert.equal(last(ok), '503 Error: send HELO first\r\n');
  ok.feed('EHLO x\r\n');
  assert.ok(!all(ok).split('220 Ready to start TLS')[1]!.includes('STARTTLS'));
});

test('--require-tls and --require-auth; AUTH PLAIN, LOGIN and a wrong password', () => {
  const t = make({ starttls: true, requireTLS: true });
  t.feed('EHLO x\r\nMAIL FROM:<a@b>\r\n');
  assert.equal(last(t), '530 Must issue a STARTTLS command first\r\n');
  const lookup = (u: string) => (u === 'alice' ? 'secret' : undefined);
  const a = make({ authMechanisms: ['PLAIN', 'LOGIN', 'CRAM-MD5'], passwordLookup: lookup, requireAuth: true });
  a.feed('EHLO x\r\nMAIL FROM:<a@b>\r\n');
  assert.match(a.writes.join(''), /250-AUTH PLAIN LOGIN CRAM-MD5\r\n[\s\S]*530 Authentication required\r\n$/);
  a.feed(`AUTH PLAIN ${Buffer.from('\0alice\0wrong').toString('base64')}\r\n`);
  assert.equal(last(a), '535 Authentication credentials invalid\r\n');
  a.feed('AUTH LOGIN\r\n');
  assert.equal(last(a), `334 ${Buffer.from('Username:').toString('base64')}\r\n`);
  a.feed(`${Buffer.from('alice').toString('base64')}\r\n${Buffer.from('secret').toString('base64')}\r\n`);
  assert.ok(all(a).endsWith('334 UGFzc3dvcmQ6\r\n235 Authentication successful\r\n'));
  a.feed('MAIL FROM:<a@b>\r\n');
  assert.equal(last(a), '250 OK\r\n');
  assert.equal(a.ch.authUser, 'alice');
});

test('limits: recipients, data size, data line length; 421 on shutdown, after an open DATA', async () => {
  const r = make({ maxRecipients: 1 });
  r.feed('HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@x>\r\nRCPT TO:<2@x>\r\n');
  assert.equal(last(r), '452 Error: too many recipients\r\n');
  const s = make({ sizeLimit: 10 });
  s.feed('EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@x>\r\nDATA\r\n0123456789ab\r\n.\r\nNOOP\r\n');
  assert.match(all(s), /552 Error: Too much mail data\r\n250 OK\r\n$/);
  const l = make({ maxDataLine: 10 });
  l.feed('HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@x>\r\nDATA\r\n12345678\r\n123456789\r\n.\r\n');
  assert.match(all(l), /552 Error: line too long\r\n$/);
  const d = make();
  d.feed('HELO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<1@x>\r\nDATA\r\npart');
  assert.equal(d.ch.shutdown(), false);
  d.feed('\r\n.\r\n');
  await tick();
  assert.match(d.writes.join(''), /250 OK\r\n421 mx.test Service not available, closing transmission channel\r\n$/);
  assert.equal(d.messages.length, 1);
  const idle = make();
  assert.equal(idle.ch.shutdown(), true);
  assert.equal(last(idle), '421 mx.test Service not available, closing transmission channel\r\n');
});

test('unstuff, splitlines and the DebuggingServer block', () => {
  assert.equal(unstuff(Buffer.from('.a\r\nb\n.c\r\n..d')).toString(), 'a\nb\n.c\n.d');
  // bytes.splitlines(): \r\n, \r and \n end lines; a non-printable line takes repr's escapes.
  assert.equal(debuggingBlock('1.2.3.4', Buffer.from('a\r\nb\rc\n\n\x00\\d\r\n'), [], []).toString(), "---------- MESSAGE FOLLOWS ----------\nb'a'\nb'b'\nb'c'\nb'X-Peer: 1.2.3.4'\nb''\nb'\\x00\\\\d'\n------------ END MESSAGE ------------\n");
  assert.equal(debuggingBlock('::1', Buffer.from("S: x\n\nit's"), ['SIZE=1'], []).toString(), "---------- MESSAGE FOLLOWS ----------\nmail options: ['SIZE=1']\nb'S: x'\nb'X-Peer: ::1'\nb''\nb\"it's\"\n------------ END MESSAGE ------------\n");
});
