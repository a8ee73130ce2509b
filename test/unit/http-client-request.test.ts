// HTTP client engine: request validation (CVE-2019-9740, CVE-2019-18348) and serialisation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, validateHeader, validateMethod, validateUrlPart } from '../../src/protocols/http/client/index.js';
import { startFakeHTTPServer, ok } from '../fakes/http-server.js';

test('control characters in the target, method and headers are refused with http.client messages', () => {
  assert.throws(() => validateUrlPart('/a b\r\n'), { name: 'InvalidURL', message: "URL can't contain control characters. '/a b\\r\\n' (found at least ' ')" });
  assert.throws(() => validateMethod('G\nET'), { name: 'ValueError', message: "method can't contain control characters. 'G\\nET' (found at least '\\n')" });
  assert.throws(() => validateHeader('X\r\nY', 'v'), { name: 'ValueError', message: "Invalid header name b'X\\r\\nY'" });
  assert.throws(() => validateHeader('X', 'a\r\nb'), { name: 'ValueError', message: "Invalid header value b'a\\r\\nb'" });
  assert.throws(() => validateHeader('X', 'a\x00b'), { name: 'ValueError', message: "Invalid header value b'a\\x00b'" });
  assert.throws(() => validateHeader('X', '\xe9\r'), { name: 'ValueError', message: "Invalid header value b'\\xe9\\r'" });
  validateHeader('X-Tab', 'a\tb');
});

test('nothing is sent when a header or the URL is bad', async () => {
  const fake = await startFakeHTTPServer({ send: ok('x') });
  try {
    await assert.rejects(request({ url: `${fake.url}/ok`, headers: [['X', 'a\r\nInjected: 1']], pool: false, timeout: 2000 }), { name: 'ValueError' });
    await assert.rejects(request({ url: `${fake.url}/a\r\nb`, pool: false, timeout: 2000 }), { name: 'InvalidURL' });
    await assert.rejects(request({ url: `${fake.url}/`, method: 'GET /x HTTP/1.1\r\n', pool: false, timeout: 2000 }), { name: 'ValueError' });
    assert.equal(fake.received.length, 0);
  } finally {
    await fake.close();
  }
});

test('headers go out in order after Host; bytes bodies get Content-Length, streams go chunked', async () => {
  const fake = await startFakeHTTPServer({ send: ok('done') });
  try {
    let res = await request({ url: `${fake.url}/p?q=1`, method: 'PUT', headers: [['X-B', '2'], ['X-A', '1']], body: 'hello', pool: false, timeout: 2000 });
    assert.equal((await res.bytes()).toString(), 'done');
    const first = fake.received[0]!;
    assert.equal(first.head.split('\r\n')[0], 'PUT /p?q=1 HTTP/1.1');
    assert.deepEqual(first.headers.map(([k]) => k), ['Host', 'X-B', 'X-A', 'Accept-Encoding', 'Content-Length']);
    assert.equal(first.body.toString(), 'hello');
    async function* parts(): AsyncGenerator<Buffer> {
      yield Buffer.from('ab');
      yield Buffer.from('cde');
    }
    res = await request({ url: `${fake.url}/s`, method: 'POST', body: parts(), pool: false, timeout: 2000 });
    await res.bytes();
    const second = fake.received[1]!;
    assert.ok(second.headers.some(([k, v]) => k === 'Transfer-Encoding' && v === 'chunked'));
    assert.equal(second.body.toString(), 'abcde');
    res = await request({ url: `${fake.url}/e`, method: 'POST', pool: false, timeout: 2000 });
    await res.bytes();
    assert.ok(fake.received[2]!.headers.some(([k, v]) => k === 'Content-Length' && v === '0'));
  } finally {
    await fake.close();
  }
});

test('a non-http URL is InvalidURL', async () => {
  await assert.rejects(request({ url: 'ftp://127.0.0.1/' }), { name: 'InvalidURL', message: "unknown url type: 'ftp'" });
});
