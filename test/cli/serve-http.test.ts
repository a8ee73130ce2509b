// `netkit serve http` in-process: banner and readiness (stderr, --port-file, --json), file
// serving with raw node:net requests and with netkit's own client engine, the access log,
// Ctrl-C, --once, the extras (-H, --cors, --cache, --no-listing, --no-dotfiles), TLS, a
// large file, 1,000 concurrent connections, and path traversal in every disguise. Port 0 and loopback only; every wait bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { IO } from '../../src/cli/io.js';
import { request } from '../../src/protocols/http/client/index.js';
import { rawExchange, splitResponses, header } from '../peers/serve-http-raw.js';
import { makeTestCert } from '../fakes/tls-cert.js';
import { bounded, serve, stop, type Running } from '../peers/serve-http-harness.js';


function tree(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-'));
  const root = join(base, 'root');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(join(root, 'withindex'));
  writeFileSync(join(root, 'a.txt'), 'x'.repeat(1024));
  writeFileSync(join(root, 'withindex', 'index.html'), '<p>index</p>');
  writeFileSync(join(root, '.secret'), 'dot');
  writeFileSync(join(base, 'outside.txt'), 'OUTSIDE-SECRET');
  utimesSync(join(root, 'a.txt'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
  return { base, root };
}

const get = async (port: number, path: string, extra = '') =>
  splitResponses(await rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`))[0]!;

test('banner, --port-file, files, listing, 301, 404, 304, HEAD, the access log and Ctrl-C', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--port-file', 'port.txt'], base);
  assert.equal(readFileSync(join(base, 'port.txt'), 'utf8'), `${r.port}\n`);
  assert.equal(r.stderr().split('\n')[0], `Serving HTTP on 127.0.0.1 port ${r.port} (http://127.0.0.1:${r.port}/) ...`);

  const file = await get(r.port, '/a.txt');
  assert.equal(file.statusLine, 'HTTP/1.1 200 OK');
  // Python's headers first; HTTP/1.1 mode adds the validators and range support after them.
  assert.deepEqual(file.headers.map(([k]) => k), ['Server', 'Date', 'Content-type', 'Content-Length', 'Last-Modified', 'ETag', 'Accept-Ranges', 'Vary']);
  assert.equal(header(file, 'content-type'), 'text/plain');
  assert.equal(header(file, 'last-modified'), 'Thu, 02 Jan 2020 03:04:05 GMT');
  assert.equal(file.body.toString(), 'x'.repeat(1024));

  const redirect = await get(r.port, '/sub?q=1');
  assert.deepEqual([redirect.status, header(redirect, 'location'), header(redirect, 'content-length')], [301, '/sub/?q=1', '0']);
  // CVE-2021-28861: no "//host" in Location.
  assert.equal(header(await get(r.port, '//sub'), 'location'), '/sub/');
  assert.equal((await get(r.port, '/withindex/')).body.toString(), '<p>index</p>');
  assert.match((await get(r.port, '/')).body.toString(), /<li><a href="a.txt">a.txt<\/a><\/li>/);
  assert.equal((await get(r.port, '/a.txt/')).status, 404);
  const missing = await get(r.port, '/nope');
  assert.equal(missing.statusLine, 'HTTP/1.1 404 File not found');
  const ims = await get(r.port, '/a.txt', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT\r\n');
  assert.deepEqual([ims.status, ims.headers.map(([k]) => k)], [304, ['Server', 'Date', 'ETag', 'Vary']]);
  assert.equal((await get(r.port, '/a.txt', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:04 GMT\r\n')).status, 200);
  assert.equal((await get(r.port, '/a.txt', 'If-Modified-Since: Thu, 02 Jan 2020 03:04:05 GMT\r\nIf-None-Match: "x"\r\n')).status, 200);
  const head = splitResponses(await rawExchange(r.port, 'HEAD /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n'), [true]);
  assert.equal(head.length, 1);
  assert.equal(header(head[0]!, 'content-length'), '1024');

  // netkit's own client engine, keep-alive over one pooled connection.
  const res = await request({ url: `http://127.0.0.1:${r.port}/a.txt`, pool: false });
  assert.equal(res.status, 200);
  assert.equal((await res.bytes()).length, 1024);

  assert.equal(await stop(r), 0);
  const lines = r.stderr().split('\n');
  assert.match(lines[1]!, /^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] "GET \/a.txt HTTP\/1.1" 200 -$/);
  assert.ok(lines.some((l) => /\] code 404, message File not found$/.test(l)));
  assert.ok(r.stderr().endsWith('\n\nKeyboard interrupt received, exiting.\n'));
  assert.equal(r.stdout(), '');
});

test('path traversal never leaves the root', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => stop(r));
  const attempts = [
    '/../outside.txt',
    '/sub/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E%2Foutside.txt',
    '/..%2foutside.txt',
    '/..%5coutside.txt',
    '/sub/%2e%2e/%2e%2e/outside.txt',
    '/..\\outside.txt',
    '/a.txt%00.png',
    `/${base.slice(1)}/outside.txt`,
    `//${base.slice(1)}/outside.txt`,
    `http://x/../outside.txt`,
    `/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd`,
  ];
  for (const path of attempts) {
    const bytes = await rawExchange(r.port, `GET ${path} HTTP/1.1\r\nConnection: close\r\n\r\n`);
    const text = bytes.toString('latin1');
    assert.ok(!text.includes('OUTSIDE-SECRET') && !text.includes('root:x:0'), path);
    assert.match(text, /^HTTP\/1\.1 (404|400|301)/, path);
  }
});

test('--once answers one request and exits 0; --json prints the readiness record', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--once', '--json'], base);
  const ready = JSON.parse(r.stdout().split('\n')[0]!);
  assert.deepEqual(ready, { event: 'listening', host: '127.0.0.1', port: r.port, url: `http://127.0.0.1:${r.port}/`, directory: root, protocol: 'HTTP/1.1' });
  const rs = splitResponses(await rawExchange(r.port, 'GET /a.txt HTTP/1.1\r\n\r\nGET /a.txt HTTP/1.1\r\n\r\n'));
  assert.equal(rs.length, 1);
  assert.equal(header(rs[0]!, 'connection'), 'close');
  assert.equal(await bounded(r.exit, 'exit after --once'), 0);
  assert.deepEqual(JSON.parse(r.stdout().trim().split('\n').at(-1)!), { event: 'closed', reason: 'max-requests', requests: 1 });
});

test('-H, --cors, --cache, --no-listing, --no-dotfiles, -p HTTP/1.0 and --log-format json', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '-H', 'X-A: 1', '-H', 'X-B:2', '--cors', '--cache', '60', '--no-listing', '--no-dotfiles', '-p', 'HTTP/1.0', '--log-format', 'json'], base);
  t.after(() => stop(r));
  const file = await get(r.port, '/a.txt');
  assert.equal(file.statusLine, 'HTTP/1.0 200 OK');
  assert.deepEqual(file.headers.slice(5), [['X-A', '1'], ['X-B', '2'], ['Access-Control-Allow-Origin', '*'], ['Cache-Control', 'max-age=60']]);
  assert.equal((await get(r.port, '/')).status, 404);
  assert.equal((await get(r.port, '/.secret')).status, 404);
  // HTTP/1.0: one request per connection.
  assert.equal(splitResponses(await rawExchange(r.port, 'GET /a.txt HTTP/1.1\r\n\r\nGET /a.txt HTTP/1.1\r\n\r\n')).length, 1);
  await stop(r);
  const records = r.stderr().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(records[0]), ['time', 'client', 'request_line', 'code', 'bytes']);
  assert.deepEqual([records[0].request_line, records[0].code, records[0].bytes], ['GET /a.txt HTTP/1.1', 200, 1024]);
});

