// HTTP client engine: keep-alive reuse, will_close rules, streaming with backpressure and
// decompression, against Node's own http server and the fake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync, deflateRawSync, brotliCompressSync } from 'node:zlib';
import { ConnectionPool, request } from '../../src/protocols/http/client/index.js';
import { startFakeHTTPServer, ok } from '../fakes/http-server.js';

async function withServer(handler: http.RequestListener, body: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await body(base);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test('several requests to one host reuse one socket when the response allows it', async () => {
  const fake = await startFakeHTTPServer((req) => ({ send: ok(`you asked ${req.target}`) }));
  const pool = new ConnectionPool();
  try {
    for (let i = 0; i < 3; i++) {
      const res = await request({ url: `${fake.url}/${i}`, pool, timeout: 2000 });
      assert.equal((await res.bytes()).toString(), `you asked /${i}`);
      assert.equal(res.reused, i > 0);
    }
    assert.equal(fake.connections, 1);
    assert.deepEqual(fake.received.map((r) => r.connection), [0, 0, 0]);
  } finally {
    pool.close();
    await fake.close();
  }
});

test('concurrent requests to one host each get their own socket, then both are kept', async () => {
  const fake = await startFakeHTTPServer({ send: ok('x') });
  const pool = new ConnectionPool();
  try {
    const [a, b] = await Promise.all([request({ url: fake.url, pool, timeout: 2000 }), request({ url: fake.url, pool, timeout: 2000 })]);
    await Promise.all([a.bytes(), b.bytes()]);
    assert.equal(fake.connections, 2);
    assert.equal(pool.idleCount, 2);
    const c = await request({ url: fake.url, pool, timeout: 2000 });
    await c.bytes();
    assert.equal(c.reused, true);
    assert.ok(c.timings.firstByte >= 0 && c.timings.firstByte <= c.timings.total!);
  } finally {
    pool.close();
    await fake.close();
  }
});

test('Connection: close, HTTP/1.0 without keep-alive and bodies to EOF are not reused', async () => {
  const replies = [ok('a', { Connection: 'close' }), 'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nb', ok('c')];
  const fake = await startFakeHTTPServer((_req, i) => ({ send: replies[i]!, close: i < 2 }));
  const pool = new ConnectionPool();
  try {
    for (let i = 0; i < 3; i++) await (await request({ url: fake.url, pool, timeout: 2000 })).bytes();
    assert.equal(fake.connections, 3);
    assert.equal(pool.idleCount, 1);
  } finally {
    pool.close();
    await fake.close();
  }
});

test('a kept-alive socket the server closed is replaced transparently', async () => {
  const fake = await startFakeHTTPServer((_req, i) => (i === 1 ? { close: true } : { send: ok('fine') }));
  const pool = new ConnectionPool();
  try {
    await (await request({ url: fake.url, pool, timeout: 2000 })).bytes();
    const res = await request({ url: fake.url, pool, timeout: 2000 });
    assert.equal((await res.bytes()).toString(), 'fine');
    assert.equal(fake.connections, 2);
  } finally {
    pool.close();
    await fake.close();
  }
});

test('Node http server: keep-alive reuse and a large streamed body read piece by piece', async () => {
  const size = 8 * 1024 * 1024;
  await withServer(
    (req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'Content-Length': size });
        const block = Buffer.alloc(65536, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < size) {
            sent += block.length;
            if (!res.write(block)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      } else res.end('small');
    },
    async (base) => {
      const pool = new ConnectionPool();
      try {
        const res = await request({ url: `${base}/big`, pool, timeout: 5000 });
        let total = 0;
        let biggest = 0;
        for await (const piece of res.body) {
          total += piece.length;
          biggest = Math.max(biggest, piece.length);
        }
        assert.equal(total, size);
        assert.ok(biggest <= 1024 * 1024, `a piece of ${biggest} bytes`);
        assert.equal(typeof res.timings.total, 'number');
        const again = await request({ url: `${base}/x`, pool, timeout: 5000 });
        assert.equal((await again.bytes()).toString(), 'small');
        assert.equal(again.reused, true);
      } finally {
        pool.close();
      }
    },
  );
});

