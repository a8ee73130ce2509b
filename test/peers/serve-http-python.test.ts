// netkit's serve http engine next to python3 -m http.server (ThreadingHTTPServer with
// SimpleHTTPRequestHandler) on the same directory: byte-identical responses but for the
// Server and Date values, with protocol HTTP/1.0 as Python's default — files, listings,
// 301s, 404s, 304s, HEAD, HTTP/0.9, bad request lines and limits — over raw sockets and
// with curl as the client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPyStatic, ODD_NAME, type PyStatic } from './pyhttp.js';
import { requirePeer } from '../helpers/peers.js';
import { rawExchange } from './serve-http-raw.js';
import { HTTP_SERVER_DEFAULTS, listenHttp } from '../../src/protocols/http/server/index.js';
import { FILE_METHODS, makeFileHandler } from '../../src/protocols/http/server/file-handler.js';
import type { Listener } from '../../src/protocols/core/listener.js';
import { formatHttpDate } from '../../src/protocols/http/server/simple/http-date.js';

const skip = requirePeer('python3');
let py: PyStatic;
let ours: Listener;

before(async () => {
  if (skip) return;
  py = await startPyStatic();
  const root = py.root;
  writeFileSync(join(root, 'b&<c>.html'), '<b>\n');
  writeFileSync(join(root, 'sp ace.bin'), '');
  writeFileSync(join(root, 'app.js'), 'x()\n');
  writeFileSync(join(root, 'pic.svg'), '<svg/>\n');
  writeFileSync(join(root, 'arch.tar.gz'), 'gz');
  writeFileSync(join(root, 'Upper.TXT'), 'U\n');
  writeFileSync(join(root, '.hidden'), 'h\n');
  mkdirSync(join(root, 'x&<y>'));
  mkdirSync(join(root, 'idx'));
  writeFileSync(join(root, 'idx', 'index.htm'), '<p>htm</p>\n');
  symlinkSync(join(root, 'sub'), join(root, 'linkdir'));
  symlinkSync(join(root, 'hello.txt'), join(root, 'link.txt'));
  ours = await listenHttp(
    { port: 0 },
    {
      ...HTTP_SERVER_DEFAULTS,
      protocolVersion: 'HTTP/1.0',
      serverVersion: 'SimpleHTTP/0.6 netkit',
      headerTimeoutMs: 5000,
      methods: FILE_METHODS,
      handler: makeFileHandler({ root, listing: true, dotfiles: true }),
    },
  );
});

after(async () => {
  await ours?.close(0);
  await py?.stop();
});

/** Server and Date values differ by design; everything else must match. */
function normalize(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/^Server: .*\r\n/m, 'Server: *\r\n')
    .replace(/^Date: .*\r\n/m, 'Date: *\r\n');
}

async function same(request: string | Buffer): Promise<string> {
  const [a, b] = await Promise.all([rawExchange(ours.address.port, request), rawExchange(py.port, request)]);
  const label = JSON.stringify(request.toString('latin1').slice(0, 80));
  assert.equal(normalize(a), normalize(b), label);
  return normalize(b);
}

const GET = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;

test('files, listings and redirects are byte-identical', { skip }, async () => {
  for (const path of ['/', '/hello.txt', '/random.bin', '/sub', '/sub?x=1', '//sub', '/sub/', '/sub/b%20c.html', '/idx/', '/linkdir', '/linkdir/', '/link.txt', '/x%26%3Cy%3E/', '/?C=M;O=A', '/pic.svg', '/arch.tar.gz', '/Upper.TXT', '/.hidden', '/sp%20ace.bin', '/' + encodeURIComponent(ODD_NAME), '/b%26%3Cc%3E.html']) {
    await same(GET(path));
  }
  assert.match(await same(GET('/')), /^HTTP\/1\.0 200 OK\r\n/);
});

test('a known divergence: .js is application/javascript (3.11 built-in table); python3 here also reads /etc/mime.types', { skip }, async () => {
  const ourHead = (await rawExchange(ours.address.port, GET('/app.js'))).toString('latin1');
  assert.match(ourHead, /\r\nContent-type: application\/javascript\r\n/);
});

test('404s, trailing slash on a file, traversal attempts', { skip }, async () => {
  for (const path of ['/nope', '/hello.txt/', '/../hello.txt', '/%2e%2e/%2e%2e/etc/passwd', '/sub/..%2f..%2fhello.txt', '/nope/', '/%3Cscript%3E']) {
    await same(GET(path));
  }
});

