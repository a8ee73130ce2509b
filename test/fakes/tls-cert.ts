// Throwaway certificates for localhost and 127.0.0.1, made with the openssl CLI in a
// temporary directory: makeTestCert() one self-signed certificate (CA:TRUE, its own trust
// anchor), makeTestCA() a CA (CA:TRUE, keyCertSign) and a separate server certificate signed
// by it. When openssl fails, `skip` is the reason — and under NETKIT_REQUIRE_PEERS=1 the
// call throws instead (test/helpers/peers.ts), so no TLS test skips silently in CI.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missing } from '../helpers/peers.js';

export interface TestCert {
  /** The server certificate (PEM). */
  cert: string;
  /** Its private key (PEM, unencrypted). */
  key: string;
  certPath: string;
  keyPath: string;
  skip: string | false;
  cleanup(): void;
}

export interface TestCA extends TestCert {
  /** The CA certificate that signed `cert` (PEM): the only thing a client should trust. */
  caPem: string;
  caPath: string;
}

const SAN = 'DNS:localhost, IP:127.0.0.1';

// Extension sections for `-extensions`: the CA may only sign; the leaf may only serve.
const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = netkit test CA
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = ${SAN}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
`;

/** Runs openssl steps in order; the first failure's description, or undefined when all succeeded. */
function openssl(dir: string, steps: string[][]): string | undefined {
  for (const args of steps) {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
    if (r.status !== 0) return `openssl ${args[0]} failed: ${r.error?.message || r.stderr?.trim() || `exit ${r.status}`}`;
  }
  return undefined;
}

function made(dir: string, failure: string | undefined): TestCert {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  if (failure !== undefined) {
    cleanup();
    return { cert: '', key: '', certPath, keyPath, skip: missing(`openssl could not make a certificate (${failure})`), cleanup };
  }
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath, skip: false, cleanup };
}

/** One self-signed certificate (RSA 2048, two days) that is its own CA. */
export function makeTestCert(): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-tls-'));
  const failure = openssl(dir, [
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', `subjectAltName=${SAN}`, '-keyout', 'key.pem', '-out', 'cert.pem'],
  ]);
  return made(dir, failure);
}

/** A CA (CN "netkit test CA") and a server certificate for localhost/127.0.0.1 it signed (P-256, two days). */
export function makeTestCA(): TestCA {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-ca-'));
  const caPath = join(dir, 'ca.pem');
  writeFileSync(join(dir, 'openssl.cnf'), CONFIG);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const failure = openssl(dir, [
    ['req', '-x509', '-new', ...ec, '-days', '2', '-config', 'openssl.cnf', '-extensions', 'ca', '-keyout', 'ca-key.pem', '-out', 'ca.pem'],
    ['req', '-new', ...ec, '-subj', '/CN=localhost', '-keyout', 'key.pem', '-out', 'leaf.csr'],
    ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '2', '-extfile', 'openssl.cnf', '-extensions', 'leaf', '-out', 'cert.pem'],
  ]);
  const leaf = made(dir, failure);
  // The CA's key is of no further use: only its certificate stays.
  if (!leaf.skip) rmSync(join(dir, 'ca-key.pem'), { force: true });
  return { ...leaf, caPem: leaf.skip ? '' : readFileSync(caPath, 'utf8'), caPath };
}
