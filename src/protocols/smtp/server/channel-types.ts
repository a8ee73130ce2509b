// The shapes around one SMTP server conversation (channel.ts): what a channel is told
// (ChannelOptions), what it calls (ChannelHooks) and what a completed DATA hands the
// sinks (ReceivedMessage).
import type { PasswordLookup } from '../../core/sasl.js';

export interface ChannelOptions {
  /** socket.getfqdn() as Python computes it (or --hostname). */
  fqdn: string;
  peerAddress: string;
  peerPort: number;
  /** -s: advertised in EHLO and checked against MAIL SIZE= (undefined: none, smtpd's CLI default). */
  sizeLimit?: number;
  /** The data cap enforced when no -s was given (not advertised). */
  hardDataLimit: number;
  /** -u. */
  smtputf8: boolean;
  /** Advertise PIPELINING. */
  pipelining?: boolean;
  /** STARTTLS is offered (a certificate is configured and the session is not yet TLS). */
  starttls?: boolean;
  /** The session runs over TLS (implicit TLS, or after STARTTLS). */
  tls?: boolean;
  /** AUTH mechanisms offered; empty: no AUTH. */
  authMechanisms?: ReadonlyArray<'PLAIN' | 'LOGIN' | 'CRAM-MD5'>;
  passwordLookup?: PasswordLookup;
  authAny?: boolean;
  requireAuth?: boolean;
  requireTLS?: boolean;
  maxRecipients?: number;
  /** Longest data line accepted, CRLF included (undefined: no limit, as smtpd). */
  maxDataLine?: number;
}

/** What a completed DATA hands to the sinks. */
export interface ReceivedMessage {
  peerAddress: string;
  peerPort: number;
  helo: string;
  mailFrom: string;
  rcptTos: string[];
  mailOptions: string[];
  rcptOptions: string[];
  /** smtpd's received_data: the lines, unstuffed, joined by "\n" (no final newline). */
  data: Buffer;
  authUser?: string;
  tls: boolean;
  receivedAt: Date;
}

export interface ChannelHooks {
  /** Replies for the peer (those of one feed() in one call): ASCII as latin1, UTF-8 once SMTPUTF8 was asked for. */
  send(text: string, encoding: 'latin1' | 'utf8'): void;
  /** Close after the bytes sent so far (QUIT, refusals). */
  end(): void;
  /** Close now without sending what was not sent (smtpd's handle_error). */
  destroy(): void;
  /**
   * Stores the message; gives (or resolves with) an error reply, or undefined for
   * "250 OK". A sink with nothing durable to wait for answers synchronously.
   */
  deliver(message: ReceivedMessage): Promise<string | undefined> | string | undefined;
  /** The "220 Ready to start TLS" went out: upgrade, then call channel.tlsStarted(). */
  startTLS?(): void;
  /** A DATA transaction began or ended (graceful shutdown waits for it). */
  busy?(busy: boolean): void;
  /** smtpd's DEBUGSTREAM lines (-d). */
  debug?(line: string): void;
}
