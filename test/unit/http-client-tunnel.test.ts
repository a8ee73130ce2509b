// HTTP client engine: CONNECT tunnels through a proxy (http.client's set_tunnel/_tunnel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPConnection, readBody } from '../../src/protocols/http/client/index.js';
import { startFakeHTTPServer, ok } from '../fakes/http-server.js';
import { startConnectProxy } from '../fakes/connect-proxy.js';

test('a plain request through a CONNECT tunnel', async () => {
  const fake = await startFakeHTTPServer({ send: ok('through') });
  const proxy = await startConnectProxy();
  try {
    const conn = await HTTPConnection.open({
      scheme: 'http',
      host: '127.0.0.1',
      port: proxy.port,
      timeoutMs: 2000,
      tunnel: { host: '127.0.0.1', port: fake.port, headers: [['Proxy-Authorization', 'Basic eDp5']] },
    });
    try {
      const head = await conn.exchange('GET', '/t', [['Host', `127.0.0.1:${fake.port}`]], undefined);
      const parts: Buffer[] = [];
      for await (const p of readBody(conn.reader, head, 1e6, () => {})) parts.push(p);
      assert.equal(Buffer.concat(parts).toString(), 'through');
      assert.equal(proxy.received[0], `CONNECT 127.0.0.1:${fake.port} HTTP/1.0\r\nProxy-Authorization: Basic eDp5`);
      assert.equal(fake.received[0]!.target, '/t');
    } finally {
      conn.close();
    }
  } finally {
    await proxy.close();
    await fake.close();
  }
});

test('a refused CONNECT is OSError("Tunnel connection failed: ...")', async () => {
  const proxy = await startConnectProxy('407 Proxy Authentication Required');
  try {
    await assert.rejects(HTTPConnection.open({ scheme: 'https', host: '127.0.0.1', port: proxy.port, timeoutMs: 2000, tunnel: { host: 'example.test', port: 443 } }), {
      name: 'NetworkError',
      python: 'OSError',
      message: 'Tunnel connection failed: 407 Proxy Authentication Required',
    });
  } finally {
    await proxy.close();
  }
});
