// `netkit serve http --auth USER:PASS` and `--auth-file FILE`: 401 with WWW-Authenticate
// without or with wrong credentials, 200 with right ones (raw requests and curl -u), any
// line of the file accepted, and the password never in the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header } from '../peers/serve-http-raw.js';
import { fetchRaw, serve, stop, WAIT_MS } from '../peers/serve-http-harness.js';

const basic = (cred: string) => `Authorization: Basic ${Buffer.from(cred).toString('base64')}\r\n`;

test('--auth and --auth-file: 401 with a realm, 200 with the right credentials, password never logged', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-auth-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  mkdirSync(root);
  writeFileSync(join(root, 'a.txt'), 'secret page');
  writeFileSync(join(base, 'users.txt'), '# users\nbob:b0b-pass\n\ncarol:c:with:colons\n');
  const r = await serve(['0', '-d', root, '--auth', 'ann:s3cret-pw', '--auth-file', 'users.txt'], base);
  t.after(() => void stop(r).catch(() => {}));

  const none = await fetchRaw(r.port, 'GET', '/a.txt');
  assert.deepEqual([none.status, header(none, 'www-authenticate')], [401, 'Basic realm="netkit"']);
  assert.doesNotMatch(none.body.toString(), /secret page/);
  assert.equal((await fetchRaw(r.port, 'GET', '/a.txt', basic('ann:wrong'))).status, 401);
  assert.equal((await fetchRaw(r.port, 'GET', '/a.txt', basic('ann:s3cret-pwX'))).status, 401);
  assert.equal((await fetchRaw(r.port, 'GET', '/a.txt', 'Authorization: Bearer x\r\n')).status, 401);
  for (const cred of ['ann:s3cret-pw', 'bob:b0b-pass', 'carol:c:with:colons']) {
    const ok = await fetchRaw(r.port, 'GET', '/a.txt', basic(cred));
    assert.deepEqual([ok.status, ok.body.toString()], [200, 'secret page'], cred);
  }
  const out = await new Promise<string>((resolve, reject) =>
    execFile('curl', ['-sS', '--max-time', String(WAIT_MS / 1000), '-u', 'ann:s3cret-pw', `http://127.0.0.1:${r.port}/a.txt`], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))),
  );
  assert.equal(out, 'secret page');
  assert.equal(await stop(r), 0);
  assert.doesNotMatch(r.stderr() + r.stdout(), /s3cret|b0b-pass|with:colons/);
  assert.match(r.stderr(), /"GET \/a.txt HTTP\/1.1" 401 -/);
});
