// `netkit serve http` ranges, validators and gzip (HTTP/1.1 mode): curl -r (single and
// multiple ranges), If-Range, ETag with If-None-Match/If-Match, Python's If-Modified-Since,
// gzip with curl --compressed (cached small files and a streamed large file), --no-gzip,
// -p HTTP/1.0 keeping Python's headers, netkit's client engine, and a byte-exact seek in a
// 10 MB media file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from '../../src/protocols/http/client/index.js';
import { header } from '../peers/serve-http-raw.js';
import { fetchRaw, serve, stop, WAIT_MS } from '../peers/serve-http-harness.js';

function curl(args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', '--max-time', String(WAIT_MS / 1000), ...args], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr: stderr.toString() });
    });
  });
}

function tree() {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-ranges-'));
  const root = join(base, 'root');
  mkdirSync(root);
  const text = Buffer.from(Array.from({ length: 400 }, (_, i) => `line ${i} of some compressible text\n`).join(''));
  const media = randomBytes(10 * 1024 * 1024);
  const bigText = Buffer.from('0123456789abcdef\n'.repeat(200_000)); // 3.4 MB: streamed, not cached
  writeFileSync(join(root, 'text.txt'), text);
  writeFileSync(join(root, 'media.wav'), media);
  writeFileSync(join(root, 'big.txt'), bigText);
  for (const f of ['text.txt', 'media.wav']) utimesSync(join(root, f), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
  return { base, root, text, media, bigText };
}

test('ranges: curl -r single and multiple, If-Range, 416, and a 10 MB media seek byte-exact', async (t) => {
  const { base, root, text, media } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  const url = `http://127.0.0.1:${r.port}`;

  const one = await curl(['-r', '10-19', `${url}/text.txt`]);
  assert.deepEqual(one.stdout, text.subarray(10, 20));
  const seek = await curl(['-r', '5000000-5999999', '-D', '-', '-o', join(base, 'seek.bin'), `${url}/media.wav`]);
  assert.match(seek.stdout.toString(), /^HTTP\/1\.1 206 Partial Content\r\n/);
  assert.match(seek.stdout.toString(), /\r\nContent-Range: bytes 5000000-5999999\/10485760\r\n/);
  assert.ok(readFileSync(join(base, 'seek.bin')).equals(media.subarray(5_000_000, 6_000_000)));
  const tail = await fetchRaw(r.port, 'GET', '/media.wav', 'Range: bytes=-100\r\n');
  assert.deepEqual([tail.status, header(tail, 'content-range')], [206, 'bytes 10485660-10485759/10485760']);
  assert.ok(tail.body.equals(media.subarray(media.length - 100)));

  // Two ranges: multipart/byteranges with each slice byte-exact (from disk and from the cache).
  for (const [path, data] of [['/media.wav', media], ['/text.txt', text]] as const) {
    const multi = await fetchRaw(r.port, 'GET', path, 'Range: bytes=0-9,1000-1009\r\n');
    assert.equal(multi.status, 206);
    const boundary = /boundary=(\S+)/.exec(header(multi, 'content-type')!)![1]!;
    assert.equal(Number(header(multi, 'content-length')), multi.body.length);
    const parts = multi.body.toString('latin1').split(`--${boundary}`);
    assert.equal(parts.length, 4);
    assert.match(parts[1]!, /Content-Range: bytes 0-9\//);
    assert.equal(parts[1]!.split('\r\n\r\n')[1]!.slice(0, 10), data.subarray(0, 10).toString('latin1'));
    assert.equal(parts[2]!.split('\r\n\r\n')[1]!.slice(0, 10), data.subarray(1000, 1010).toString('latin1'));
  }

  const etag = header(await fetchRaw(r.port, 'HEAD', '/media.wav'), 'etag')!;
  assert.equal((await fetchRaw(r.port, 'GET', '/media.wav', `Range: bytes=0-0\r\nIf-Range: ${etag}\r\n`)).status, 206);
  const stale = await fetchRaw(r.port, 'GET', '/media.wav', 'Range: bytes=0-0\r\nIf-Range: "other"\r\n');
  assert.deepEqual([stale.status, stale.body.length], [200, media.length]);
  assert.equal((await fetchRaw(r.port, 'GET', '/media.wav', 'Range: bytes=0-0\r\nIf-Range: Thu, 02 Jan 2020 03:04:05 GMT\r\n')).status, 206);
  const bad = await fetchRaw(r.port, 'GET', '/text.txt', 'Range: bytes=999999-\r\n');
  assert.deepEqual([bad.status, header(bad, 'content-range')], [416, `bytes */${text.length}`]);

  // netkit's own client engine.
  const res = await request({ url: `${url}/media.wav`, headers: { Range: 'bytes=100-199' }, pool: false });
  assert.equal(res.status, 206);
  assert.ok((await res.bytes()).equals(media.subarray(100, 200)));
});

test('validators: ETag with If-None-Match and If-Match, If-Modified-Since as Python, the order between them', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  const first = await fetchRaw(r.port, 'GET', '/text.txt');
  const etag = header(first, 'etag')!;
  assert.match(etag, /^"[0-9a-f-]+"$/);
  assert.equal(header(first, 'accept-ranges'), 'bytes');
  const inm = await fetchRaw(r.port, 'GET', '/text.txt', `If-None-Match: ${etag}\r\n`);
  assert.deepEqual([inm.status, header(inm, 'etag')], [304, etag]);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', 'If-None-Match: "nope"\r\n')).status, 200);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', `If-Match: ${etag}\r\n`)).status, 200);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', 'If-Match: "nope"\r\n')).status, 412);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT\r\n')).status, 304);
  assert.equal((await fetchRaw(r.port, 'GET', '/media.wav', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:04 GMT\r\n')).status, 200);
  // If-None-Match wins over If-Modified-Since (Python and RFC 9110 agree).
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT\r\nIf-None-Match: "nope"\r\n')).status, 200);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', 'If-Unmodified-Since: Thu, 02 Jan 2020 03:04:04 GMT\r\n')).status, 412);
});

