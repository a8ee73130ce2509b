// CLI goldens for `netkit url open` and `netkit url retrieve` against the scripted fake
// server and local data:/file: URLs: bodies, -i, --json records, HTTPError (exit 5),
// URLError (exit 3), atomic writes, ContentTooShortError leaving no file, progress on a TTY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { ok, startFakeHTTPServer } from '../fakes/http-server.js';
import { freePort } from '../peers/daemon.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

test('open: the body of an http URL on stdout', async () => {
  const server = await startFakeHTTPServer({ send: ok('hello\n', { 'Content-Type': 'text/plain' }) });
  try {
    assert.deepEqual(await runCli(['url', 'open', `${server.url}/x`]), { code: 0, stdout: 'hello\n', stderr: '' });
    assert.equal(server.received[0]!.target, '/x');
    assert.ok(server.received[0]!.headers.some(([k, v]) => k === 'User-Agent' && v === 'Python-urllib/3.11'));
  } finally {
    await server.close();
  }
});

test('open -i: info() headers and a blank line first', async () => {
  const server = await startFakeHTTPServer({ send: ok('hi', { 'X-A': '1' }) });
  try {
    const r = await runCli(['url', 'open', '-i', server.url]);
    assert.equal(r.stdout, 'Content-Length: 2\nX-A: 1\n\nhi');
  } finally {
    await server.close();
  }
});

test('open: data: and file: URLs, several in turn', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-open-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'from file\n');
  const r = await runCli(['url', 'open', 'data:text/plain;base64,aGVsbG8=', pathToFileURL(file).href]);
  assert.deepEqual(r, { code: 0, stdout: 'hellofrom file\n', stderr: '' });
  const i = await runCli(['url', 'open', '-i', 'data:text/plain,hi']);
  assert.equal(i.stdout, 'Content-type: text/plain\nContent-length: 2\n\nhi');
});

test('open --json: url, status or null, reason, headers, size, sha256', async () => {
  const server = await startFakeHTTPServer({ send: ok('hello') });
  try {
    const r = await runCli(['url', 'open', '--json', `${server.url}/p`, 'data:,abc']);
    const [http, data] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(http, { url: `${server.url}/p`, status: 200, reason: 'OK', headers: [['Content-Length', '5']], size: 5, sha256: sha('hello') });
    assert.equal(data.status, null);
    assert.equal(data.size, 3);
    assert.equal(data.sha256, sha('abc'));
  } finally {
    await server.close();
  }
});

test('open: HTTPError exits 5, URLError exits 3, unknown scheme fails', async () => {
  const server = await startFakeHTTPServer({ send: ok('gone', {}, '404 Not Found') });
  try {
    const r = await runCli(['url', 'open', server.url]);
    assert.equal(r.code, 5);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /HTTP Error 404: Not Found/);
  } finally {
    await server.close();
  }
  const down = await runCli(['url', 'open', `http://127.0.0.1:${await freePort()}/`]);
  assert.equal(down.code, 3);
  assert.match(down.stderr, /<urlopen error/);
  const missing = await runCli(['url', 'open', 'file:///nonexistent/netkit-x']);
  assert.equal(missing.code, 3);
  assert.notEqual((await runCli(['url', 'open', 'gopher://x/'])).code, 0);
});

test('retrieve: FILE derived from the URL path, written atomically; prints FILE and headers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-retrieve-'));
  const server = await startFakeHTTPServer({ send: ok('payload', { 'Content-Type': 'text/csv' }) });
  try {
    const r = await runCli(['url', 'retrieve', `${server.url}/dir/data%20set.csv?x=1`], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'data set.csv\nContent-Length: 7\nContent-Type: text/csv\n');
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(join(dir, 'data set.csv'), 'utf8'), 'payload');
    assert.deepEqual(readdirSync(dir), ['data set.csv']);
    const named = await runCli(['url', 'retrieve', '--json', `${server.url}/`, 'index.html'], { cwd: dir });
    assert.deepEqual(JSON.parse(named.stdout), {
      filename: 'index.html',
      headers: [
        ['Content-Length', '7'],
        ['Content-Type', 'text/csv'],
      ],
      size: 7,
      sha256: sha('payload'),
    });
    assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), 'payload');
  } finally {
    await server.close();
  }
});

test('retrieve: no name in the path is a usage error; data: needs FILE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-retrieve-'));
  const r = await runCli(['url', 'retrieve', 'http://127.0.0.1:1/'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /has no file name/);
  assert.equal((await runCli(['url', 'retrieve', 'data:,x'], { cwd: dir })).code, 2);
  assert.equal((await runCli(['url', 'retrieve', 'data:,x', 'x.txt'], { cwd: dir })).code, 0);
  assert.equal(readFileSync(join(dir, 'x.txt'), 'utf8'), 'x');
});

test('retrieve: fewer bytes than Content-Length is ContentTooShortError and leaves no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-retrieve-'));
  const server = await startFakeHTTPServer({ send: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabcd', close: true });
  try {
    const r = await runCli(['url', 'retrieve', `${server.url}/f.bin`], { cwd: dir });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /<urlopen error retrieval incomplete: got only 4 out of 10 bytes>/);
    assert.deepEqual(readdirSync(dir), []);
    const j = await runCli(['url', 'retrieve', '--json', `${server.url}/f.bin`], { cwd: dir });
    assert.equal(j.code, 3);
    assert.equal(JSON.parse(j.stderr).error.python, 'urllib.error.ContentTooShortError');
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    await server.close();
  }
});

test('retrieve: HTTPError exits 5 and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-retrieve-'));
  const server = await startFakeHTTPServer({ send: ok('no', {}, '500 Internal Server Error') });
  try {
    const r = await runCli(['url', 'retrieve', `${server.url}/f`], { cwd: dir });
    assert.equal(r.code, 5);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    await server.close();
  }
});

test('retrieve: a progress line on a TTY stderr (bytes, total, rate), none under --quiet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-retrieve-'));
  const body = 'x'.repeat(5000);
  const server = await startFakeHTTPServer({ send: ok(body) });
  try {
    const r = await runCli(['url', 'retrieve', `${server.url}/big.txt`], { cwd: dir, tty: true });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^(\rbig\.txt {2}[\d.]+ K?i?B \/ 4\.9 KiB {2}\d+% {2}[\d.]+ [KMGT]?i?B\/s\x1b\[K)+\n$/);
    assert.match(r.stderr, /4\.9 KiB \/ 4\.9 KiB {2}100%.*\n$/);
    const q = await runCli(['--quiet', 'url', 'retrieve', `${server.url}/big.txt`], { cwd: dir, tty: true });
    assert.equal(q.stderr, '');
  } finally {
    await server.close();
  }
});
