// netkit serve smtp options end to end over raw sockets: -d's smtpd trace (with AUTH's
// answers masked), --max-connections, --auth-file, --auth-any, -b/--bind, --no-pipelining.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawSmtp, serveSmtp, stopSmtp } from '../conformance/smtpd/harness.js';

const GREETING = /^220 mx\.test Python SMTP proxy version 0\.3\r\n$/;
const b64 = (s: string): string => Buffer.from(s, 'latin1').toString('base64');

test('-d prints smtpd\'s trace on stderr, with AUTH PLAIN and AUTH LOGIN answers masked', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '-d', '--hostname', 'mx.test', '--auth', 'alice:Sekr1t']);
  try {
    const c = await RawSmtp.connect(s.port);
    try {
      assert.match(await c.replies(1), GREETING);
      assert.match(await c.step('EHLO client.test\r\n', 1), /250-AUTH PLAIN LOGIN CRAM-MD5\r\n/);
      assert.equal(await c.step(`AUTH PLAIN ${b64('\0alice\0Sekr1t')}\r\n`, 1), '235 Authentication successful\r\n');
      assert.equal(await c.step('RSET\r\n', 1), '250 OK\r\n');
      assert.equal(await c.step('QUIT\r\n', 1), '221 Bye\r\n');
    } finally {
      c.close();
    }
    const d = await RawSmtp.connect(s.port);
    try {
      await d.replies(1);
      await d.step('EHLO client.test\r\n', 1);
      assert.equal(await d.step('auth login\r\n', 1), '334 VXNlcm5hbWU6\r\n');
      assert.equal(await d.step(`${b64('alice')}\r\n`, 1), '334 UGFzc3dvcmQ6\r\n');
      assert.equal(await d.step(`${b64('Sekr1t')}\r\n`, 1), '235 Authentication successful\r\n');
      assert.equal(await d.step('MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 3), '250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
      assert.equal(await d.step('Subject: t\r\n\r\nbody\r\n.\r\n', 1), '250 OK\r\n');
      await d.step('QUIT\r\n', 1);
    } finally {
      d.close();
    }
  } finally {
    assert.equal(await stopSmtp(s), 0);
  }
  const err = s.stderr();
  // smtpd's own lines: the start line with time.ctime(), Peer, Data, ===> MAIL, sender, recips.
  assert.match(err, /^DebuggingServer started at \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\tLocal addr: \('127\.0\.0\.1', 0\)\n\tRemote addr:\('localhost', 25\)$/m);
  assert.match(err, /^Incoming connection from \('127\.0\.0\.1', \d+\)$/m);
  assert.match(err, /^Peer: \('127\.0\.0\.1', \d+\)$/m);
  assert.match(err, /^Data: b'EHLO client\.test'$/m);
  assert.match(err, /^Data: b'AUTH PLAIN \*\*\*\*'$/m);
  assert.match(err, /^Data: b'auth login'$/m);
  assert.equal(err.match(/^Data: b'\*\*\*\*'$/gm)?.length, 2, 'both LOGIN answers are masked');
  assert.match(err, /^===> MAIL FROM:<a@x>$/m);
  assert.match(err, /^sender: a@x$/m);
  assert.match(err, /^recips: \['b@y'\]$/m);
  // Neither the base64 answers nor the password itself.
  for (const secret of [b64('\0alice\0Sekr1t'), b64('Sekr1t'), b64('alice'), 'Sekr1t']) assert.ok(!err.includes(secret), `${secret} in the trace`);
});

