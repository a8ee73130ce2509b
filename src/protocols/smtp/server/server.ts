// `serve smtp`'s server: the shared Listener (bind, implicit TLS) with one SMTPChannel per
// connection, STARTTLS upgrades on the same socket, --max-connections, the idle timeout
// answered with a 421, and a shutdown that sends 421 to idle sessions and lets those
// inside DATA finish their message first (within the grace period).
import type net from 'node:net';
import tls from 'node:tls';
import { Listener, serverSecureContext, type Connection, type ListenerTLS } from '../../core/listener.js';
import { SMTPChannel, type ChannelHooks, type ChannelOptions } from './channel.js';
import { peerRepr, R } from './templates.js';

export interface SMTPServerOptions {
  host: string;
  port: number;
  /** Implicit TLS on every connection (smtps). */
  implicitTLS?: ListenerTLS;
  /** Certificate for STARTTLS (offered when set and the session is plain). */
  starttls?: ListenerTLS;
  /** Everything a channel needs but the peer. */
  channel: Omit<ChannelOptions, 'peerAddress' | 'peerPort' | 'tls' | 'starttls'>;
  maxConnections?: number;
  idleTimeoutMs?: number;
  deliver: ChannelHooks['deliver'];
  debug?(line: string): void;
  /** A connection came or went (for logs). */
  onConnection?(event: 'open' | 'close', peer: string): void;
}

interface Session {
  conn: Connection;
  channel: SMTPChannel;
  socket: net.Socket;
}

export class SMTPServer {
  private readonly sessions = new Set<Session>();
  private stopping = false;

  private constructor(
    private readonly options: SMTPServerOptions,
    private listener: Listener,
    /** STARTTLS's context, built before listening so a bad key fails at start. */
    private readonly secureContext: tls.SecureContext | undefined,
  ) {}

  static async listen(options: SMTPServerOptions): Promise<SMTPServer> {
    const secureContext = options.starttls && !options.implicitTLS ? serverSecureContext(options.starttls) : undefined;
    let server: SMTPServer | undefined;
    const pending: Connection[] = [];
    const listener = await Listener.listen({ host: options.host, port: options.port, tls: options.implicitTLS, backlog: 511 }, (conn) => {
      if (server) server.accept(conn);
      else pending.push(conn);
    });
    server = new SMTPServer(options, listener, secureContext);
    for (const c of pending) server.accept(c);
    return server;
  }

  get address(): { host: string; port: number; family: 'IPv4' | 'IPv6' } {
    return this.listener.address;
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Resolves once the listener closed and every connection is gone. */
  get closed(): Promise<unknown> {
    return this.listener.closed;
  }

  private accept(conn: Connection): void {
    const o = this.options;
    const socket = conn.socket;
    const peerAddress = conn.remoteAddress;
    if (o.maxConnections && this.sessions.size >= o.maxConnections) {
      socket.end(R.tooManyConnections(o.channel.fqdn) + '\r\n');
      return;
    }
    let current: net.Socket = socket;
    let session: Session;
    const channel = new SMTPChannel(
      { ...o.channel, peerAddress, peerPort: conn.remotePort, tls: o.implicitTLS !== undefined, starttls: o.starttls !== undefined && !o.implicitTLS },
      {
        send: (text, encoding) => {
          if (!current.destroyed) current.write(text, encoding);
        },
        end: () => current.end(),
        destroy: () => current.destroy(),
        deliver: (message) => o.deliver(message),
        startTLS: () => this.upgrade(session, (s) => (current = s)),
        busy: (busy) => {
          if (busy) this.listener.requestStarted(conn);
          else this.listener.requestFinished(conn);
        },
        debug: o.debug,
      },
    );
    session = { conn, channel, socket };
    this.sessions.add(session);
    o.debug?.(`Incoming connection from ${peerRepr(peerAddress, conn.remotePort)}`);
    o.onConnection?.('open', peerAddress);
    const onData = (chunk: Buffer): void => channel.feed(chunk);
    socket.on('data', onData);
    (session as Session & { onData: typeof onData }).onData = onData;
    socket.once('close', () => {
      channel.lost();
      this.sessions.delete(session);
      o.onConnection?.('close', peerAddress);
    });
    if (o.idleTimeoutMs) {
      socket.setTimeout(o.idleTimeoutMs);
      socket.on('timeout', () => {
        // Waiting on our own delivery is not the client's silence: wait another round
        // (Node does not fire 'timeout' again without traffic unless re-armed).
        if (channel.deliveryPending) {
          socket.setTimeout(o.idleTimeoutMs!);
          return;
        }
        // A client silent at a command or inside DATA alike gets the 421 and the close.
        channel.timedOut();
        setTimeout(() => socket.destroy(), 1000).unref();
      });
    }
    if (this.stopping) {
      channel.greet();
      channel.shutdown();
      return;
    }
    channel.greet();
  }

  /** STARTTLS: stop reading plain text, wrap the socket, hand the channel the TLS stream. */
  private upgrade(session: Session, use: (s: net.Socket) => void): void {
    const raw = session.socket;
    raw.off('data', (session as Session & { onData: (b: Buffer) => void }).onData);
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: this.secureContext });
    const timer = setTimeout(() => raw.destroy(), 10_000);
    secure.on('error', () => raw.destroy());
    secure.once('secure', () => {
      clearTimeout(timer);
      use(secure);
      session.channel.tlsStarted();
      secure.on('data', (chunk: Buffer) => session.channel.feed(chunk));
    });
  }

  /**
   * Stops accepting; idle sessions get "421 ... closing transmission channel" now, those
   * in DATA after their message. After `graceMs` what is left is cut.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const s of this.sessions) s.channel.shutdown();
    await this.listener.close(graceMs);
  }
}
