// The shared server plumbing of every `netkit serve ...` (DESIGN.md §4 "Servers"): listen
// on ADDR:PORT (port 0 = a free port), optional TLS, connection tracking, an idle timeout
// per connection, request accounting for --max-requests/--once, and a graceful close that
// stops accepting, lets in-flight requests finish within a bound, then destroys the rest.
// A library: it prints nothing; the protocol engine drives it through Connection.
import net from 'node:net';
import tls from 'node:tls';
import { NetkitError } from './errors.js';

/** TLS material (PEM); pluggable: whoever builds it (files, a self-signed generator) hands it here. */
export interface ListenerTLS {
  key: string | Buffer;
  cert: string | Buffer;
  passphrase?: string;
}

export interface ListenerOptions {
  /** Address to bind (default 127.0.0.1); "::" for every IPv6 (and, dual-stack, IPv4) address. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  tls?: ListenerTLS;
  /** Milliseconds a connection may stay silent before it is closed (0: never). */
  idleTimeoutMs?: number;
  /** Requests to serve before closing (undefined: no limit). */
  maxRequests?: number;
  backlog?: number;
}

/** Why the listener stopped: asked to, or --max-requests was reached. */
export type CloseReason = 'closed' | 'max-requests';

/** One accepted connection as the protocol engine sees it. */
export interface Connection {
  readonly socket: net.Socket;
  /** Peer address without IPv4-mapped prefix ("127.0.0.1", "::1"). */
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** True while a request is being served; a graceful close waits for it. */
  busy: boolean;
  /** Set when the listener is closing: finish the current request, then close. */
  readonly closing: boolean;
}

/** Error when the listener cannot bind (EADDRINUSE, EACCES, EADDRNOTAVAIL, bad host). */
export class ListenError extends NetkitError {
  override name = 'ListenError';
  readonly errno: string | undefined;
  constructor(message: string, errno: string | undefined, cause: unknown) {
    super(message, { code: 'ERR_LISTEN', python: 'OSError', kind: 'network', cause });
    this.errno = errno;
  }
}

const BIND_MESSAGES: Record<string, string> = {
  EADDRINUSE: 'Address already in use',
  EACCES: 'Permission denied',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
};

/** "[::1]:80" or "127.0.0.1:80". */
/**
 * The server side's TLS context, built at once so that a key that does not match, a wrong
 * password or a file that is not PEM fails before anything listens (an exit 6), not at
 * the first handshake.
 */
export function serverSecureContext(options: ListenerTLS): tls.SecureContext {
  try {
    return tls.createSecureContext({ key: options.key, cert: options.cert, passphrase: options.passphrase });
  } catch (err) {
    throw new NetkitError(`TLS: cannot use the certificate and key: ${(err as Error).message}`, { code: 'ERR_TLS_CONFIG', python: 'ssl.SSLError', kind: 'tls', cause: err });
  }
}

export function hostPort(host: string, port: number): string {
  return (host.includes(':') ? `[${host}]` : host) + ':' + port;
}

