// `netkit serve http`: the JSON listing (Accept: application/json), --spa, and symbolic
// links leading outside the root — refused (404) by default, followed with --follow-symlinks
// (Python's behaviour); links inside the root keep working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header } from '../peers/serve-http-raw.js';
import { fetchRaw, serve, stop } from '../peers/serve-http-harness.js';

function tree() {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-listing-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'b.txt'), 'hello');
  writeFileSync(join(root, 'sub', 'inner.txt'), 'inner');
  utimesSync(join(root, 'b.txt'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
  mkdirSync(join(base, 'outdir'));
  writeFileSync(join(base, 'outdir', 'o.txt'), 'OUTSIDE');
  writeFileSync(join(base, 'out.txt'), 'OUTSIDE-FILE');
  symlinkSync(join(base, 'out.txt'), join(root, 'out-link.txt'));
  symlinkSync(join(base, 'outdir'), join(root, 'out-dir'));
  symlinkSync(join(root, 'b.txt'), join(root, 'in-link.txt'));
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling'));
  return { base, root };
}

test('JSON listing for Accept: application/json; HTML otherwise', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  const res = await fetchRaw(r.port, 'GET', '/', 'Accept: application/json\r\n');
  assert.equal(header(res, 'content-type'), 'application/json; charset=utf-8');
  const doc = JSON.parse(res.body.toString());
  assert.equal(doc.path, '/');
  assert.deepEqual(doc.entries.map((e: { name: string }) => e.name), ['b.txt', 'dangling', 'in-link.txt', 'out-dir', 'out-link.txt', 'sub']);
  const byName = Object.fromEntries(doc.entries.map((e: { name: string }) => [e.name, e]));
  assert.deepEqual(byName['b.txt'], { name: 'b.txt', type: 'file', size: 5, mtime: '2020-01-02T03:04:05.000Z', symlink: false });
  assert.deepEqual([byName.sub.type, byName.sub.size, byName.sub.symlink], ['directory', null, false]);
  assert.deepEqual([byName['in-link.txt'].type, byName['in-link.txt'].symlink], ['file', true]);
  assert.deepEqual([byName.dangling.type, byName.dangling.symlink], ['broken', true]);
  const html = await fetchRaw(r.port, 'GET', '/', 'Accept: text/html,application/json\r\n');
  assert.match(header(html, 'content-type')!, /^text\/html/);
});

test('--spa serves index.html for unknown paths; files and directories still win', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  writeFileSync(join(root, 'index.html'), '<p>app</p>');
  const r = await serve(['0', '-d', root, '--spa'], base);
  t.after(() => void stop(r).catch(() => {}));
  const deep = await fetchRaw(r.port, 'GET', '/users/42/profile');
  assert.deepEqual([deep.status, deep.body.toString()], [200, '<p>app</p>']);
  assert.equal((await fetchRaw(r.port, 'GET', '/b.txt')).body.toString(), 'hello');
  assert.equal((await fetchRaw(r.port, 'GET', '/sub/inner.txt')).body.toString(), 'inner');
});

test('symlinks outside the root are 404 unless --follow-symlinks; inside ones are followed', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  assert.equal((await fetchRaw(r.port, 'GET', '/out-link.txt')).status, 404);
  assert.equal((await fetchRaw(r.port, 'GET', '/out-dir/o.txt')).status, 404);
  assert.equal((await fetchRaw(r.port, 'GET', '/out-dir/')).status, 404);
  assert.equal((await fetchRaw(r.port, 'GET', '/in-link.txt')).body.toString(), 'hello');

  const f = await serve(['0', '-d', root, '--follow-symlinks'], base);
  t.after(() => void stop(f).catch(() => {}));
  assert.equal((await fetchRaw(f.port, 'GET', '/out-link.txt')).body.toString(), 'OUTSIDE-FILE');
  assert.equal((await fetchRaw(f.port, 'GET', '/out-dir/o.txt')).body.toString(), 'OUTSIDE');
});
