// The TLS material of every `netkit serve ...` verb: --tls-cert/--tls-key/--tls-password-file
// read and checked as Python 3.14's http.server checks them, or --tls-self-signed's
// ephemeral certificate for the bind address, its PEM written by --tls-cert-out.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { UsageError } from '../../cli/errors.js';
import { writeSmallFileSync } from '../../cli/write-target.js';
import type { ListenerTLS } from '../../protocols/core/listener.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../../protocols/core/self-signed.js';

export interface TLSFileOptions {
  tlsCert?: string;
  tlsKey?: string;
  tlsPasswordFile?: string;
  tlsSelfSigned: boolean;
  tlsCertOut?: string;
}

/** --tls-self-signed: a certificate for localhost, 127.0.0.1, ::1 and `bind`; undefined without the flag. */
export function makeSelfSigned(cwd: string, opts: TLSFileOptions, bind: string): SelfSignedCert | undefined {
  if (!opts.tlsSelfSigned) {
    if (opts.tlsCertOut) throw new UsageError('--tls-cert-out requires --tls-self-signed');
    return undefined;
  }
  if (opts.tlsCert || opts.tlsKey || opts.tlsPasswordFile) throw new UsageError('--tls-self-signed cannot be combined with --tls-cert, --tls-key or --tls-password-file');
  const ip = isIP(bind) !== 0 && bind !== '0.0.0.0' && bind !== '::' ? [bind] : [];
  const cert = makeSelfSignedCert({ ipAddresses: ip, dnsNames: isIP(bind) === 0 && bind !== 'localhost' ? [bind] : [] });
  if (opts.tlsCertOut) {
    const path = resolve(cwd, opts.tlsCertOut);
    try {
      writeSmallFileSync(path, cert.certPem);
    } catch (err) {
      throw new UsageError(`--tls-cert-out: cannot write ${path}: ${(err as Error).message}`);
    }
  }
  return cert;
}

/** --tls-cert (with the key inside unless --tls-key) and --tls-password-file; undefined without --tls-cert. */
export function readTLSFiles(cwd: string, opts: TLSFileOptions): ListenerTLS | undefined {
  if (!opts.tlsCert) {
    if (opts.tlsKey) throw new UsageError('--tls-key requires --tls-cert to be set');
    if (opts.tlsPasswordFile) throw new UsageError('--tls-password-file requires --tls-cert to be set');
    return undefined;
  }
  const read = (flag: string, path: string): string => {
    try {
      return readFileSync(resolve(cwd, path), 'utf8');
    } catch (err) {
      throw new UsageError(`${flag}: cannot read ${path}: ${(err as Error).message}`);
    }
  };
  const cert = read('--tls-cert', opts.tlsCert);
  const key = opts.tlsKey ? read('--tls-key', opts.tlsKey) : cert;
  let passphrase: string | undefined;
  if (opts.tlsPasswordFile) {
    try {
      passphrase = readFileSync(resolve(cwd, opts.tlsPasswordFile), 'utf8').trim();
    } catch (err) {
      throw new UsageError(`Failed to read TLS password file: ${(err as Error).message}`);
    }
  }
  return { cert, key, passphrase };
}
