// The HTTP/1.1 engine on raw sockets: keep-alive per protocol_version, pipelining in
// order, HTTP/0.9, 501/414/431 over the wire, bodies by Content-Length, the header-read
// timeout, --max-requests accounting and the graceful close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { HTTP_SERVER_DEFAULTS, listenHttp, type Exchange, type LogEvent } from '../../src/protocols/http/server/index.js';
import type { Listener } from '../../src/protocols/core/listener.js';
import { rawExchange, splitResponses, header } from '../peers/serve-http-raw.js';

interface Started {
  listener: Listener;
  port: number;
  logs: LogEvent[];
}

/** An echo handler: the body is "METHOD PATH [body]". */
async function start(opts: { protocol?: string; maxRequests?: number; maxBody?: number; headerTimeoutMs?: number; handler?: (x: Exchange) => void | Promise<void> } = {}): Promise<Started> {
  const logs: LogEvent[] = [];
  const handler =
    opts.handler ??
    ((x: Exchange) => {
      const body = Buffer.from(`${x.method} ${x.path}${x.body ? ' ' + x.body.toString() : ''}`);
      x.respond(200, undefined, `Content-Length: ${body.length}\r\n`, body);
    });
  const listener = await listenHttp(
    { port: 0, maxRequests: opts.maxRequests },
    {
      ...HTTP_SERVER_DEFAULTS,
      protocolVersion: opts.protocol ?? 'HTTP/1.1',
      serverVersion: 'Test/1',
      headerTimeoutMs: opts.headerTimeoutMs ?? 5000,
      maxBodyBytes: opts.maxBody ?? 0,
      methods: new Set(['GET', 'HEAD', 'POST']),
      handler,
      onLog: (e) => logs.push(e),
    },
  );
  return { listener, port: listener.address.port, logs };
}

test('HTTP/1.1 keeps the connection; three pipelined requests are answered in order', async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  const bytes = await rawExchange(s.port, 'GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\nConnection: close\r\n\r\n');
  const rs = splitResponses(bytes);
  assert.deepEqual(rs.map((r) => r.body.toString()), ['GET /1', 'GET /2', 'GET /3']);
  assert.deepEqual(rs.map((r) => r.statusLine), ['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
  assert.equal(header(rs[0]!, 'server'), 'Test/1');
  assert.match(header(rs[0]!, 'date')!, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
});

test('pipelined requests split across writes at every byte still come out in order', async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  const text = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyzGET /c HTTP/1.1\r\nConnection: close\r\n\r\n';
  const pieces = [...text].map((c) => Buffer.from(c, 'latin1'));
  const rs = splitResponses(await rawExchange(s.port, pieces));
  assert.deepEqual(rs.map((r) => r.body.toString()), ['GET /a', 'POST /b', 'GET /c']);
});

test("protocol HTTP/1.0 (Python's default) closes after each response", async (t) => {
  const s = await start({ protocol: 'HTTP/1.0' });
  t.after(() => s.listener.close(0));
  const rs = splitResponses(await rawExchange(s.port, 'GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n'));
  assert.equal(rs.length, 1);
  assert.equal(rs[0]!.statusLine, 'HTTP/1.0 200 OK');
});

test('collected bodies by Content-Length; 100-continue; chunked is 411; bad Content-Length 400', async (t) => {
  const s = await start({ maxBody: 10 });
  t.after(() => s.listener.close(0));
  const rs = splitResponses(await rawExchange(s.port, 'POST /p HTTP/1.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello'));
  assert.equal(rs[0]!.body.toString(), 'POST /p hello');
  const cont = await rawExchange(s.port, 'POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
  assert.match(cont.toString(), /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK/);
  const big = splitResponses(await rawExchange(s.port, 'POST /p HTTP/1.1\r\nContent-Length: 11\r\n\r\n'));
  assert.equal(big[0]!.status, 413);
  const chunked = splitResponses(await rawExchange(s.port, 'POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n'));
  assert.equal(chunked[0]!.status, 411);
  const bad = splitResponses(await rawExchange(s.port, 'POST /p HTTP/1.1\r\nContent-Length: 1x\r\n\r\n'));
  assert.equal(bad[0]!.statusLine, 'HTTP/1.1 400 Bad Content-Length');
});

test("a body the handler does not take is skipped: the next request is read after it", async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  const rs = splitResponses(await rawExchange(s.port, 'POST /p HTTP/1.1\r\nContent-Length: 4\r\n\r\nGET GET /n HTTP/1.1\r\nConnection: close\r\n\r\n'));
  assert.deepEqual(rs.map((r) => r.body.toString()), ['POST /p', 'GET /n']);
});

test("501 Unsupported method, with Python's page, Connection: close and the log lines", async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  const rs = splitResponses(await rawExchange(s.port, 'DELETE /x HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n'));
  assert.equal(rs.length, 1);
  assert.equal(rs[0]!.statusLine, "HTTP/1.1 501 Unsupported method ('DELETE')");
  assert.deepEqual(rs[0]!.headers.map(([k]) => k), ['Server', 'Date', 'Connection', 'Content-Type', 'Content-Length']);
  assert.equal(header(rs[0]!, 'content-type'), 'text/html;charset=utf-8');
  assert.match(rs[0]!.body.toString(), /<p>Message: Unsupported method \('DELETE'\)\.<\/p>/);
  assert.deepEqual(s.logs, [
    { type: 'error', client: '127.0.0.1', code: 501, message: "Unsupported method ('DELETE')" },
    { type: 'request', client: '127.0.0.1', requestLine: 'DELETE /x HTTP/1.1', code: 501, bytes: rs[0]!.body.length },
  ]);
});

