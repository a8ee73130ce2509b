// The socket-level failures every client engine reports, worded as Python words them:
// refused, reset, DNS, timeout (OSError family, exit 3) and TLS (ssl.SSLError, exit 6).
import { osErrorText, pyErrno } from './os-error.js';
import { NetkitError } from './errors.js';

/** A socket-level failure: refused, reset, DNS, timeout (Python's OSError family). kind 'network'. */
export class NetworkError extends NetkitError {
  override name: string = 'NetworkError';
  constructor(message: string, python: string, code: string, cause?: unknown) {
    super(message, { code, python, kind: 'network', cause });
  }
}

/** socket.timeout / TimeoutError: a connect, send or read wait ran out. */
export class SocketTimeoutError extends NetworkError {
  override name = 'TimeoutError';
  readonly phase: string;
  constructor(phase: string) {
    super('timed out', 'TimeoutError', 'ERR_TIMEOUT');
    this.phase = phase;
  }
}

/** ssl.SSLError / ssl.SSLCertVerificationError: the handshake or certificate check failed. kind 'tls'. */
export class TLSError extends NetkitError {
  override name = 'SSLError';
  constructor(message: string, python: string, code: string, cause?: unknown) {
    super(message, { code, python, kind: 'tls', cause });
  }
}


/** Maps a node:net/node:tls/dns error to the error Python would raise, worded as Python words it. */
export function fromSocketError(err: unknown): NetkitError {
  if (err instanceof NetkitError) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const known = pyErrno(code);
  if (known) return new NetworkError(osErrorText(err), known.type, `ERR_${code}`, err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
    const [n, text] = code === 'EAI_AGAIN' ? [-3, 'Temporary failure in name resolution'] : [-2, 'Name or service not known'];
    return new NetworkError(`[Errno ${n}] ${text}`, 'socket.gaierror', 'ERR_DNS', err);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO|HOSTNAME|ERR_TLS_CERT_ALTNAME/.test(code)) {
    // A leaf whose issuer is not trusted: OpenSSL stops at X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    // (20), which Python reports; Node's verify callback lets it go on to 21, "unable to verify
    // the first certificate", and reports that last error instead.
    const reason = code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ? 'unable to get local issuer certificate' : (e.reason ?? e.message);
    return new TLSError(`[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ${reason}`, 'ssl.SSLCertVerificationError', 'ERR_TLS_CERT', err);
  }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS/.test(e?.message ?? '')) {
    return new TLSError(e.message, 'ssl.SSLError', 'ERR_TLS', err);
  }
  return new NetworkError(e?.message ?? String(err), 'OSError', code ? `ERR_${code}` : 'ERR_NETWORK', err);
}
