// The client side of every connection: a TCP connect and a TLS handshake (implicit TLS
// or a STARTTLS upgrade of a plain socket), verified against the system CA store plus an
// optional extra CA, each wait bounded by a timeout, and a summary of what TLS produced.
// HTTP, SMTP and the other line protocols connect through here.
import net from 'node:net';
import tls from 'node:tls';
import { SocketTimeoutError, fromSocketError } from './socket-errors.js';
import { secureContextFor } from './ca-store.js';

/** How to check the server's certificate. */
export interface TLSClientOptions {
  /** Extra trusted CA certificate(s), PEM, added to the system store (see ca-store.ts). */
  ca?: string | Buffer | undefined;
  /** Skip certificate verification (still reports what was presented). */
  insecure?: boolean | undefined;
  /** SNI and the name checked against the certificate; defaults to the host (none for IPs). */
  servername?: string | undefined;
  /** ALPN protocols to offer. */
  alpn?: string[] | undefined;
}

/** A summary of the peer certificate. */
export interface PeerCertificate {
  subject: Record<string, string | string[]>;
  issuer: Record<string, string | string[]>;
  subjectAltName: string | undefined;
  validFrom: string;
  validTo: string;
  serialNumber: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  fingerprint256: string;
}

/** What the TLS handshake produced. */
export interface TLSInfo {
  /** e.g. "TLSv1.3" (Python's SSLSocket.version()). */
  version: string;
  cipher: string;
  /** True when the certificate chain and name were verified. */
  authorized: boolean;
  /** Why verification failed (only possible with insecure). */
  authorizationError: string | undefined;
  servername: string | undefined;
  peerCertificate: PeerCertificate | undefined;
}

function summarizeCert(cert: tls.PeerCertificate): PeerCertificate | undefined {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  return {
    subject: { ...cert.subject },
    issuer: { ...cert.issuer },
    subjectAltName: cert.subjectaltname,
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
  };
}

/** What a finished handshake on `socket` produced. */
export function tlsInfo(socket: tls.TLSSocket, servername: string | undefined): TLSInfo {
  const error = socket.authorizationError;
  return {
    version: socket.getProtocol() ?? '',
    cipher: socket.getCipher()?.name ?? '',
    authorized: socket.authorized,
    authorizationError: error === undefined || error === null ? undefined : String(error),
    servername,
    peerCertificate: summarizeCert(socket.getPeerCertificate()),
  };
}

/** Waits for `event` on `socket`, failing on error or after timeoutMs (the socket is then destroyed). */
export function waitFor(socket: net.Socket, event: string, timeoutMs: number, phase: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (err?: unknown): void => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        reject(err);
      } else resolve();
    };
    const onEvent = (): void => finish();
    const onError = (e: unknown): void => finish(fromSocketError(e));
    const timer = setTimeout(() => finish(new SocketTimeoutError(phase)), timeoutMs);
    socket.once(event, onEvent);
    socket.on('error', onError);
  });
}

/** Opens a TCP connection (Python's socket.create_connection), bounded by timeoutMs. */
export async function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const socket = net.connect({ host, port, noDelay: true });
  await waitFor(socket, 'connect', timeoutMs, 'connect');
  return socket;
}

/**
 * Runs a TLS handshake over `raw` (a connected socket: implicit TLS right after connect,
 * or STARTTLS after the server said yes) and verifies the certificate against `host`
 * unless `insecure`. The caller must have checked that no unread bytes are pending on
 * `raw` (bytes sent before the handshake are an injection, DESIGN.md §4 "TLS").
 */
export async function startTls(raw: net.Socket, host: string, options: TLSClientOptions, timeoutMs: number): Promise<{ socket: tls.TLSSocket; info: TLSInfo }> {
  const servername = options.servername ?? (net.isIP(host) ? undefined : host);
  const socket = tls.connect({
    socket: raw,
    ...(servername === undefined ? {} : { servername }),
    secureContext: secureContextFor(options.ca),
    rejectUnauthorized: !options.insecure,
    ...(options.alpn ? { ALPNProtocols: options.alpn } : {}),
    // Without a name (an IP literal), check the certificate against the IP.
    checkServerIdentity: (_name, cert) => tls.checkServerIdentity(servername ?? host, cert),
  });
  try {
    await waitFor(socket, 'secureConnect', timeoutMs, 'handshake');
  } catch (err) {
    raw.destroy();
    throw err;
  }
  return { socket, info: tlsInfo(socket, servername) };
}
