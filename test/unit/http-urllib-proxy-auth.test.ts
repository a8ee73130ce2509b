// urlopen's answer to a proxy's 407 (ProxyDigestAuthHandler + ProxyBasicAuthHandler with the
// `proxyCredentials` registered for the proxy): Basic and Digest retries through a plain-http
// proxy, giving up as python3.11 does (HTTPError 407 for Basic after one refused retry,
// HTTPError 401 `digest auth failed` after six Digest retries: both checked against
// python3's urllib.request with a fake proxy), and CONNECT answered with credentials on a
// new connection. The password never shows in what an error carries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { HTTPError, urlopen, URLError } from '../../src/protocols/http/urllib/index.js';
import { ok, startFakeHTTPServer, type ReceivedRequest } from '../fakes/http-server.js';
import { makeTestCert } from '../fakes/tls-cert.js';
import { startConnectProxy } from '../fakes/connect-proxy.js';

const USER = 'u';
const PASSWORD = 'pr0xy-s3cret';
const BASIC = 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
const T = 3000;

const header = (r: ReceivedRequest, name: string): string | undefined => r.headers.find(([n]) => n.toLowerCase() === name)?.[1];
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const refused = (challenge: string): string | Buffer => ok('denied', { 'Proxy-Authenticate': challenge }, '407 Proxy Authentication Required');

/** Checks a Digest Proxy-Authorization (qop=auth, MD5) against the proxy's user and password. */
function digestValid(value: string | undefined, method: string, password: string): boolean {
  if (!value?.startsWith('Digest ')) return false;
  const f: Record<string, string> = {};
  for (const m of value.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) f[m[1]!] = m[2] ?? m[3]!;
  const ha1 = md5(`${f['username']}:${f['realm']}:${password}`);
  const ha2 = md5(`${method}:${f['uri']}`);
  return f['username'] === USER && f['response'] === md5(`${ha1}:${f['nonce']}:${f['nc']}:${f['cnonce']}:auth:${ha2}`);
}

/** Asserts that nothing an error carries (message, stack, inspect) holds the password. */
function assertNoPassword(err: unknown): void {
  const text = `${String(err)}\n${(err as Error).stack ?? ''}\n${inspect(err, { depth: 6 })}\n${JSON.stringify(err)}`;
  assert.ok(!text.includes(PASSWORD), 'the password is in the error');
  assert.ok(!text.includes(BASIC.slice(6)), 'the encoded credentials are in the error');
}

