// HTTP client engine: the default trust store is the system bundle, and SSL_CERT_FILE
// names it as it does for OpenSSL (and so for Python's ssl module).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestCert } from '../fakes/tls-cert.js';

const tc = makeTestCert();
process.env['SSL_CERT_FILE'] = tc.certPath;
after(() => tc.cleanup());

test('SSL_CERT_FILE replaces the default roots', { skip: tc.skip }, async () => {
  const { request } = await import('../../src/protocols/http/client/index.js');
  const { defaultRoots, secureContextFor } = await import('../../src/protocols/core/ca-store.js');
  assert.deepEqual(defaultRoots(), [tc.cert]);
  assert.equal(secureContextFor(), secureContextFor());
  const server = https.createServer({ cert: tc.cert, key: tc.key }, (_req, res) => res.end('trusted'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await request({ url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, pool: false, timeout: 5000 });
    assert.equal((await res.bytes()).toString(), 'trusted');
    assert.equal(res.tls?.authorized, true);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
