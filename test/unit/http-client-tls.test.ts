// HTTP client engine over TLS: verification on by default, an extra CA, insecure mode,
// server name checks and the reported TLS version and peer certificate summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConnectionPool, HTTPConnection, readBody, request } from '../../src/protocols/http/client/index.js';
import { startConnectProxy } from '../fakes/connect-proxy.js';
import { makeTestCert } from '../fakes/tls-cert.js';

const tc = makeTestCert();
const skip = tc.skip;
const cert = tc.cert;
let server: https.Server | undefined;
let base = '';

before(async () => {
  if (skip) return;
  server = https.createServer({ cert, key: tc.key }, (_req, res) => res.end('secret'));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  tc.cleanup();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
  }
});

test('an unknown CA fails verification by default (kind tls)', { skip }, async () => {
  await assert.rejects(request({ url: `${base}/`, pool: false, timeout: 5000 }), (err: Error & { kind?: string; python?: string }) => {
    assert.equal(err.name, 'SSLError');
    assert.equal(err.kind, 'tls');
    assert.equal(err.python, 'ssl.SSLCertVerificationError');
    assert.match(err.message, /^\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed: /);
    return true;
  });
});

test('an extra CA verifies; TLS version and the peer certificate are reported', { skip }, async () => {
  const res = await request({ url: `${base}/`, ca: cert, pool: false, timeout: 5000 });
  assert.equal((await res.bytes()).toString(), 'secret');
  assert.ok(res.tls);
  assert.equal(res.tls.authorized, true);
  assert.match(res.tls.version, /^TLSv1\.[23]$/);
  const x509 = new X509Certificate(cert);
  assert.equal(res.tls.peerCertificate?.fingerprint256, x509.fingerprint256);
  assert.equal(res.tls.peerCertificate?.subject['CN'], 'localhost');
  assert.equal(res.tls.peerCertificate?.validTo, x509.validTo);
  assert.ok(res.timings.tls > 0);
});

test('a server name the certificate does not cover fails; insecure connects and says so', { skip }, async () => {
  await assert.rejects(request({ url: `${base}/`, ca: cert, servername: 'other.example', pool: false, timeout: 5000 }), { kind: 'tls' });
  const res = await request({ url: `${base}/`, insecure: true, pool: false, timeout: 5000 });
  assert.equal((await res.bytes()).toString(), 'secret');
  assert.equal(res.tls?.authorized, false);
});

test('the pool never hands an insecure connection to a verifying request', { skip }, async () => {
  const pool = new ConnectionPool();
  try {
    await (await request({ url: `${base}/`, insecure: true, pool, timeout: 5000 })).bytes();
    await assert.rejects(request({ url: `${base}/`, pool, timeout: 5000 }), { kind: 'tls' });
    const res = await request({ url: `${base}/`, insecure: true, pool, timeout: 5000 });
    await res.bytes();
    assert.equal(res.reused, true);
  } finally {
    pool.close();
  }
});

test('TLS through a CONNECT tunnel verifies the far end', { skip }, async () => {
  const proxy = await startConnectProxy();
  const port = Number(new URL(base).port);
  try {
    const conn = await HTTPConnection.open({ scheme: 'https', host: '127.0.0.1', port: proxy.port, timeoutMs: 5000, ca: cert, tunnel: { host: 'localhost', port } });
    try {
      assert.equal(conn.tls?.authorized, true);
      assert.equal(conn.tls?.servername, 'localhost');
      const head = await conn.exchange('GET', '/', [['Host', `localhost:${port}`]], undefined);
      const parts: Buffer[] = [];
      for await (const p of readBody(conn.reader, head, 1e6, () => {})) parts.push(p);
      assert.equal(Buffer.concat(parts).toString(), 'secret');
    } finally {
      conn.close();
    }
  } finally {
    await proxy.close();
  }
});