test('gzip: curl --compressed on a cached file and a streamed 3 MB file; identity without Accept-Encoding; --no-gzip; -p HTTP/1.0 is Python', async (t) => {
  const { base, root, text, bigText } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => void stop(r).catch(() => {}));
  const url = `http://127.0.0.1:${r.port}`;
  for (const [path, data] of [['/text.txt', text], ['/big.txt', bigText]] as const) {
    const c = await curl(['--compressed', '-D', join(base, 'h.txt'), `${url}${path}`]);
    assert.equal(c.code, 0, c.stderr);
    assert.ok(c.stdout.equals(data), path);
    assert.match(readFileSync(join(base, 'h.txt'), 'latin1'), /\r\nContent-Encoding: gzip\r\n/i);
  }
  const gz = await fetchRaw(r.port, 'GET', '/text.txt', 'Accept-Encoding: gzip\r\n');
  assert.deepEqual([header(gz, 'content-encoding'), header(gz, 'vary')], ['gzip', 'Accept-Encoding']);
  assert.ok(gunzipSync(gz.body).equals(text));
  const gzEtag = header(gz, 'etag')!;
  assert.match(gzEtag, /-gzip"$/);
  assert.equal((await fetchRaw(r.port, 'GET', '/text.txt', `Accept-Encoding: gzip\r\nIf-None-Match: ${gzEtag}\r\n`)).status, 304);
  const plain = await fetchRaw(r.port, 'GET', '/text.txt');
  assert.equal(header(plain, 'content-encoding'), undefined);
  assert.ok(plain.body.equals(text));
  // Range responses are never gzipped.
  const ranged = await fetchRaw(r.port, 'GET', '/text.txt', 'Accept-Encoding: gzip\r\nRange: bytes=0-4\r\n');
  assert.deepEqual([ranged.status, header(ranged, 'content-encoding'), ranged.body.toString()], [206, undefined, 'line ']);
  const res = await request({ url: `${url}/big.txt`, headers: { 'Accept-Encoding': 'gzip' }, pool: false });
  assert.equal(res.status, 200);

  const nogz = await serve(['0', '-d', root, '--no-gzip'], base);
  t.after(() => void stop(nogz).catch(() => {}));
  const n = await fetchRaw(nogz.port, 'GET', '/text.txt', 'Accept-Encoding: gzip\r\n');
  assert.deepEqual([header(n, 'content-encoding'), header(n, 'vary')], [undefined, undefined]);
  assert.ok(n.body.equals(text));

  const py = await serve(['0', '-d', root, '-p', 'HTTP/1.0'], base);
  t.after(() => void stop(py).catch(() => {}));
  const p = await fetchRaw(py.port, 'GET', '/text.txt', 'Accept-Encoding: gzip\r\nRange: bytes=0-4\r\n');
  assert.deepEqual([p.status, p.headers.map(([k]) => k)], [200, ['Server', 'Date', 'Content-type', 'Content-Length', 'Last-Modified']]);
});
