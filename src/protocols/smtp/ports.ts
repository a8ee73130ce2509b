// smtplib's SMTP_PORT, SMTP_SSL_PORT and LMTP_PORT, in a module of their own so the CLI can
// read them without loading the client engine.

export type SMTPProtocol = 'smtp' | 'smtps' | 'lmtp';

/** smtplib.SMTP_PORT, SMTP_SSL_PORT, LMTP_PORT (use smtp://HOST:587 --starttls for submission). */
export const DEFAULT_PORTS: Record<SMTPProtocol, number> = { smtp: 25, smtps: 465, lmtp: 2003 };