test('symlinks are followed and shown with @ as Python does', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  symlinkSync(join(root, 'sub'), join(root, 'linkdir'));
  const r = await serve(['0', '-d', root], base);
  t.after(() => stop(r));
  assert.match((await get(r.port, '/')).body.toString(), /<li><a href="linkdir\/">linkdir@<\/a><\/li>/);
});

test('a port in use exits 3 with a clear message; a missing directory exits 2', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root], base);
  t.after(() => stop(r));
  const io = (): { io: IO; err: () => string } => {
    const err = new PassThrough();
    let text = '';
    err.on('data', (c) => (text += c));
    return { io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr: err, env: {}, cwd: base }, err: () => text };
  };
  const busy = io();
  assert.equal(await bounded(main(['serve', 'http', String(r.port)], busy.io), 'exit'), 3);
  assert.match(busy.err(), new RegExp(`cannot listen on 127\\.0\\.0\\.1:${r.port}: Address already in use`));
  const nodir = io();
  assert.equal(await bounded(main(['serve', 'http', '0', '-d', 'nope'], nodir.io), 'exit'), 2);
  assert.match(nodir.err(), /not a directory/);
});

test('--tls-cert/--tls-key: HTTPS banner, netkit client over TLS; --tls-key alone is a usage error', async (t) => {
  const tc = makeTestCert();
  if (tc.skip) {
    if (process.env.NETKIT_REQUIRE_PEERS === '1') assert.fail(tc.skip);
    t.skip(tc.skip);
    return;
  }
  const { base, root } = tree();
  t.after(() => {
    tc.cleanup();
    rmSync(base, { recursive: true, force: true });
  });
  writeFileSync(join(base, 'key.pem'), tc.key);
  const r = await serve(['0', '-d', root, '--tls-cert', tc.certPath, '--tls-key', 'key.pem'], base);
  t.after(() => stop(r));
  assert.equal(r.stderr().split('\n')[0], `Serving HTTPS on 127.0.0.1 port ${r.port} (https://127.0.0.1:${r.port}/) ...`);
  const res = await request({ url: `https://127.0.0.1:${r.port}/a.txt`, ca: tc.cert, pool: false });
  assert.equal(res.status, 200);
  assert.equal((await res.bytes()).toString(), 'x'.repeat(1024));
  const err = new PassThrough();
  let text = '';
  err.on('data', (c) => (text += c));
  const code = await bounded(main(['serve', 'http', '0', '--tls-key', 'key.pem'], { stdin: Readable.from([]), stdout: new PassThrough(), stderr: err, env: {}, cwd: base }), 'exit');
  assert.equal(code, 2);
  assert.match(text, /--tls-key requires --tls-cert to be set/);
});