function unmapped(address: string | undefined): string {
  if (!address) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

class TrackedConnection implements Connection {
  busy = false;
  closing = false;
  readonly remoteAddress: string;
  readonly remotePort: number;
  constructor(readonly socket: net.Socket) {
    this.remoteAddress = unmapped(socket.remoteAddress);
    this.remotePort = socket.remotePort ?? 0;
  }
}

/**
 * A listening socket with its connections. `onConnection` is called for each accepted
 * connection (after the TLS handshake when TLS is on); the engine reads and writes the
 * socket and reports requests with requestStarted()/requestFinished().
 */
export class Listener {
  private readonly connections = new Set<TrackedConnection>();
  private served = 0;
  private inFlight = 0;
  private closingReason: CloseReason | undefined;
  private closedPromise: Promise<CloseReason>;
  private resolveClosed!: (reason: CloseReason) => void;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Milliseconds in-flight requests get once a close started (close() may change it). */
  graceMs = 5000;

  private constructor(
    private readonly server: net.Server,
    private readonly options: ListenerOptions,
    /** The bound address and port (the real port when 0 was asked). */
    readonly address: { host: string; port: number; family: 'IPv4' | 'IPv6' },
  ) {
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  /** Binds and starts accepting; rejects with ListenError when the address cannot be bound. */
  static async listen(options: ListenerOptions, onConnection: (conn: Connection) => void): Promise<Listener> {
    const host = options.host ?? '127.0.0.1';
    // tls.Server builds its own context from key/cert (it ignores a `secureContext`
    // option): serverSecureContext only checks them first, for the clear error.
    if (options.tls) serverSecureContext(options.tls);
    const server: net.Server = options.tls
      ? tls.createServer({ key: options.tls.key, cert: options.tls.cert, passphrase: options.tls.passphrase, handshakeTimeout: 10_000 })
      : net.createServer();
    server.on('error', () => {
      // Errors after listening (EMFILE on accept) do not stop the server.
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        const words = BIND_MESSAGES[err.code ?? ''] ?? err.message;
        reject(new ListenError(`cannot listen on ${hostPort(host, options.port)}: ${words}`, err.code, err));
      };
      server.once('error', onError);
      // ipv6Only false: "::" also takes IPv4 (Python's DualStackServer sets IPV6_V6ONLY=0).
      server.listen({ host, port: options.port, backlog: options.backlog ?? 511, ipv6Only: false }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    const bound = server.address() as net.AddressInfo;
    const listener = new Listener(server, options, { host: bound.address, port: bound.port, family: bound.family === 'IPv6' ? 'IPv6' : 'IPv4' });
    server.on(options.tls ? 'secureConnection' : 'connection', (socket: net.Socket) => listener.accept(socket, onConnection));
    if (options.tls) server.on('tlsClientError', (_err, socket) => socket.destroy());
    return listener;
  }

  private accept(socket: net.Socket, onConnection: (conn: Connection) => void): void {
    if (this.closingReason) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn = new TrackedConnection(socket);
    this.connections.add(conn);
    const idle = this.options.idleTimeoutMs ?? 0;
    if (idle > 0) {
      socket.setTimeout(idle);
      socket.on('timeout', () => {
        if (!conn.busy) socket.destroy();
      });
    }
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      this.connections.delete(conn);
      if (conn.busy) this.requestFinished(conn);
      this.settle();
    });
    onConnection(conn);
  }

  /** Open connections now. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Requests started so far. */
  get requestCount(): number {
    return this.served;
  }

  get closing(): boolean {
    return this.closingReason !== undefined;
  }

  /**
   * A request begins on `conn`. Returns true when it is the last one the listener will
   * serve (--max-requests reached, or closing): the engine should close after answering.
   */
  requestStarted(conn: Connection): boolean {
    (conn as TrackedConnection).busy = true;
    this.served++;
    this.inFlight++;
    const max = this.options.maxRequests;
    if (max !== undefined && this.served >= max && !this.closingReason) this.beginClose('max-requests');
    return this.closingReason !== undefined;
  }

  /** The request on `conn` has been answered (its bytes handed to the socket). */
  requestFinished(conn: Connection): void {
    const c = conn as TrackedConnection;
    if (!c.busy) return;
    c.busy = false;
    this.inFlight--;
    if (this.closingReason) {
      // Let written bytes drain, then close: end() flushes before FIN.
      c.socket.end();
      this.settle();
    }
  }

  /** Stops accepting, lets in-flight requests finish within `graceMs`, destroys the rest. */
  close(graceMs = this.graceMs): Promise<CloseReason> {
    this.graceMs = graceMs;
    this.beginClose('closed');
    return this.closedPromise;
  }

  /** Resolves once the listener is closed and every connection is gone. */
  get closed(): Promise<CloseReason> {
    return this.closedPromise;
  }

  private beginClose(reason: CloseReason): void {
    if (this.closingReason) return;
    this.closingReason = reason;
    this.server.close();
    for (const c of this.connections) {
      c.closing = true;
      if (!c.busy) c.socket.end();
    }
    this.graceTimer = setTimeout(() => {
      for (const c of this.connections) c.socket.destroy();
    }, this.graceMs);
    this.graceTimer.unref();
    this.settle();
  }

  private settle(): void {
    if (!this.closingReason) return;
    if (this.connections.size === 0) {
      clearTimeout(this.graceTimer);
      this.resolveClosed(this.closingReason);
    } else if (this.inFlight === 0) {
      // Nothing left to finish: idle connections get a short while to read their last bytes.
      for (const c of this.connections) if (!c.socket.writableLength) c.socket.destroySoon();
    }
  }
}
