// The trust store for HTTPS: the system's CA bundle (as Python's ssl default context uses
// OpenSSL's default paths), else Node's bundled roots, plus an optional extra CA. Secure
// contexts are built once per extra CA and cached, since parsing a bundle is costly.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

/** Where OpenSSL-based systems keep the CA bundle; SSL_CERT_FILE wins, as in OpenSSL. */
const BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem', '/etc/ssl/ca-bundle.pem'];

let roots: string[] | undefined;
const contexts = new Map<string, tls.SecureContext>();

/** The default trusted roots (PEM strings): the system bundle when one is readable. */
export function defaultRoots(): string[] {
  if (roots) return roots;
  const candidates = process.env['SSL_CERT_FILE'] ? [process.env['SSL_CERT_FILE'], ...BUNDLES] : BUNDLES;
  for (const path of candidates) {
    try {
      const pem = readFileSync(path, 'utf8');
      if (pem.includes('-----BEGIN CERTIFICATE-----')) return (roots = [pem]);
    } catch {
      // not there: try the next one
    }
  }
  return (roots = [...tls.rootCertificates]);
}

/** A secure context trusting the default roots plus `extraCA` (PEM), cached. */
export function secureContextFor(extraCA?: string | Buffer): tls.SecureContext {
  const key = extraCA === undefined ? '' : String(extraCA);
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca: extraCA === undefined ? defaultRoots() : [...defaultRoots(), key] });
    contexts.set(key, context);
  }
  return context;
}
