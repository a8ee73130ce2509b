// The test support that decides skip or fail (test/helpers/peers.ts) and the throwaway
// certificates (test/fakes/tls-cert.ts): a missing peer or a failing openssl is a skip
// reason locally and an Error under NETKIT_REQUIRE_PEERS=1; makeTestCA's CA may only sign,
// its server certificate may only serve, and only the CA makes a TLS client trust it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:tls';
import { makeTestCA, makeTestCert } from '../fakes/tls-cert.js';
import { missing, python3Version, requirePeer } from '../helpers/peers.js';

/** Runs fn with the environment changed as `env` says (undefined deletes), then restores it. */
function withEnv<T>(env: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>): void => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(env);
  try {
    return fn();
  } finally {
    set(saved);
  }
}

const openssl = requirePeer('openssl');

test('a missing peer is a skip reason, and an Error under NETKIT_REQUIRE_PEERS=1', () => {
  withEnv({ NETKIT_REQUIRE_PEERS: undefined }, () => {
    assert.equal(requirePeer('netkit-no-such-peer'), 'peer netkit-no-such-peer is not installed');
    assert.equal(missing('no widget'), 'no widget');
    assert.equal(requirePeer('sh'), false);
  });
  withEnv({ NETKIT_REQUIRE_PEERS: '1' }, () => {
    assert.throws(() => requirePeer('netkit-no-such-peer'), { message: 'peer netkit-no-such-peer is not installed (NETKIT_REQUIRE_PEERS=1)' });
    assert.throws(() => missing('no widget'), { message: 'no widget (NETKIT_REQUIRE_PEERS=1)' });
    assert.equal(requirePeer('sh'), false);
  });
});

test('python3 as a peer must be 3.11.x', { skip: requirePeer('python3') }, () => {
  assert.match(python3Version() ?? '', /^3\.11\.\d+$/);
});

test('when openssl cannot make a certificate: a skip reason, and an Error under NETKIT_REQUIRE_PEERS=1', () => {
  withEnv({ PATH: '/nonexistent', NETKIT_REQUIRE_PEERS: undefined }, () => {
    for (const make of [makeTestCert, makeTestCA]) {
      const tc = make();
      assert.match(String(tc.skip), /^openssl could not make a certificate \(openssl req failed: .*ENOENT\)$/);
      tc.cleanup();
    }
  });
  withEnv({ PATH: '/nonexistent', NETKIT_REQUIRE_PEERS: '1' }, () => {
    for (const make of [makeTestCert, makeTestCA]) assert.throws(() => make(), /^Error: openssl could not make a certificate .*\(NETKIT_REQUIRE_PEERS=1\)$/);
  });
});

test('makeTestCA: a CA that may only sign, and a server certificate for localhost and 127.0.0.1 it signed', { skip: openssl }, () => {
  const pki = makeTestCA();
  try {
    assert.equal(pki.skip, false);
    const ca = new X509Certificate(pki.caPem);
    const leaf = new X509Certificate(pki.cert);
    assert.equal(ca.ca, true);
    assert.equal(leaf.ca, false);
    assert.equal(leaf.issuer, ca.subject);
    assert.notEqual(leaf.fingerprint256, ca.fingerprint256);
    assert.ok(leaf.checkIssued(ca));
    assert.ok(leaf.verify(ca.publicKey));
    assert.ok(leaf.checkHost('localhost'));
    assert.ok(leaf.checkIP('127.0.0.1'));
    assert.ok(leaf.checkPrivateKey(createPrivateKey(pki.key)));
    const ext = (path: string): string => spawnSync('openssl', ['x509', '-noout', '-ext', 'basicConstraints,keyUsage,extendedKeyUsage', '-in', path], { encoding: 'utf8', timeout: 10_000 }).stdout;
    assert.match(ext(pki.caPath), /Basic Constraints: critical\n\s+CA:TRUE\n\s*X509v3 Key Usage: critical\n\s+Certificate Sign, CRL Sign\n/);
    assert.match(ext(pki.certPath), /Basic Constraints: critical\n\s+CA:FALSE\n\s*X509v3 Key Usage: critical\n\s+Digital Signature\n\s*X509v3 Extended Key Usage: \n?\s*TLS Web Server Authentication\n/);
    const verify = (cafile: string): number | null => spawnSync('openssl', ['verify', '-CAfile', cafile, pki.certPath], { stdio: 'ignore', timeout: 10_000 }).status;
    assert.equal(verify(pki.caPath), 0);
    assert.notEqual(verify(pki.certPath), 0);
  } finally {
    pki.cleanup();
  }
});

test('makeTestCA: a TLS client trusting the CA verifies the server; trusting the server certificate alone does not', { skip: openssl, timeout: 10_000 }, async () => {
  const pki = makeTestCA();
  const server = createServer({ cert: pki.cert, key: pki.key }, (s) => s.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const handshake = (ca: string, servername?: string): Promise<string> =>
    new Promise((resolve) => {
      const s = connect({ host: '127.0.0.1', port, ca, servername, timeout: 5000 }, () => {
        s.end();
        resolve(s.authorized ? 'authorized' : String(s.authorizationError));
      });
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      s.once('timeout', () => s.destroy(new Error('timeout')));
    });
  try {
    assert.equal(await handshake(pki.caPem), 'authorized');
    assert.equal(await handshake(pki.caPem, 'localhost'), 'authorized');
    assert.equal(await handshake(pki.cert), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  } finally {
    await new Promise((resolve) => server.close(resolve));
    pki.cleanup();
  }
});
