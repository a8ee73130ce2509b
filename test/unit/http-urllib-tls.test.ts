// urlopen over https: verification errors as URLError (kind tls), an extra CA, and https
// through a CONNECT proxy (the tunnel carries TLS to the origin's name).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { urlopen, URLError } from '../../src/protocols/http/urllib/index.js';
import { startConnectProxy } from '../fakes/connect-proxy.js';
import { makeTestCert } from '../fakes/tls-cert.js';

const tc = makeTestCert();
const skip = tc.skip;
let server: https.Server | undefined;
let port = 0;

before(async () => {
  if (skip) return;
  server = https.createServer({ cert: tc.cert, key: tc.key }, (req, res) => res.end(`secret ${req.url}`));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  tc.cleanup();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
});

test('an unverified certificate is URLError with kind tls', { skip }, async () => {
  await assert.rejects(urlopen(`https://localhost:${port}/`, { env: {}, timeout: 3000, pool: false }), (err: unknown) => {
    assert.ok(err instanceof URLError);
    assert.match(err.message, /^<urlopen error \[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed/);
    assert.equal(err.kind, 'tls');
    return true;
  });
});

test('an extra CA makes it verify; tls info is reported', { skip }, async () => {
  const res = await urlopen(`https://localhost:${port}/a`, { env: {}, timeout: 3000, ca: tc.cert, pool: false });
  assert.equal((await res.bytes()).toString(), 'secret /a');
  assert.equal(res.tls?.authorized, true);
});

test('https through a CONNECT proxy from https_proxy', { skip }, async () => {
  const proxy = await startConnectProxy();
  try {
    const res = await urlopen(`https://localhost:${port}/t`, { env: { HTTPS_PROXY: `127.0.0.1:${proxy.port}` }, timeout: 3000, ca: tc.cert, pool: false });
    assert.equal((await res.bytes()).toString(), 'secret /t');
    assert.equal(res.proxy, `127.0.0.1:${proxy.port}`);
    assert.equal(proxy.received[0], `CONNECT localhost:${port} HTTP/1.0`);
    assert.equal(res.tls?.servername, 'localhost');
  } finally {
    await proxy.close();
  }
});
