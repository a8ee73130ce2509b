// `netkit smtp send` and `smtp probe` against a real postfix (test/peers/postfix.ts):
// delivered into the Maildirs over plain SMTP and over STARTTLS verified with the test CA;
// an unverified certificate → exit 6; relay refused → exit 5; one good and one unknown
// recipient → exit 7 with the good one delivered; several messages over one connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { postfixSkip, startPostfix, type Postfix } from './postfix.js';
import { requirePeer } from './nginx.js';

const skip = postfixSkip() || requirePeer('openssl');
const T = 20_000;
let postfix: Postfix | undefined;
let dir = '';
let caFile = '';
let server = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-send-postfix-'));
  if (skip) return;
  postfix = await startPostfix();
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, postfix!.caPem);
  server = `smtp://${postfix!.host}:${postfix!.port}`;
});
after(async () => {
  await postfix?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const compose = (to: string[], subject: string): string[] => ['--from', 'sender@example.com', ...to.flatMap((t) => ['--to', t]), '--subject', subject, '--body', `body of ${subject}\n.dot`];

test('plain SMTP: delivered into alice\'s Maildir', { skip }, async () => {
  const n = postfix!.countMessages('alice');
  const r = await runCli(['smtp', 'send', '--server', server, '--ehlo', 'client.test', ...compose(['alice@peers.test'], 'plain one')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^accepted alice@peers\.test 250 2\.0\.0 Ok: queued as \w+\n$/);
  const got = await postfix!.waitForMessages('alice', n + 1, T);
  assert.match(got.at(-1)!, /^Subject: plain one$/m);
  assert.match(got.at(-1)!, /^\.dot$/m);
});

test('STARTTLS verified with the test CA: delivered, Received says ESMTPS', { skip }, async () => {
  const n = postfix!.countMessages('bob');
  const r = await runCli(['smtp', 'send', '--server', server, '--starttls', '--cacert', caFile, '--json', ...compose(['bob@peers.test'], 'over tls')]);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.server.tls.authorized, true);
  assert.match(doc.server.tls.version, /^TLSv1\.[23]$/);
  const got = await postfix!.waitForMessages('bob', n + 1, T);
  assert.match(got.at(-1)!, /^\tby mx\.peers\.test \(Postfix\) with ESMTPS id /m);
});

test('STARTTLS with an unknown CA → exit 6, nothing delivered', { skip }, async () => {
  const n = postfix!.countMessages('bob');
  const r = await runCli(['smtp', 'send', '--server', server, '--starttls', ...compose(['bob@peers.test'], 'must not arrive')]);
  assert.equal(r.code, 6);
  assert.match(r.stderr, /CERTIFICATE_VERIFY_FAILED|certificate/i);
  assert.equal(postfix!.countMessages('bob'), n);
});

test('relay refused → exit 5, SMTPRecipientsRefused', { skip }, async () => {
  const r = await runCli(['smtp', 'send', '--server', server, '--json', ...compose(['someone@elsewhere.test'], 'relay')]);
  assert.equal(r.code, 5);
  assert.equal(JSON.parse(r.stderr).error.python, 'smtplib.SMTPRecipientsRefused');
  assert.equal(JSON.parse(r.stdout).refused['someone@elsewhere.test'].smtp_code, 554);
});

test('one good and one unknown recipient → exit 7, the good one delivered', { skip }, async () => {
  const n = postfix!.countMessages('alice');
  const r = await runCli(['smtp', 'send', '--server', server, ...compose(['alice@peers.test', 'carol@peers.test'], 'partial')]);
  assert.equal(r.code, 7);
  assert.match(r.stdout, /^accepted alice@peers\.test 250 /m);
  assert.match(r.stdout, /^refused carol@peers\.test 550 5\.1\.1 <carol@peers\.test>: Recipient address rejected/m);
  assert.match(r.stderr, /^netkit: smtp send: some recipients were refused: \{'carol@peers\.test': \(550, b'5\.1\.1 /);
  await postfix!.waitForMessages('alice', n + 1, T);
});

test('fifty messages over one STARTTLS connection: all delivered', { skip }, async () => {
  const n = postfix!.countMessages('bob');
  const files: string[] = [];
  for (let i = 0; i < 50; i++) {
    const f = join(dir, `b${i}.eml`);
    writeFileSync(f, `From: sender@example.com\nTo: bob@peers.test\nSubject: batch ${i}\n\nmessage ${i}\n`);
    files.push('-m', f);
  }
  const r = await runCli(['smtp', 'send', '--server', server, '--starttls', '--cacert', caFile, ...files]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 50);
  await postfix!.waitForMessages('bob', n + 50, T);
});

test('probe: greeting, EHLO before and after STARTTLS, the certificate', { skip }, async () => {
  const r = await runCli(['smtp', 'probe', server, '--cacert', caFile, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.match(doc.greeting.text, /ESMTP netkit-test-postfix/);
  assert.ok(doc.ehlo.features.starttls !== undefined);
  assert.equal(doc.ehlo_tls.features.starttls, undefined);
  assert.equal(doc.tls.authorized, true);
  assert.match(doc.tls.certificate.subject, /CN=localhost/);
  const v = await runCli(['smtp', 'verify', '--server', server, 'alice@peers.test']);
  assert.match(v.stdout, /^alice@peers\.test (252|250|502) /);
});