test('HTTP/0.9: the body alone; a garbage line: the error page with no status line', async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  assert.equal((await rawExchange(s.port, 'GET /nine\r\n\r\n')).toString(), 'GET /nine');
  const garbage = (await rawExchange(s.port, 'GARBAGE\r\n\r\n')).toString();
  assert.match(garbage, /^<!DOCTYPE HTML>/);
  assert.match(garbage, /Bad request syntax \('GARBAGE'\)/);
  // EOF ends a head as Python's readline() does.
  assert.equal((await rawExchange(s.port, 'GET /eof\r\n', { endAfterWrite: true })).toString(), 'GET /eof');
});

test('414 and 431 over the wire', async (t) => {
  const s = await start();
  t.after(() => s.listener.close(0));
  const long = splitResponses(await rawExchange(s.port, 'GET /' + 'a'.repeat(70000) + ' HTTP/1.1\r\n\r\n'));
  assert.equal(long[0]!.statusLine, 'HTTP/1.1 414 Request-URI Too Long');
  const many = 'GET / HTTP/1.1\r\n' + 'A: b\r\n'.repeat(100) + '\r\n';
  const rs = splitResponses(await rawExchange(s.port, many));
  assert.equal(rs[0]!.statusLine, 'HTTP/1.1 431 Too many headers');
  assert.match(rs[0]!.body.toString(), /got more than 100 headers/);
});

test('a slow head is cut off after the header timeout; other clients are served meanwhile', async (t) => {
  const s = await start({ headerTimeoutMs: 300 });
  t.after(() => s.listener.close(0));
  const started = Date.now();
  const slow = rawExchange(s.port, 'GET / HTTP/1.1\r\nX: ', { timeoutMs: 3000 });
  const fast = splitResponses(await rawExchange(s.port, 'GET /f HTTP/1.1\r\nConnection: close\r\n\r\n'));
  assert.equal(fast[0]!.body.toString(), 'GET /f');
  assert.equal((await slow).length, 0);
  assert.ok(Date.now() - started >= 250);
});

test('max-requests: the last response says Connection: close and the listener closes', async () => {
  const s = await start({ maxRequests: 2 });
  const rs = splitResponses(await rawExchange(s.port, 'GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n'));
  assert.deepEqual(rs.map((r) => r.body.toString()), ['GET /1', 'GET /2']);
  assert.equal(header(rs[1]!, 'connection'), 'close');
  assert.equal(await s.listener.closed, 'max-requests');
  assert.equal(s.listener.requestCount, 2);
});

test('graceful close: an in-flight request finishes, new connections are refused', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const s = await start({
    handler: async (x) => {
      await gate;
      x.respond(200, undefined, 'Content-Length: 4\r\n', Buffer.from('done'));
    },
  });
  const inflight = rawExchange(s.port, 'GET / HTTP/1.1\r\n\r\n');
  // Wait (bounded) until the request is being served.
  for (let i = 0; i < 200 && s.listener.requestCount === 0; i++) await new Promise((r) => setImmediate(r));
  assert.equal(s.listener.requestCount, 1);
  const closed = s.listener.close(2000);
  await assert.rejects(
    new Promise((resolve, reject) => {
      const c = net.connect({ host: '127.0.0.1', port: s.port });
      c.on('connect', () => {
        c.destroy();
        resolve(undefined);
      });
      c.on('error', reject);
    }),
  );
  release();
  const rs = splitResponses(await inflight);
  assert.equal(rs[0]!.body.toString(), 'done');
  assert.equal(await closed, 'closed');
});

test('a handler that throws closes the connection without a response', async (t) => {
  const s = await start({
    handler: () => {
      throw new Error('boom');
    },
  });
  t.after(() => s.listener.close(0));
  assert.equal((await rawExchange(s.port, 'GET / HTTP/1.1\r\n\r\n')).length, 0);
});
