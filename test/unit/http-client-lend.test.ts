// Lent body pieces (RequestOptions.lendBody): plain TCP connections read into recycled
// buffers; a lent piece is valid until the next pull, an unlent one is the caller's to keep,
// and BufferedWriter.writeLent copies unless its stream is a real descriptor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ConnectionPool, request } from '../../src/protocols/http/client/index.js';
import { BufferedWriter } from '../../src/cli/writer.js';

const BODY = randomBytes(4 * 1024 * 1024);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function withServer(body: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer((req, res) => {
    if (req.url === '/gzip') {
      const z = gzipSync(BODY);
      res.writeHead(200, { 'Content-Length': z.length, 'Content-Encoding': 'gzip' });
      res.end(z);
    } else {
      res.writeHead(200, { 'Content-Length': BODY.length });
      res.end(BODY);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('unlent pieces (the default) stay intact when kept', async () => {
  await withServer(async (base) => {
    const pool = new ConnectionPool();
    try {
      const res = await request({ url: `${base}/`, pool });
      assert.equal(res.lent, false);
      const kept: Buffer[] = [];
      for await (const piece of res.body) kept.push(piece);
      assert.equal(sha(Buffer.concat(kept)), sha(BODY));
      assert.equal(new Set(kept.map((p) => p.buffer)).size, kept.length, 'no two kept pieces share memory');
    } finally {
      pool.close();
    }
  });
});

test('lent pieces reuse a few buffers; copying each before the next pull gives the body', async () => {
  await withServer(async (base) => {
    const pool = new ConnectionPool();
    try {
      const res = await request({ url: `${base}/`, pool, lendBody: true });
      assert.equal(res.lent, true);
      const copies: Buffer[] = [];
      const memory = new Set<ArrayBufferLike>();
      let pieces = 0;
      for await (const piece of res.body) {
        copies.push(Buffer.from(piece));
        memory.add(piece.buffer);
        pieces++;
      }
      assert.equal(sha(Buffer.concat(copies)), sha(BODY));
      assert.ok(memory.size < pieces, `${pieces} pieces in ${memory.size} buffers: recycled`);
      // bytes() of a lent body copies, and the connection carries the next request.
      const again = await request({ url: `${base}/`, pool, lendBody: true });
      assert.equal(again.reused, true);
      assert.equal(sha(await again.bytes()), sha(BODY));
    } finally {
      pool.close();
    }
  });
});

test('a decoded body is never lent (the decoder keeps its input)', async () => {
  await withServer(async (base) => {
    const res = await request({ url: `${base}/gzip`, pool: false, lendBody: true, decompress: true });
    assert.equal(res.lent, false);
    assert.equal(sha(await res.bytes()), sha(BODY));
  });
});

test('writeLent copies for a stream that keeps what it is given', async () => {
  const stream = new PassThrough();
  const seen: Buffer[] = [];
  stream.on('data', (c: Buffer) => seen.push(c));
  const writer = new BufferedWriter(() => stream, 4, false);
  const lent = Buffer.from('abcdefgh');
  assert.equal(writer.writeLent(lent), undefined);
  lent.fill(0x2e);
  await writer.flush();
  assert.equal(Buffer.concat(seen).toString(), 'abcdefgh');
});

test('writeLent hands a direct stream the bytes and waits until its write is done', async () => {
  const writes: Array<() => void> = [];
  const { Writable } = await import('node:stream');
  const stream = new Writable({
    highWaterMark: 1,
    write(_chunk: Buffer, _enc, callback) {
      // An asynchronous descriptor write: done only when the callback runs.
      writes.push(() => callback());
    },
  });
  const writer = new BufferedWriter(() => stream, 4, true);
  const pending = writer.writeLent(Buffer.alloc(8192, 0x61));
  assert.ok(pending instanceof Promise, 'an unfinished write is waited for');
  let settled = false;
  void pending.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false);
  writes.shift()!();
  await pending;
  assert.equal(settled, true);
});

// ---------------------------------------------------------------- Response.pipe (SocketReader.pump)

test('pipe: a sink that is sometimes slow still gets every byte in order; the socket is kept', async () => {
  await withServer(async (base) => {
    const pool = new ConnectionPool();
    try {
      const res = await request({ url: `${base}/`, pool });
      const hash = createHash('sha256');
      let i = 0;
      await res.pipe((piece) => {
        // A slow sink reads its piece only later, as an asynchronous write would.
        if (i++ % 3) return void hash.update(piece);
        return new Promise<void>((resolve) => setImmediate(() => (hash.update(piece), resolve())));
      });
      assert.equal(hash.digest('hex'), sha(BODY));
      const again = await request({ url: `${base}/`, pool });
      assert.equal(again.reused, true);
      assert.equal(sha(await again.bytes()), sha(BODY));
    } finally {
      pool.close();
    }
  });
});

test('pipe: a body cut short is IncompleteRead; to EOF it ends with the connection', async () => {
  const { startFakeHTTPServer } = await import('../fakes/http-server.js');
  const server = await startFakeHTTPServer((req) =>
    req.target === '/short' ? { send: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc', close: true } : { send: 'HTTP/1.0 200 OK\r\n\r\nall of it', close: true },
  );
  try {
    const short = await request({ url: `${server.url}/short`, pool: false });
    let got = '';
    await assert.rejects(
      short.pipe((p) => void (got += p)),
      { name: 'IncompleteRead', message: 'IncompleteRead(3 bytes read, 7 more expected)' },
    );
    assert.equal(got, 'abc');
    const eof = await request({ url: `${server.url}/eof`, pool: false });
    let text = '';
    await eof.pipe((p) => void (text += p));
    assert.equal(text, 'all of it');
  } finally {
    await server.close();
  }
});

test('pipe: a stalled body times out; a sink that throws stops the body', async () => {
  const { startFakeHTTPServer } = await import('../fakes/http-server.js');
  const server = await startFakeHTTPServer((req) =>
    req.target === '/stall' ? { send: 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart' } : { send: [`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n`, BODY] },
  );
  try {
    const stalled = await request({ url: `${server.url}/stall`, pool: false, timeout: 300 });
    await assert.rejects(stalled.pipe(() => undefined), { name: 'TimeoutError' });
    const res = await request({ url: `${server.url}/big`, pool: false });
    let pieces = 0;
    await assert.rejects(
      res.pipe(() => {
        if (++pieces === 2) throw new Error('the reader went away');
        return undefined;
      }),
      { message: 'the reader went away' },
    );
    assert.equal(pieces, 2);
  } finally {
    await server.close();
  }
});
