// Loopback: `netkit smtp send` against netkit's own SMTP server engine (serve smtp's
// SMTPServer) in-process: STARTTLS verified, login in smtplib's order, several messages
// pipelined over one connection, SMTPUTF8, and the server's refusals mapped to exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTestCert } from '../fakes/tls-cert.js';
import { SMTPServer } from '../../src/protocols/smtp/server/server.js';
import type { ReceivedMessage } from '../../src/protocols/smtp/server/channel.js';

const cert = makeTestCert();
test.after(() => cert.cleanup());
const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-loop-'));

async function withServer(body: (port: number, received: ReceivedMessage[]) => Promise<void>, extra: { requireAuth?: boolean; sizeLimit?: number } = {}): Promise<void> {
  const received: ReceivedMessage[] = [];
  const server = await SMTPServer.listen({
    host: '127.0.0.1',
    port: 0,
    ...(cert.skip ? {} : { starttls: { cert: cert.cert, key: cert.key } }),
    channel: {
      fqdn: 'loop.test',
      hardDataLimit: 1 << 20,
      smtputf8: true,
      pipelining: true,
      authMechanisms: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
      passwordLookup: (u) => (u === 'alice' ? 'pw' : undefined),
      ...(extra.requireAuth ? { requireAuth: true } : {}),
      ...(extra.sizeLimit ? { sizeLimit: extra.sizeLimit } : {}),
    },
    deliver: async (m) => {
      received.push(m);
      return undefined;
    },
  });
  try {
    await body(server.address.port, received);
  } finally {
    await server.shutdown(1000);
  }
}

test('STARTTLS + CRAM-MD5 login + five pipelined messages, all received in order', async (t) => {
  if (cert.skip) return t.skip(cert.skip);
  await withServer(async (port, received) => {
    const files = Array.from({ length: 5 }, (_, i) => {
      const f = join(dir, `l${i}.eml`);
      writeFileSync(f, `From: a@x.test\nTo: b@x.test\nSubject: loop ${i}\n\n.line ${i}\n`);
      return ['-m', f];
    }).flat();
    const r = await runCli(['smtp', 'send', '--server', `127.0.0.1:${port}`, '--starttls', '--cacert', cert.certPath, '-u', 'alice', '--json', ...files], { env: { NETKIT_PASSWORD: 'pw' } });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.server.authenticated, 'CRAM-MD5');
    assert.equal(doc.server.tls.authorized, true);
    assert.deepEqual(received.map((m) => /Subject: (loop \d)/.exec(m.data.toString())![1]), ['loop 0', 'loop 1', 'loop 2', 'loop 3', 'loop 4']);
    assert.ok(received.every((m) => m.tls && m.authUser === 'alice'));
    assert.match(received[0]!.data.toString(), /\n\.line 0$/);
  });
});

test('a wrong password → exit 4; --require-auth without credentials → exit 5', async () => {
  await withServer(
    async (port) => {
      const bad = await runCli(['smtp', 'send', '--server', `127.0.0.1:${port}`, '-u', 'alice', '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x'], { env: { NETKIT_PASSWORD: 'nope' } });
      assert.equal(bad.code, 4);
      const anon = await runCli(['smtp', 'send', '--server', `127.0.0.1:${port}`, '--from', 'a@x.test', '--to', 'b@x.test', '--body', 'x']);
      assert.equal(anon.code, 5);
    },
    { requireAuth: true },
  );
});

test('an address that needs SMTPUTF8 is sent with SMTPUTF8 BODY=8BITMIME', async () => {
  await withServer(async (port, received) => {
    const r = await runCli(['smtp', 'send', '--server', `127.0.0.1:${port}`, '--from', 'jürgen@x.test', '--to', 'b@x.test', '--subject', 'ü', '--body', 'grüße']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(received[0]!.mailFrom, 'jürgen@x.test');
    assert.deepEqual(received[0]!.mailOptions.map((o) => o.toUpperCase()), ['SMTPUTF8', 'BODY=8BITMIME']);
  });
});
