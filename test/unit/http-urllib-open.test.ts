// urlopen over http: redirects (HTTPRedirectHandler), HTTPError with its body, URLError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { urlopen, HTTPError, URLError, INF_MSG, resolveLocation, redirectRequest } from '../../src/protocols/http/urllib/index.js';
import { Headers } from '../../src/protocols/http/client/index.js';
import { startFakeHTTPServer, ok, type ReceivedRequest } from '../fakes/http-server.js';

const env = {};
const opts = { env, timeout: 2000 };
const header = (r: ReceivedRequest, name: string): string | undefined => r.headers.find(([n]) => n.toLowerCase() === name)?.[1];

test('a redirect chain is followed and recorded', async () => {
  const fake = await startFakeHTTPServer((req) => {
    if (req.target === '/a') return { send: ok('', { Location: '/b' }, '301 Moved Permanently') };
    if (req.target === '/b') return { send: ok('', { Location: 'c?x=1' }, '302 Found') };
    return { send: ok(`at ${req.target}`) };
  });
  try {
    const res = await urlopen(`${fake.url}/a`, opts);
    assert.equal(res.status, 200);
    assert.equal(res.url, `${fake.url}/c?x=1`);
    assert.equal((await res.bytes()).toString(), 'at /c?x=1');
    assert.deepEqual(res.redirects, [
      { url: `${fake.url}/a`, status: 301, location: '/b', next: `${fake.url}/b` },
      { url: `${fake.url}/b`, status: 302, location: 'c?x=1', next: `${fake.url}/c?x=1` },
    ]);
    assert.equal(header(fake.received[0]!, 'user-agent'), 'Python-urllib/3.11');
  } finally {
    await fake.close();
  }
});

test('303 turns POST into GET and drops the body and Content-* headers', async () => {
  const fake = await startFakeHTTPServer((req) => (req.target === '/post' ? { send: ok('', { Location: '/done' }, '303 See Other') } : { send: ok('ok') }));
  try {
    const res = await urlopen(`${fake.url}/post`, { ...opts, body: 'a=1', headers: { 'Content-Type': 'text/plain', 'X-Keep': 'yes' } });
    await res.bytes();
    const [first, second] = fake.received;
    assert.equal(first!.method, 'POST');
    assert.equal(first!.body.toString(), 'a=1');
    assert.equal(second!.method, 'GET');
    assert.equal(second!.body.length, 0);
    assert.equal(header(second!, 'content-type'), undefined);
    assert.equal(header(second!, 'content-length'), undefined);
    assert.equal(header(second!, 'x-keep'), 'yes');
  } finally {
    await fake.close();
  }
});

test('307 keeps the method and the body; strictPython refuses as urllib does', async () => {
  const fake = await startFakeHTTPServer((req) => (req.target === '/p' ? { send: ok('', { Location: '/q' }, '307 Temporary Redirect') } : { send: ok('got ' + req.body.toString()) }));
  try {
    const res = await urlopen(`${fake.url}/p`, { ...opts, body: 'payload' });
    assert.equal((await res.bytes()).toString(), 'got payload');
    assert.equal(fake.received[1]!.method, 'POST');
    assert.equal(header(fake.received[1]!, 'content-type'), 'application/x-www-form-urlencoded');
    await assert.rejects(urlopen(`${fake.url}/p`, { ...opts, body: 'payload', strictPython: true }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 307: Temporary Redirect');
      assert.equal(err.status, 307);
      return true;
    });
  } finally {
    await fake.close();
  }
});

test('a redirect loop ends with urllib infinite-loop HTTPError', async () => {
  const fake = await startFakeHTTPServer((req) => ({ send: ok('', { Location: req.target === '/x' ? '/y' : '/x' }, '302 Found') }));
  try {
    await assert.rejects(urlopen(`${fake.url}/x`, opts), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, `HTTP Error 302: ${INF_MSG}Found`);
      assert.equal(err.kind, 'refused');
      return true;
    });
    // /x then y,x,y,x,y,x,y (4 visits each of /y and /x) and one more answer before the stop.
    assert.equal(fake.received.length, 9);
  } finally {
    await fake.close();
  }
});

test('max_redirections counts distinct URLs', async () => {
  const fake = await startFakeHTTPServer((req) => ({ send: ok('', { Location: `/n${Number(req.target.slice(2) || 0) + 1}` }, '302 Found') }));
  try {
    await assert.rejects(urlopen(`${fake.url}/n0`, { ...opts, maxRedirects: 3 }), { message: `HTTP Error 302: ${INF_MSG}Found` });
    assert.equal(fake.received.length, 4);
  } finally {
    await fake.close();
  }
});

test('redirects to other schemes are refused with Python message', async () => {
  const fake = await startFakeHTTPServer({ send: ok('', { Location: 'file:///etc/passwd' }, '302 Found') });
  try {
    await assert.rejects(urlopen(`${fake.url}/`, opts), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, "HTTP Error 302: Found - Redirection to url 'file:///etc/passwd' is not allowed");
      assert.equal(err.url, 'file:///etc/passwd');
      return true;
    });
  } finally {
    await fake.close();
  }
});