test('--max-connections 1: a second connection at once gets the 421 and is closed; later ones are served', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '--max-connections', '1', '--hostname', 'mx.test']);
  try {
    const first = await RawSmtp.connect(s.port);
    try {
      assert.match(await first.replies(1), GREETING);
      const second = await RawSmtp.connect(s.port);
      try {
        assert.equal(await second.replies(1), '421 mx.test Too many connections, try again later\r\n');
        await second.waitClosed();
      } finally {
        second.close();
      }
      assert.equal(await first.step('NOOP\r\n', 1), '250 OK\r\n');
      await first.step('QUIT\r\n', 1);
      await first.waitClosed();
    } finally {
      first.close();
    }
    // The slot is free again once the first session is gone (the close is seen asynchronously).
    let third: RawSmtp | undefined;
    for (let i = 0; i < 50 && !third; i++) {
      const c = await RawSmtp.connect(s.port);
      const greeting = await c.replies(1);
      if (GREETING.test(greeting)) third = c;
      else c.close();
    }
    assert.ok(third, 'a later connection is greeted');
    assert.equal(await third.step('QUIT\r\n', 1), '221 Bye\r\n');
    third.close();
  } finally {
    assert.equal(await stopSmtp(s), 0);
  }
});

test('--auth-file: every user:password line logs in, others get 535; --require-auth holds MAIL back until then', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-auth-'));
  try {
    writeFileSync(join(dir, 'users'), 'alice:one\nbob:two:with:colons\n');
    const s = await serveSmtp(['127.0.0.1:0', '--auth-file', 'users', '--require-auth', '--hostname', 'mx.test'], dir);
    try {
      const tryLogin = async (user: string, pass: string): Promise<string> => {
        const c = await RawSmtp.connect(s.port);
        try {
          await c.replies(1);
          await c.step('EHLO t\r\n', 1);
          assert.equal(await c.step('MAIL FROM:<a@x>\r\n', 1), '530 Authentication required\r\n');
          return await c.step(`AUTH PLAIN ${b64(`\0${user}\0${pass}`)}\r\n`, 1);
        } finally {
          c.close();
        }
      };
      assert.equal(await tryLogin('alice', 'one'), '235 Authentication successful\r\n');
      assert.equal(await tryLogin('bob', 'two:with:colons'), '235 Authentication successful\r\n');
      assert.equal(await tryLogin('alice', 'two'), '535 Authentication credentials invalid\r\n');
      assert.equal(await tryLogin('carol', 'one'), '535 Authentication credentials invalid\r\n');
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--auth-any: any user and password log in, and the log line names who claimed to be whom', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '--auth-any', '--hostname', 'mx.test']);
  try {
    const c = await RawSmtp.connect(s.port);
    try {
      await c.replies(1);
      await c.step('EHLO t\r\n', 1);
      assert.equal(await c.step(`AUTH PLAIN ${b64('\0mallory\0anything')}\r\n`, 1), '235 Authentication successful\r\n');
      assert.equal(await c.step('MAIL FROM:<m@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 3), '250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n');
      assert.equal(await c.step('Subject: t\r\n\r\nhi\r\n.\r\n', 1), '250 OK\r\n');
      await c.step('QUIT\r\n', 1);
    } finally {
      c.close();
    }
  } finally {
    assert.equal(await stopSmtp(s), 0);
  }
  assert.match(s.stderr(), / from=<m@x> to=\['b@y'\] size=\d+ user=mallory "250 OK"/);
});

test('-b/--bind overrides LOCALADDR\'s host; --no-pipelining gives smtpd\'s EHLO reply exactly', async () => {
  const s = await serveSmtp(['localhost:0', '-b', '127.0.0.1', '--no-pipelining', '--hostname', 'mx.test']);
  try {
    assert.match(s.stderr(), /Serving SMTP on 127\.0\.0\.1 port \d+ /);
    const c = await RawSmtp.connect(s.port, '127.0.0.1');
    try {
      await c.replies(1);
      assert.equal(await c.step('EHLO t\r\n', 1), '250-mx.test\r\n250-8BITMIME\r\n250 HELP\r\n');
    } finally {
      c.close();
    }
  } finally {
    assert.equal(await stopSmtp(s), 0);
  }
});