test('Basic: 407 then a retry with Proxy-Authorization gives 200', async () => {
  const proxy = await startFakeHTTPServer((req) => ({ send: header(req, 'proxy-authorization') === BASIC ? ok('through') : refused('Basic realm="netkit proxy"') }));
  try {
    const res = await urlopen('http://origin.test/p?q=1', { env: { http_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T });
    assert.equal(res.status, 200);
    assert.equal((await res.bytes()).toString(), 'through');
    assert.equal(proxy.received.length, 2);
    assert.equal(header(proxy.received[0]!, 'proxy-authorization'), undefined);
    assert.equal(header(proxy.received[1]!, 'proxy-authorization'), BASIC);
    assert.equal(proxy.received[1]!.target, 'http://origin.test/p?q=1');
    assert.equal(header(proxy.received[1]!, 'authorization'), undefined);
  } finally {
    await proxy.close();
  }
});

test('Digest: 407 then a retry with a valid Digest Proxy-Authorization (uri is the absolute URL)', async () => {
  const proxy = await startFakeHTTPServer((req) => ({
    send: digestValid(header(req, 'proxy-authorization'), req.method, PASSWORD) ? ok('digested') : refused('Digest realm="px", nonce="n0nce", qop="auth", algorithm="MD5"'),
  }));
  try {
    const res = await urlopen('http://origin.test/d', { env: { http_proxy: `127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T });
    assert.equal((await res.bytes()).toString(), 'digested');
    assert.equal(proxy.received.length, 2);
    const value = header(proxy.received[1]!, 'proxy-authorization')!;
    assert.match(value, /^Digest username="u", realm="px", nonce="n0nce", uri="http:\/\/origin\.test\/d", response="[0-9a-f]{32}", algorithm="MD5", qop=auth, nc=00000001, cnonce="[0-9a-f]{16}"$/);
  } finally {
    await proxy.close();
  }
});

test('Basic with a wrong password: one retry, then HTTPError 407 without the password', async () => {
  const proxy = await startFakeHTTPServer(() => ({ send: refused('Basic realm="netkit proxy"') }));
  try {
    await assert.rejects(urlopen('http://origin.test/', { env: { http_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 407: Proxy Authentication Required');
      assert.equal(err.status, 407);
      assert.equal(err.kind, 'refused');
      assertNoPassword(err);
      return true;
    });
    assert.deepEqual(
      proxy.received.map((r) => header(r, 'proxy-authorization')),
      [undefined, BASIC],
    );
  } finally {
    await proxy.close();
  }
});

test('the same credentials in the proxy URL are not sent twice: HTTPError 407 after one request', async () => {
  const proxy = await startFakeHTTPServer(() => ({ send: refused('Basic realm="r"') }));
  try {
    const env = { http_proxy: `http://${USER}:${PASSWORD}@127.0.0.1:${proxy.port}` };
    await assert.rejects(urlopen('http://origin.test/', { env, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.status, 407);
      assertNoPassword(err);
      return true;
    });
    assert.equal(proxy.received.length, 1);
    assert.equal(header(proxy.received[0]!, 'proxy-authorization'), BASIC);
  } finally {
    await proxy.close();
  }
});

test('without proxyCredentials a 407 is HTTPError 407 at once', async () => {
  const proxy = await startFakeHTTPServer(() => ({ send: refused('Basic realm="r"') }));
  try {
    await assert.rejects(urlopen('http://origin.test/', { env: { http_proxy: `http://127.0.0.1:${proxy.port}` }, timeout: T }), { message: 'HTTP Error 407: Proxy Authentication Required' });
    assert.equal(proxy.received.length, 1);
  } finally {
    await proxy.close();
  }
});

test('Digest with a wrong password: six retries, then HTTPError 401 digest auth failed (as 3.11)', async () => {
  const proxy = await startFakeHTTPServer(() => ({ send: refused('Digest realm="px", nonce="n0nce", qop="auth"') }));
  try {
    await assert.rejects(urlopen('http://origin.test/', { env: { http_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 401: digest auth failed');
      assertNoPassword(err);
      return true;
    });
    assert.equal(proxy.received.length, 7);
    assert.equal(header(proxy.received[0]!, 'proxy-authorization'), undefined);
    assert.match(header(proxy.received[6]!, 'proxy-authorization') ?? '', /^Digest .*nc=00000006/);
  } finally {
    await proxy.close();
  }
});

test('an unsupported challenge is ValueError as the Digest handler raises it', async () => {
  const proxy = await startFakeHTTPServer(() => ({ send: refused('NTLM') }));
  try {
    await assert.rejects(urlopen('http://origin.test/', { env: { http_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, timeout: T }), {
      message: "AbstractDigestAuthHandler does not support the following scheme: 'NTLM'",
    });
  } finally {
    await proxy.close();
  }
});

// ---- CONNECT ----


const tc = makeTestCert();
const skip = tc.skip;
let origin: https.Server | undefined;
let originPort = 0;

before(async () => {
  if (skip) return;
  origin = https.createServer({ cert: tc.cert, key: tc.key }, (req, res) => {
    res.end(`tls ${req.url} ${req.headers['proxy-authorization'] ?? 'no-proxy-auth'}`);
  });
  await new Promise<void>((resolve) => origin!.listen(0, '127.0.0.1', resolve));
  originPort = (origin.address() as AddressInfo).port;
});

after(async () => {
  tc.cleanup();
  if (origin) {
    origin.closeAllConnections();
    await new Promise<void>((resolve) => origin!.close(() => resolve()));
  }
});

test('CONNECT 407 is retried on a new connection with the credentials', { skip }, async () => {
  const proxy = await startConnectProxy({ requireAuth: BASIC });
  try {
    const res = await urlopen(`https://localhost:${originPort}/s`, { env: { https_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, ca: tc.cert, timeout: T, pool: false });
    assert.equal(res.status, 200);
    // The origin never sees Proxy-Authorization.
    assert.equal((await res.bytes()).toString(), 'tls /s no-proxy-auth');
    assert.equal(res.tls?.authorized, true);
    assert.deepEqual(proxy.received, [`CONNECT localhost:${originPort} HTTP/1.0`, `CONNECT localhost:${originPort} HTTP/1.0\r\nProxy-Authorization: ${BASIC}`]);
    assert.equal(proxy.connections, 2);
  } finally {
    await proxy.close();
  }
});

test('CONNECT 407 without credentials is URLError Tunnel connection failed (as 3.11)', { skip }, async () => {
  const proxy = await startConnectProxy({ requireAuth: BASIC });
  try {
    await assert.rejects(urlopen(`https://localhost:${originPort}/`, { env: { https_proxy: `http://127.0.0.1:${proxy.port}` }, ca: tc.cert, timeout: T, pool: false }), (err: unknown) => {
      assert.ok(err instanceof URLError && !(err instanceof HTTPError));
      assert.equal(err.message, '<urlopen error Tunnel connection failed: 407 Proxy Authentication Required>');
      assert.equal(err.kind, 'network');
      return true;
    });
    assert.equal(proxy.received.length, 1);
  } finally {
    await proxy.close();
  }
});

test('CONNECT with a wrong password: one retry, then the tunnel URLError without the password', { skip }, async () => {
  const proxy = await startConnectProxy({ requireAuth: 'Basic nobody-gets-in' });
  try {
    await assert.rejects(urlopen(`https://localhost:${originPort}/`, { env: { https_proxy: `http://127.0.0.1:${proxy.port}` }, proxyCredentials: { user: USER, password: PASSWORD }, ca: tc.cert, timeout: T, pool: false }), (err: unknown) => {
      assert.ok(err instanceof URLError);
      assert.equal(err.message, '<urlopen error Tunnel connection failed: 407 Proxy Authentication Required>');
      assertNoPassword(err);
      return true;
    });
    assert.equal(proxy.received.length, 2);
    assert.match(proxy.received[1]!, /Proxy-Authorization: Basic /);
  } finally {
    await proxy.close();
  }
});