test('a large file streams whole, and a pipelined request after it is answered in order', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const big = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
  writeFileSync(join(root, 'big.bin'), big);
  const r = await serve(['0', '-d', root], base);
  t.after(() => stop(r));
  const bytes = await rawExchange(r.port, 'GET /big.bin HTTP/1.1\r\n\r\nGET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n', { timeoutMs: 20_000 });
  const rs = splitResponses(bytes);
  assert.equal(rs.length, 2);
  assert.equal(header(rs[0]!, 'content-type'), 'application/octet-stream');
  assert.ok(rs[0]!.body.equals(big));
  assert.equal(rs[1]!.body.toString(), 'x'.repeat(1024));
});

test('1,000 concurrent keep-alive connections are all served', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--log-format', 'json'], base);
  t.after(() => stop(r));
  const all = await Promise.all(
    Array.from({ length: 1000 }, () => rawExchange(r.port, 'GET /a.txt HTTP/1.1\r\n\r\nGET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n', { timeoutMs: 20_000 })),
  );
  for (const bytes of all) assert.deepEqual(splitResponses(bytes).map((x) => x.status), [200, 200]);
});

test('-b ::1 binds IPv6 loopback and brackets the URL in the banner', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  let r: Running;
  try {
    r = await serve(['0', '-b', '::1', '-d', root], base);
  } catch (err) {
    if (/Cannot assign requested address|EADDRNOTAVAIL/.test(String(err))) {
      t.skip('no IPv6 loopback here');
      return;
    }
    throw err;
  }
  t.after(() => stop(r));
  assert.equal(r.stderr().split('\n')[0], `Serving HTTP on ::1 port ${r.port} (http://[::1]:${r.port}/) ...`);
  const rs = splitResponses(await rawExchange(r.port, 'GET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n', { host: '::1' }));
  assert.equal(rs[0]!.status, 200);
  assert.match(r.stderr(), /^::1 - - \[/m);
});
