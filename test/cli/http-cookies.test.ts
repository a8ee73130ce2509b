// Cookies on the http verbs: -c/--cookie-jar loads, applies (DefaultCookiePolicy, redirects
// included) and saves a Netscape/Mozilla or LWP jar that python3's MozillaCookieJar and
// LWPCookieJar load; -b adds NAME=VALUE pairs or a cookie file's cookies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { startFakeHTTPServer, type ReceivedRequest } from '../fakes/http-server.js';

const python = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[:2] == (3, 11))'], { encoding: 'utf8' }).stdout?.trim() === 'True';
const needPython = python ? false : process.env.NETKIT_REQUIRE_PEERS === '1' ? undefined : 'python3 3.11 is not installed';
if (needPython === undefined) throw new Error('python3 3.11 is required (NETKIT_REQUIRE_PEERS=1)');

function raw(status: string, headers: string[], body = ''): string {
  return `HTTP/1.1 ${status}\r\n${headers.map((h) => h + '\r\n').join('')}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const cookieOf = (r: ReceivedRequest): string | undefined => r.headers.find(([n]) => n.toLowerCase() === 'cookie')?.[1];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netkit-cookies-'));
}

/** python3 loads FILE with MozillaCookieJar or LWPCookieJar (session cookies kept). */
function pythonLoads(kind: 'Mozilla' | 'LWP', file: string): Array<{ name: string; value: string; domain: string; path: string; discard: boolean; secure: boolean }> {
  const code = `import http.cookiejar, json, sys
j = http.cookiejar.${kind}CookieJar()
j.load(sys.argv[1], ignore_discard=True)
print(json.dumps([dict(name=c.name, value=c.value, domain=c.domain, path=c.path, discard=c.discard, secure=c.secure) for c in j]))`;
  const r = spawnSync('python3', ['-c', code, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('a new --cookie-jar is created with what the server set; python3 loads it; the next run sends it', { skip: needPython }, async () => {
  const dir = tempDir();
  const server = await startFakeHTTPServer((req) => ({
    send: req.target === '/login' ? raw('200 OK', ['Set-Cookie: sid=abc123; Path=/', 'Set-Cookie: theme=dark; Max-Age=3600; Path=/app']) : raw('200 OK', [], 'ok'),
  }));
  try {
    const jar = join(dir, 'jar.txt');
    const first = await runCli(['http', 'get', `${server.url}/login`, '-c', jar], { cwd: dir });
    assert.equal(first.code, 0, first.stderr);
    const saved = readFileSync(jar, 'utf8');
    assert.match(saved, /^# Netscape HTTP Cookie File/);
    const py = pythonLoads('Mozilla', jar);
    assert.deepEqual(
      py.map((c) => [c.name, c.value, c.domain, c.path, c.discard]),
      [
        ['sid', 'abc123', '127.0.0.1', '/', true],
        ['theme', 'dark', '127.0.0.1', '/app', false],
      ],
    );
    await runCli(['http', 'get', `${server.url}/app/page`, `${server.url}/other`, '-c', jar], { cwd: dir });
    // Longest path first, as add_cookie_header orders them; /other is outside /app.
    assert.equal(cookieOf(server.received[1]!), 'theme=dark; sid=abc123');
    assert.equal(cookieOf(server.received[2]!), 'sid=abc123');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a jar python3 wrote is read; cookies set by a redirect go to the next hop', { skip: needPython }, async () => {
  const dir = tempDir();
  const jar = join(dir, 'py.txt');
  const write = spawnSync(
    'python3',
    [
      '-c',
      `import http.cookiejar, sys, time
j = http.cookiejar.MozillaCookieJar(sys.argv[1])
j.set_cookie(http.cookiejar.Cookie(0, "pre", "1", None, False, "127.0.0.1", False, False, "/", True, False, int(time.time()) + 3600, False, None, None, {}))
j.save()`,
      jar,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(write.status, 0, write.stderr);
  const server = await startFakeHTTPServer((req) => ({
    send: req.target === '/start' ? raw('302 Found', ['Location: /end', 'Set-Cookie: hop=2']) : raw('200 OK', [], 'done'),
  }));
  try {
    const r = await runCli(['http', 'get', `${server.url}/start`, '--cookie-jar', jar], { cwd: dir });
    assert.equal(r.stdout, 'done');
    assert.equal(cookieOf(server.received[0]!), 'pre=1');
    // Equal paths keep the jar's order: the loaded cookie, then the new one.
    assert.equal(cookieOf(server.received[1]!), 'pre=1; hop=2');
    assert.deepEqual(pythonLoads('Mozilla', jar).map((c) => c.name).sort(), ['hop', 'pre']);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--cookie-jar-format lwp writes Set-Cookie3 lines LWPCookieJar loads; an lwp jar keeps its format', { skip: needPython }, async () => {
  const dir = tempDir();
  const jar = join(dir, 'jar.lwp');
  const server = await startFakeHTTPServer({ send: raw('200 OK', ['Set-Cookie: a="x y"; Path=/; Secure']) });
  try {
    await runCli(['http', 'get', server.url, '-c', jar, '--cookie-jar-format', 'lwp'], { cwd: dir });
    assert.match(readFileSync(jar, 'utf8'), /^#LWP-Cookies-2\.0\nSet-Cookie3: a=/);
    assert.deepEqual(pythonLoads('LWP', jar).map((c) => [c.name, c.value, c.secure]), [['a', '"x y"', true]]);
    // Read back and saved again without the option: still LWP.
    await runCli(['http', 'get', server.url, '-c', jar], { cwd: dir });
    assert.match(readFileSync(jar, 'utf8'), /^#LWP-Cookies-2\.0/);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DefaultCookiePolicy refuses a cookie for another domain; the jar is saved even when the request fails', async () => {
  const dir = tempDir();
  const jar = join(dir, 'jar.txt');
  const server = await startFakeHTTPServer({ send: raw('404 Not Found', ['Set-Cookie: evil=1; Domain=.example.com', 'Set-Cookie: good=1']) });
  try {
    const r = await runCli(['http', 'get', server.url, '-c', jar], { cwd: dir });
    assert.equal(r.code, 5);
    const text = readFileSync(jar, 'utf8');
    assert.match(text, /\tgood\t1\n/);
    assert.doesNotMatch(text, /evil/);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-b NAME=VALUE and -b FILE add cookies; -b is not carried to another host', async () => {
  const dir = tempDir();
  const file = join(dir, 'in.txt');
  writeFileSync(file, '# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tfromfile\t1\n');
  const other = await startFakeHTTPServer({ send: raw('200 OK', [], 'there') });
  const server = await startFakeHTTPServer((req) => ({
    send: req.target === '/away' ? raw('302 Found', [`Location: ${other.url.replace('127.0.0.1', 'localhost')}/x`]) : raw('200 OK', [], 'here'),
  }));
  try {
    await runCli(['http', 'get', server.url, '-b', 'a=1; b=2', '-b', file], { cwd: dir });
    assert.equal(cookieOf(server.received[0]!), 'a=1; b=2; fromfile=1');
    // -b FILE is read, never written.
    assert.equal(readFileSync(file, 'utf8'), '# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tfromfile\t1\n');
    const r = await runCli(['http', 'get', `${server.url}/away`, '-b', 'a=1'], { cwd: dir });
    assert.equal(r.stdout, 'there');
    assert.equal(cookieOf(other.received[0]!), undefined);
  } finally {
    await server.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-b refuses CR/LF; a file that is no cookie jar is an error (exit 1)', async () => {
  const dir = tempDir();
  try {
    const r = await runCli(['http', 'get', 'http://127.0.0.1:9/', '-b', 'a=1\r\nX-Evil: 1'], { cwd: dir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /netkit: http get: .*(invalid|header)/i);
    writeFileSync(join(dir, 'bad.txt'), 'not a jar\n');
    const bad = await runCli(['http', 'get', 'http://127.0.0.1:9/', '-c', 'bad.txt'], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /does not look like a Netscape format cookies file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