test('If-Modified-Since as send_head decides it', { skip }, async () => {
  const mtime = statSync(join(py.root, 'hello.txt')).mtimeMs;
  const exact = formatHttpDate(mtime);
  const older = formatHttpDate(mtime - 1000);
  const newer = formatHttpDate(mtime + 86_400_000);
  for (const value of [exact, older, newer, exact.replace('GMT', '+0000'), exact.replace('GMT', '-0000'), exact.replace(' GMT', ''), exact.replace('GMT', '+0100'), 'garbage', '']) {
    await same(GET('/hello.txt', `If-Modified-Since: ${value}\r\n`));
  }
  await same(GET('/hello.txt', `If-Modified-Since: ${exact}\r\nIf-None-Match: "x"\r\n`));
});

test('HEAD, 501, HTTP/0.9 and bad request lines', { skip }, async () => {
  for (const request of [
    'HEAD /hello.txt HTTP/1.1\r\n\r\n',
    'HEAD / HTTP/1.1\r\n\r\n',
    'HEAD /nope HTTP/1.1\r\n\r\n',
    'HEAD /sub HTTP/1.1\r\n\r\n',
    'POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n',
    'get / HTTP/1.1\r\n\r\n',
    'GET /hello.txt\r\n\r\n',
    'GARBAGE\r\n\r\n',
    'GET / HTTP/2.0\r\n\r\n',
    'GET / HTTP/1.x\r\n\r\n',
    'GET / extra HTTP/1.1\r\n\r\n',
    'POST /\r\n\r\n',
    "GET /<script>'x' HTTP/9\r\n\r\n",
    'GET /a\x1b[31m HTTP/1.1\r\n\r\n',
  ]) {
    await same(request);
  }
});

test('limits: 414, 431 line too long, 431 too many headers', { skip }, async () => {
  await same('GET /' + 'a'.repeat(70_000) + ' HTTP/1.1\r\n\r\n');
  await same('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(70_000) + '\r\n\r\n');
  await same('GET / HTTP/1.1\r\n' + 'A: b\r\n'.repeat(100) + '\r\n');
  await same('GET / HTTP/1.1\r\n' + 'A: b\r\n'.repeat(99) + '\r\n');
});

test('curl as the client sees the same responses', { skip: skip || requirePeer('curl') }, async () => {
  // Asynchronous: our server runs in this process and must keep answering while curl waits.
  const curl = async (args: string[]) => normalize(Buffer.from((await promisify(execFile)('curl', args, { timeout: 10_000, encoding: 'latin1' })).stdout, 'latin1'));
  for (const path of ['/', '/hello.txt', '/sub', '/nope', '/sub/b%20c.html']) {
    for (const flag of ['-si', '-sI']) {
      const [a, b] = await Promise.all([ours.address.port, py.port].map((port) => curl([flag, '--max-time', '5', `http://127.0.0.1:${port}${path}`])));
      assert.equal(a, b, `curl ${flag} ${path}`);
    }
  }
});

// python3's urllib.request as the client: the same answers from netkit as from http.server.
const PY_CLIENT = `
import hashlib, json, sys, urllib.request, urllib.error
out = []
for url in sys.argv[1:]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            body = r.read()
            out.append({"url": r.url, "status": r.status, "type": r.headers.get("Content-type"), "sha256": hashlib.sha256(body).hexdigest()})
    except urllib.error.HTTPError as e:
        out.append({"url": e.url, "status": e.code, "error": str(e)})
print(json.dumps(out))
`;

test('python3 urllib.request as the client gets the same answers from netkit as from http.server', { skip }, async () => {
  const paths = ['/hello.txt', `/${encodeURIComponent(ODD_NAME)}`, '/sub', '/idx/', '/random.bin', '/missing', '/hello.txt/'];
  const run = async (port: number): Promise<unknown> => {
    const { stdout } = await promisify(execFile)('python3', ['-c', PY_CLIENT, ...paths.map((p) => `http://127.0.0.1:${port}${p}`)], { timeout: 20_000, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.replaceAll(`:${port}/`, ':PORT/'));
  };
  const [a, b] = await Promise.all([run(ours.address.port), run(py.port)]);
  assert.deepEqual(a, b);
});
