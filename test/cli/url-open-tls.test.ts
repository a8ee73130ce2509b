// `netkit url open`, `netkit url retrieve` and `robots check URL` over https with a private CA: an https server
// serving a certificate signed by a CA generated here (test/fakes/tls-cert.ts makeTestCA).
// --cacert CA verifies it; without it, or trusting only the server certificate, the
// verification fails (exit 6); -k connects with a warning; an unreadable --cacert is
// Python's OSError. retrieve writes nothing when verification fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTestCA } from '../fakes/tls-cert.js';

const pki = makeTestCA();
const skip = pki.skip;
const VERIFY_FAILED = /^netkit: url (open|retrieve): <urlopen error \[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: unable to get local issuer certificate/;
const WARNING = 'TLS certificate verification is OFF (-k/--insecure): anyone on the path can read and change this connection';
let server: https.Server | undefined;
let base = '';
let dir = '';

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'netkit-url-tls-'));
  copyFileSync(pki.caPath, join(dir, 'ca.pem'));
  copyFileSync(pki.certPath, join(dir, 'leaf.pem'));
  server = https.createServer({ cert: pki.cert, key: pki.key }, (req, res) => res.end(req.url === '/robots.txt' ? 'User-agent: *\nDisallow: /private\n' : `private ${req.url}\n`));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  pki.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  }
});

test('open --cacert CA: the body of an https URL signed by the private CA, by IP and by name', { skip }, async () => {
  const r = await runCli(['url', 'open', '--cacert', 'ca.pem', `${base}/a`, `${base.replace('127.0.0.1', 'localhost')}/b`], { cwd: dir });
  assert.deepEqual(r, { code: 0, stdout: 'private /a\nprivate /b\n', stderr: '' });
});

test('open without --cacert, or trusting only the server certificate: certificate verify failed, exit 6', { skip }, async () => {
  for (const extra of [[], ['--cacert', 'leaf.pem']]) {
    const r = await runCli(['url', 'open', ...extra, `${base}/a`], { cwd: dir });
    assert.equal(r.code, 6, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, VERIFY_FAILED);
  }
  const j = await runCli(['url', 'open', '--json', `${base}/a`], { cwd: dir });
  assert.equal(j.code, 6);
  assert.equal(JSON.parse(j.stderr).error.type, 'URLError');
});

test('open -k: connects unverified, says so on stderr; --insecure is the same flag', { skip }, async () => {
  for (const flag of ['-k', '--insecure']) {
    const r = await runCli(['url', 'open', flag, `${base}/k`], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'private /k\n');
    assert.match(r.stderr, new RegExp(`^netkit: url open: .*${WARNING.replace(/[()/]/g, '\\$&')}\\n$`));
  }
});

test('open --cacert of a missing file: Python\'s OSError before any connection', { skip }, async () => {
  const r = await runCli(['url', 'open', '--cacert', 'nope.pem', `${base}/a`], { cwd: dir });
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /\[Errno 2\] No such file or directory: 'nope\.pem'/);
});

test('retrieve --cacert CA writes the file; without it exit 6 and no file; -k writes it with a warning', { skip }, async () => {
  const out = mkdtempSync(join(dir, 'out-'));
  const denied = await runCli(['url', 'retrieve', `${base}/data.txt`], { cwd: out });
  assert.equal(denied.code, 6, denied.stderr);
  assert.match(denied.stderr, VERIFY_FAILED);
  assert.deepEqual(readdirSync(out), []);

  const r = await runCli(['url', 'retrieve', '--cacert', join(dir, 'ca.pem'), `${base}/data.txt`], { cwd: out });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^data\.txt\n/);
  assert.equal(r.stderr, '');
  assert.equal(readFileSync(join(out, 'data.txt'), 'utf8'), 'private /data.txt\n');

  const k = await runCli(['url', 'retrieve', '-k', `${base}/data.txt`, 'k.txt'], { cwd: out });
  assert.equal(k.code, 0, k.stderr);
  assert.match(k.stderr, /TLS certificate verification is OFF \(-k\/--insecure\)/);
  assert.equal(readFileSync(join(out, 'k.txt'), 'utf8'), 'private /data.txt\n');
  assert.deepEqual(readdirSync(out).sort(), ['data.txt', 'k.txt']);
});

test('robots check https://…/robots.txt --cacert CA reads the file; without it RFC 9309 counts it unreachable (nothing allowed)', { skip }, async () => {
  const ok = await runCli(['robots', 'check', '--cacert', 'ca.pem', `${base}/robots.txt`, '/public', '/private/x'], { cwd: dir });
  assert.equal(ok.code, 1, ok.stderr);
  assert.match(ok.stdout, /^allowed \/public\b/m);
  assert.match(ok.stdout, /^disallowed \/private\/x\b/m);
  assert.equal(ok.stderr, '');
  const unverified = await runCli(['robots', 'check', `${base}/robots.txt`, '/public'], { cwd: dir });
  assert.equal(unverified.code, 1);
  assert.match(unverified.stdout, /^disallowed \/public\b/m);
  assert.match(unverified.stderr, /CERTIFICATE_VERIFY_FAILED.*robots\.txt unreachable, nothing may be fetched/);
  const k = await runCli(['robots', 'check', '-k', `${base}/robots.txt`, '/public'], { cwd: dir });
  assert.equal(k.code, 0, k.stderr);
  assert.ok(k.stderr.includes(WARNING));
});
