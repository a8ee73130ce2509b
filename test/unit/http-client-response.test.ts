// HTTP client engine: response parsing against a fake server that misbehaves on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type RequestOptions } from '../../src/protocols/http/client/index.js';
import { startFakeHTTPServer, ok, type Reply } from '../fakes/http-server.js';

/** Runs one request against a fake answering `reply`; returns the status and body text. */
async function exchange(reply: Reply, extra: Partial<RequestOptions> = {}): Promise<{ status: number; reason: string; body: string; headers: Array<[string, string]>; version: number }> {
  const fake = await startFakeHTTPServer(reply);
  try {
    const res = await request({ url: `${fake.url}/`, pool: false, timeout: 2000, ...extra });
    const body = (await res.bytes()).toString('latin1');
    return { status: res.status, reason: res.reason, body, headers: res.headers.list, version: res.version };
  } finally {
    await fake.close();
  }
}

test('status line: reason stripped, missing reason, HTTP/1.0 body to EOF', async () => {
  let r = await exchange({ send: 'HTTP/1.1 404 Not Found \r\nContent-Length: 2\r\n\r\nno' });
  assert.deepEqual([r.status, r.reason, r.body], [404, 'Not Found', 'no']);
  r = await exchange({ send: 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n' });
  assert.deepEqual([r.status, r.reason, r.body], [200, '', '']);
  r = await exchange({ send: 'HTTP/1.0 200 OK\r\nX: 1\r\n\r\nuntil the end', close: true });
  assert.deepEqual([r.version, r.body], [10, 'until the end']);
});

test('bad status lines are BadStatusLine; a silent close is RemoteDisconnected', async () => {
  await assert.rejects(exchange({ send: 'ICY 200 OK\r\n\r\n', close: true }), { name: 'BadStatusLine', message: 'ICY 200 OK\r\n' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 abc OK\r\n\r\n', close: true }), { name: 'BadStatusLine' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 42 OK\r\n\r\n', close: true }), { name: 'BadStatusLine' });
  await assert.rejects(exchange({ send: 'HTTP/2.0 200 OK\r\n\r\n', close: true }), { name: 'UnknownProtocol', message: 'HTTP/2.0' });
  await assert.rejects(exchange({ close: true }), { name: 'RemoteDisconnected', message: 'Remote end closed connection without response', python: 'http.client.RemoteDisconnected', kind: 'network' });
});

test('limits: endless header line, endless status line, more than 100 headers', async () => {
  const endless = 'HTTP/1.1 200 OK\r\nX-Long: ' + 'a'.repeat(70000);
  await assert.rejects(exchange({ send: endless }), { name: 'LineTooLong', message: 'got more than 65536 bytes when reading header line' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 ' + 'a'.repeat(70000) }), { name: 'LineTooLong', message: 'got more than 65536 bytes when reading status line' });
  let many = 'HTTP/1.1 200 OK\r\n';
  for (let i = 0; i < 101; i++) many += `X-${i}: ${i}\r\n`;
  await assert.rejects(exchange({ send: many + '\r\n' }), { name: 'HTTPException', message: 'got more than 100 headers' });
});

test('headers: order kept, case-insensitive get, obs-fold kept as Python keeps it, 100 Continue skipped', async () => {
  const fake = await startFakeHTTPServer({ send: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nB: 1\r\nA: x\r\n  y\r\nb: 2\r\nContent-Length: 0\r\n\r\n' });
  try {
    const res = await request({ url: fake.url, pool: false, timeout: 2000 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.headers.list, [['B', '1'], ['A', 'x\r\n  y'], ['b', '2'], ['Content-Length', '0']]);
    assert.equal(res.headers.get('b'), '1');
    assert.deepEqual(res.headers.getAll('B'), ['1', '2']);
  } finally {
    await fake.close();
  }
});

test('chunked bodies: extensions, trailers; bad sizes and short chunks are IncompleteRead', async () => {
  const r = await exchange({ send: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n' });
  assert.equal(r.body, 'hello world');
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n' }), { name: 'IncompleteRead', message: 'IncompleteRead(0 bytes read)' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + 'f'.repeat(70000) }), { name: 'LineTooLong', message: 'got more than 65536 bytes when reading chunk size' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nhel', close: true }), { name: 'IncompleteRead' });
});

test('Content-Length: short body is IncompleteRead with counts; HEAD, 204 and 304 have no body', async () => {
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', close: true }), { name: 'IncompleteRead', message: 'IncompleteRead(3 bytes read, 7 more expected)' });
  let r = await exchange({ send: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n' }, { method: 'HEAD' });
  assert.equal(r.body, '');
  r = await exchange({ send: 'HTTP/1.1 204 No Content\r\n\r\n' });
  assert.deepEqual([r.status, r.body], [204, '']);
  r = await exchange({ send: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n' });
  assert.deepEqual([r.status, r.body], [304, '']);
});

test('a stalled server and a slow body are bounded by the timeout', async () => {
  await assert.rejects(exchange({ stall: true }, { timeout: 200 }), { name: 'TimeoutError', message: 'timed out', kind: 'network' });
  await assert.rejects(exchange({ send: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc' }, { timeout: 200 }), { name: 'TimeoutError' });
});

test('maxBodySize caps the raw body', async () => {
  await assert.rejects(exchange({ send: ok('x'.repeat(5000)) }, { maxBodySize: 1000 }), { name: 'BodyTooLarge' });
});

test('connection refused is a network error in Python words', async () => {
  const fake = await startFakeHTTPServer({ send: ok() });
  const url = fake.url;
  await fake.close();
  await assert.rejects(request({ url, pool: false, timeout: 2000 }), { name: 'NetworkError', message: '[Errno 111] Connection refused', python: 'ConnectionRefusedError', kind: 'network' });
});
