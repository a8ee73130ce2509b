// `netkit serve http --upload`: PUT creates (201) and replaces (204) files atomically, a
// multipart POST saves its files into a directory (curl -F), never outside the root, never
// over a directory, --max-upload → 413, and without --upload PUT stays 501.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header } from '../peers/serve-http-raw.js';
import { fetchRaw, serve, stop, WAIT_MS } from '../peers/serve-http-harness.js';

function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => execFile('curl', ['-sS', '--max-time', String(WAIT_MS / 1000), ...args], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))));
}

function tree() {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-upload-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'in', 'sub'), { recursive: true });
  mkdirSync(join(base, 'elsewhere'));
  symlinkSync(join(base, 'elsewhere'), join(root, 'escape'));
  return { base, root };
}

test('--upload: PUT and multipart POST, atomic, inside the root only, --max-upload', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--upload', '--max-upload', '100000'], base);
  t.after(() => void stop(r).catch(() => {}));

  const created = await fetchRaw(r.port, 'PUT', '/in/new.txt', '', 'first');
  assert.deepEqual([created.status, header(created, 'location')], [201, '/in/new.txt']);
  assert.equal(readFileSync(join(root, 'in', 'new.txt'), 'utf8'), 'first');
  assert.equal((await fetchRaw(r.port, 'PUT', '/in/new.txt', '', 'second')).status, 204);
  assert.equal(readFileSync(join(root, 'in', 'new.txt'), 'utf8'), 'second');
  assert.deepEqual(readdirSync(join(root, 'in')).sort(), ['new.txt', 'sub']); // no temporary left behind

  assert.equal((await fetchRaw(r.port, 'PUT', '/in/sub', '', 'x')).status, 409);
  assert.equal((await fetchRaw(r.port, 'PUT', '/in/sub/', '', 'x')).status, 409);
  assert.equal((await fetchRaw(r.port, 'PUT', '/../../evil.txt', '', 'x')).status, 201); // translate_path keeps it inside
  assert.equal(existsSync(join(root, 'evil.txt')), true);
  assert.equal(existsSync(join(base, 'evil.txt')), false);
  assert.equal((await fetchRaw(r.port, 'PUT', '/escape/e.txt', '', 'x')).status, 403);
  assert.deepEqual(readdirSync(join(base, 'elsewhere')), []);
  assert.equal((await fetchRaw(r.port, 'PUT', '/missing/a.txt', '', 'x')).status, 404);
  assert.equal((await fetchRaw(r.port, 'PUT', '/in/big.bin', '', Buffer.alloc(100_001))).status, 413);

  writeFileSync(join(base, 'up1.txt'), 'one');
  writeFileSync(join(base, 'up2.bin'), Buffer.from([0, 1, 2, 255]));
  const out = await curl(['-F', `a=@${join(base, 'up1.txt')}`, '-F', `b=@${join(base, 'up2.bin')}`, '-F', 'note=hi', `http://127.0.0.1:${r.port}/in/sub/`]);
  assert.deepEqual(JSON.parse(out), { saved: ['up1.txt', 'up2.bin'] });
  assert.equal(readFileSync(join(root, 'in', 'sub', 'up1.txt'), 'utf8'), 'one');
  assert.deepEqual([...readFileSync(join(root, 'in', 'sub', 'up2.bin'))], [0, 1, 2, 255]);
  // A client-supplied path in the file name is reduced to its last component.
  const boundary = 'XyZ';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="../../../pwn.txt"\r\nContent-Type: text/plain\r\n\r\npwn\r\n--${boundary}--\r\n`;
  const post = await fetchRaw(r.port, 'POST', '/in/', `Content-Type: multipart/form-data; boundary=${boundary}\r\n`, body);
  assert.equal(post.status, 201);
  assert.equal(readFileSync(join(root, 'in', 'pwn.txt'), 'utf8'), 'pwn');
  assert.equal(existsSync(join(base, 'pwn.txt')), false);
  assert.equal((await fetchRaw(r.port, 'POST', '/in/new.txt', `Content-Type: multipart/form-data; boundary=${boundary}\r\n`, body)).status, 405);
});

test('without --upload PUT is 501 as in Python', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  assert.equal((await fetchRaw(r.port, 'PUT', '/in/x.txt', '', 'x')).status, 501);
  assert.equal(existsSync(join(root, 'in', 'x.txt')), false);
});
