// A throwaway self-signed certificate for localhost and 127.0.0.1, made with openssl in a
// temporary directory; `skip` is a reason string when openssl is unavailable.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCert {
  cert: string;
  key: string;
  certPath: string;
  skip: string | false;
  cleanup(): void;
}

export function makeTestCert(): TestCert {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-tls-'));
  const certPath = join(dir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', certPath],
    { stdio: 'ignore', timeout: 30000 },
  );
  const ok = made.status === 0;
  return {
    cert: ok ? readFileSync(certPath, 'utf8') : '',
    key: ok ? readFileSync(join(dir, 'key.pem'), 'utf8') : '',
    certPath,
    skip: ok ? false : 'openssl could not make a certificate',
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