test('decompression: gzip, deflate (zlib and raw), br; the decoded size is capped (maxDecodedSize)', async () => {
  const text = 'hello '.repeat(1000);
  const encoded: Record<string, Buffer> = {
    '/gzip': gzipSync(text),
    '/deflate': deflateSync(text),
    '/rawdeflate': deflateRawSync(text),
    '/br': brotliCompressSync(text),
  };
  const encodings: Record<string, string> = { '/gzip': 'gzip', '/deflate': 'deflate', '/rawdeflate': 'deflate', '/br': 'br' };
  await withServer(
    (req, res) => {
      res.writeHead(200, { 'Content-Encoding': encodings[req.url!]!, 'X-Accept': String(req.headers['accept-encoding']) });
      res.end(encoded[req.url!]);
    },
    async (base) => {
      for (const path of Object.keys(encoded)) {
        const res = await request({ url: base + path, decompress: true, pool: false, timeout: 5000 });
        assert.equal(res.headers.get('x-accept'), 'gzip, deflate, br');
        assert.equal((await res.bytes()).toString(), text, path);
      }
      const plain = await request({ url: `${base}/gzip`, pool: false, timeout: 5000 });
      assert.deepEqual(await plain.bytes(), encoded['/gzip']);
      assert.equal(plain.headers.get('x-accept'), 'identity');
      await assert.rejects(
        (async () => (await request({ url: `${base}/gzip`, decompress: true, maxBodySize: 1000, pool: false, timeout: 5000 })).bytes())(),
        { name: 'DecompressedSizeExceeded', message: 'decompressed body exceeds the limit of 1000 bytes' },
      );
      // No cap on the raw body (a download) keeps one on the decoded size.
      await assert.rejects(
        (async () => (await request({ url: `${base}/gzip`, decompress: true, maxBodySize: Infinity, maxDecodedSize: 2000, pool: false, timeout: 5000 })).bytes())(),
        { name: 'DecompressedSizeExceeded', message: 'decompressed body exceeds the limit of 2000 bytes' },
      );
    },
  );
});

test('discard() keeps the socket of a small body; cancel() drops it; cancel after the end is harmless', async () => {
  const fake = await startFakeHTTPServer((req) => ({ send: ok(req.target === '/big' ? 'x'.repeat(200000) : 'small body') }));
  const pool = new ConnectionPool();
  try {
    await (await request({ url: `${fake.url}/a`, pool, timeout: 2000 })).discard();
    assert.equal(pool.idleCount, 1);
    await (await request({ url: `${fake.url}/big`, pool, timeout: 2000 })).discard(1000);
    assert.equal(pool.idleCount, 0);
    const done = await request({ url: `${fake.url}/b`, pool, timeout: 2000 });
    await done.bytes();
    done.cancel();
    assert.equal(pool.idleCount, 1);
    const res = await request({ url: `${fake.url}/c`, pool, timeout: 2000 });
    assert.equal(res.reused, true);
    res.cancel();
    assert.equal(pool.idleCount, 0);
    assert.equal(fake.connections, 2);
  } finally {
    pool.close();
    await fake.close();
  }
});

test('close() also ends a connection still carrying an unread response; the pool counts it until then', async () => {
  // The second answer stops after 10 of its 100 bytes: the body can only end with an error.
  const fake = await startFakeHTTPServer((_req, i) => ({ send: i === 0 ? ok('x') : 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789' }));
  const pool = new ConnectionPool();
  try {
    const done = await request({ url: fake.url, pool, timeout: 2000 });
    await done.bytes();
    const res = await request({ url: fake.url, pool, timeout: 2000 });
    assert.equal(pool.activeCount, 1);
    assert.equal(pool.idleCount, 0);
    pool.close();
    assert.equal(pool.activeCount, 0);
    assert.equal(res.reused, true);
    await assert.rejects(res.bytes());
  } finally {
    pool.close();
    await fake.close();
  }
});