test('credentials are not carried to another host', async () => {
  const other = await startFakeHTTPServer({ send: ok('other') });
  const fake = await startFakeHTTPServer((req) => (req.target === '/same' ? { send: ok('same') } : req.target === '/go' ? { send: ok('', { Location: '/same' }, '302 Found') } : { send: ok('', { Location: `${other.url}/there` }, '302 Found') }));
  const headers = { Authorization: 'Basic eDp5', Cookie: 'a=b', 'Proxy-Authorization': 'Basic cDpx', 'X-Other': '1' };
  try {
    await (await urlopen(`${fake.url}/go`, { ...opts, headers })).bytes();
    assert.equal(header(fake.received[1]!, 'authorization'), 'Basic eDp5');
    assert.equal(header(fake.received[1]!, 'cookie'), 'a=b');
    await (await urlopen(`${fake.url}/away`, { ...opts, headers })).bytes();
    const there = other.received[0]!;
    assert.equal(there.target, '/there');
    assert.equal(header(there, 'authorization'), undefined);
    assert.equal(header(there, 'cookie'), undefined);
    assert.equal(header(there, 'proxy-authorization'), undefined);
    assert.equal(header(there, 'x-other'), '1');
    assert.equal(header(there, 'host'), `127.0.0.1:${other.port}`);
  } finally {
    await fake.close();
    await other.close();
  }
});

test('HTTPError keeps status, reason, headers and the readable body', async () => {
  const fake = await startFakeHTTPServer({ send: ok('no such page', { 'X-Why': 'gone' }, '404 Not Found') });
  try {
    const err = await urlopen(`${fake.url}/missing`, opts).then(
      () => undefined,
      (e: unknown) => e,
    );
    {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 404: Not Found');
      assert.equal(err.python, 'urllib.error.HTTPError');
      assert.equal(err.kind, 'refused');
      assert.equal(err.status, 404);
      assert.equal(err.reason, 'Not Found');
      assert.equal(err.url, `${fake.url}/missing`);
      assert.equal(err.headers.get('x-why'), 'gone');
      assert.equal((await err.read()).toString(), 'no such page');
    }
  } finally {
    await fake.close();
  }
});

test('followRedirects false returns the 30x; strictPython raises for it', async () => {
  const fake = await startFakeHTTPServer({ send: ok('moved', { Location: '/b' }, '302 Found') });
  try {
    const res = await urlopen(`${fake.url}/a`, { ...opts, followRedirects: false });
    assert.equal(res.status, 302);
    assert.equal((await res.bytes()).toString(), 'moved');
    await assert.rejects(urlopen(`${fake.url}/a`, { ...opts, followRedirects: false, strictPython: true }), { message: 'HTTP Error 302: Found' });
  } finally {
    await fake.close();
  }
});

test('a closed port is URLError [Errno 111] Connection refused', async () => {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  await assert.rejects(urlopen(`http://127.0.0.1:${port}/`, opts), (err: unknown) => {
    assert.ok(err instanceof URLError);
    assert.equal(err.message, '<urlopen error [Errno 111] Connection refused>');
    assert.equal(err.reason, '[Errno 111] Connection refused');
    assert.equal(err.python, 'urllib.error.URLError');
    assert.equal(err.kind, 'network');
    return true;
  });
});

test('unknown schemes and missing hosts', async () => {
  await assert.rejects(urlopen('gopher://x/', opts), { message: '<urlopen error unknown url type: gopher>' });
  await assert.rejects(urlopen('http:///path', opts), { message: '<urlopen error no host given>' });
  await assert.rejects(urlopen('no-scheme', opts), { message: "unknown url type: 'no-scheme'", python: 'ValueError' });
});

test('resolveLocation quotes as urllib and makes an empty path /', () => {
  const res = (location: string) => ({ status: 302, reason: 'Found', headers: new Headers([['Location', location]]) });
  assert.equal(resolveLocation('http://h/a/b', res('c d')), 'http://h/a/c%20d');
  assert.equal(resolveLocation('http://h/a/b', res('http://other.test')), 'http://other.test/');
  assert.equal(resolveLocation('http://h/a/b', res('/caf\u00e9?q=\u00ff')), 'http://h/caf%E9?q=%FF');
  assert.equal(resolveLocation('http://h/a', { status: 302, reason: 'Found', headers: new Headers([['URI', '/u']]) }), 'http://h/u');
  assert.equal(resolveLocation('http://h/a', { status: 302, reason: 'Found', headers: new Headers() }), undefined);
  const r = redirectRequest({ url: 'http://h/a', method: 'HEAD', headers: [], body: undefined }, res('/b'), 'http://h/b', { strictPython: true });
  assert.equal(r.method, 'GET');
});

test('a streamed body cannot follow a 307', async () => {
  const fake = await startFakeHTTPServer({ send: ok('', { Location: '/q' }, '307 Temporary Redirect') });
  async function* stream(): AsyncGenerator<string> {
    yield 'part';
  }
  try {
    await assert.rejects(urlopen(`${fake.url}/p`, { ...opts, body: stream() }), { message: 'HTTP Error 307: Temporary Redirect' });
    assert.equal(fake.received.length, 1);
  } finally {
    await fake.close();
  }
});
