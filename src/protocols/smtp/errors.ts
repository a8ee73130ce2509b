// smtplib's exception tree (CPython 3.11 Lib/smtplib.py) as TypeScript classes: each keeps
// Python's name in `python`, the reply code and text where Python has smtp_code/smtp_error,
// and a `kind` that picks the exit code (DESIGN.md §4): auth → 4, refusals → 5, STARTTLS
// unavailable → 6, disconnects and bad greetings → 3.
import { NetkitError, type ErrorKind } from '../core/errors.js';
import { pyBytesRepr } from '../core/py-text.js';

/** One server reply: smtplib's (code, msg) with msg the lines joined by "\n" (bytes). */
export interface SMTPReply {
  code: number;
  msg: Buffer;
}

/** The reply text as one line for a message: the lines joined by a space, decoded leniently. */
export function replyText(msg: Buffer): string {
  return msg.toString('latin1').replace(/\n/g, ' ');
}

/** smtplib.SMTPException: the base of every error this module raises. */
export class SMTPException extends NetkitError {
  override name: string = 'SMTPException';
  constructor(message: string, options: { code?: string; python?: string; kind?: ErrorKind; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'ERR_SMTP', python: options.python ?? 'smtplib.SMTPException', kind: options.kind ?? 'failure', cause: options.cause, named: true });
  }
}

/**
 * smtplib.SMTPNotSupportedError: the server lacks the extension asked for. STARTTLS missing
 * is a TLS failure (exit 6, never plaintext); AUTH missing is an auth failure (exit 4).
 */
export class SMTPNotSupportedError extends SMTPException {
  override name = 'SMTPNotSupportedError';
  constructor(message: string, kind: ErrorKind = 'refused') {
    super(message, { code: 'ERR_SMTP_NOT_SUPPORTED', python: 'smtplib.SMTPNotSupportedError', kind });
  }
}

/** smtplib.SMTPServerDisconnected: the connection closed or failed under us (exit 3). */
export class SMTPServerDisconnected extends SMTPException {
  override name = 'SMTPServerDisconnected';
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'ERR_SMTP_DISCONNECTED', python: 'smtplib.SMTPServerDisconnected', kind: 'network', cause });
  }
}

/** smtplib.SMTPResponseException(code, msg): a reply the client could not go on with. */
export class SMTPResponseException extends SMTPException {
  override name: string = 'SMTPResponseException';
  readonly smtpCode: number;
  readonly smtpError: Buffer;
  constructor(code: number, msg: Buffer | string, options: { python?: string; kind?: ErrorKind; errCode?: string; prefix?: string } = {}) {
    const bytes = typeof msg === 'string' ? Buffer.from(msg, 'latin1') : msg;
    super(`${options.prefix ?? ''}${code} ${replyText(bytes)}`, {
      code: options.errCode ?? 'ERR_SMTP_RESPONSE',
      python: options.python ?? 'smtplib.SMTPResponseException',
      kind: options.kind ?? 'refused',
    });
    this.smtpCode = code;
    this.smtpError = bytes;
  }

  /** Python's args: (code, msg) — str(e) of the exception. */
  get pyArgs(): string {
    return `(${this.smtpCode}, ${pyBytesRepr(this.smtpError)})`;
  }

  toJSON(): Record<string, unknown> {
    return { type: this.name, python: this.python, code: this.code, smtp_code: this.smtpCode, smtp_error: replyText(this.smtpError), message: this.message };
  }
}

/** smtplib.SMTPSenderRefused: MAIL FROM was refused (exit 5). */
export class SMTPSenderRefused extends SMTPResponseException {
  override name = 'SMTPSenderRefused';
  constructor(code: number, msg: Buffer | string, readonly sender: string) {
    super(code, msg, { python: 'smtplib.SMTPSenderRefused', errCode: 'ERR_SMTP_SENDER_REFUSED', prefix: `sender ${sender} refused: ` });
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), sender: this.sender };
  }
}

/** What sendmail() returns: the refused recipients and their (code, msg), in RCPT order. */
export type RefusedRecipients = Map<string, SMTPReply>;

/** smtplib.SMTPRecipientsRefused(recipients): every recipient was refused (exit 5). */
export class SMTPRecipientsRefused extends SMTPException {
  override name = 'SMTPRecipientsRefused';
  constructor(readonly recipients: RefusedRecipients) {
    const list = [...recipients].map(([addr, r]) => `${addr}: ${r.code} ${replyText(r.msg)}`).join('; ');
    super(`all recipients were refused: ${list}`, { code: 'ERR_SMTP_RECIPIENTS_REFUSED', python: 'smtplib.SMTPRecipientsRefused', kind: 'refused' });
  }
  toJSON(): Record<string, unknown> {
    return { type: this.name, python: this.python, code: this.code, message: this.message, recipients: refusedToJSON(this.recipients) };
  }
}

/** The refused dict as JSON: {address: {smtp_code, smtp_error}}. */
export function refusedToJSON(refused: RefusedRecipients): Record<string, { smtp_code: number; smtp_error: string }> {
  const out: Record<string, { smtp_code: number; smtp_error: string }> = {};
  for (const [addr, r] of refused) out[addr] = { smtp_code: r.code, smtp_error: replyText(r.msg) };
  return out;
}

/** smtplib.SMTPDataError: DATA, or the message after it, was not accepted (exit 5). */
export class SMTPDataError extends SMTPResponseException {
  override name = 'SMTPDataError';
  constructor(code: number, msg: Buffer | string) {
    super(code, msg, { python: 'smtplib.SMTPDataError', errCode: 'ERR_SMTP_DATA' });
  }
}

/** smtplib.SMTPConnectError: the greeting was not 220 (exit 3). */
export class SMTPConnectError extends SMTPResponseException {
  override name = 'SMTPConnectError';
  constructor(code: number, msg: Buffer | string) {
    super(code, msg, { python: 'smtplib.SMTPConnectError', errCode: 'ERR_SMTP_CONNECT', kind: 'network', prefix: 'greeting: ' });
  }
}

/** smtplib.SMTPHeloError: neither EHLO nor HELO was accepted (exit 5). */
export class SMTPHeloError extends SMTPResponseException {
  override name = 'SMTPHeloError';
  constructor(code: number, msg: Buffer | string) {
    super(code, msg, { python: 'smtplib.SMTPHeloError', errCode: 'ERR_SMTP_HELO' });
  }
}

/** smtplib.SMTPAuthenticationError: AUTH failed (exit 4). */
export class SMTPAuthenticationError extends SMTPResponseException {
  override name = 'SMTPAuthenticationError';
  constructor(code: number, msg: Buffer | string) {
    super(code, msg, { python: 'smtplib.SMTPAuthenticationError', errCode: 'ERR_SMTP_AUTH', kind: 'auth' });
  }
}

/**
 * STARTTLS answered with something other than 220 (CVE-2016-0772: smtplib raises
 * SMTPResponseException and never goes on in plaintext): a TLS failure, exit 6.
 */
export class SMTPStartTLSRefused extends SMTPResponseException {
  override name = 'SMTPResponseException';
  constructor(code: number, msg: Buffer | string) {
    super(code, msg, { python: 'smtplib.SMTPResponseException', errCode: 'ERR_SMTP_STARTTLS', kind: 'tls', prefix: 'STARTTLS refused: ' });
  }
}

/**
 * Bytes arrived after the 220 to STARTTLS and before the handshake: a man in the middle
 * injecting commands into the plaintext part (CVE-2011-0411 class). netkit refuses (exit 6).
 */
export class SMTPStartTLSInjection extends SMTPException {
  override name = 'SMTPStartTLSInjection';
  constructor(bytes: number) {
    super(`${bytes} byte${bytes === 1 ? '' : 's'} received after the 220 to STARTTLS and before the TLS handshake (injection); connection closed`, {
      code: 'ERR_SMTP_STARTTLS_INJECTION',
      kind: 'tls',
    });
  }
}

/** Python's ValueError from putcmd for CR/LF in a command (bpo-43124); UnicodeEncodeError for non-ASCII. */
export class SMTPCommandError extends NetkitError {
  override name: string;
  constructor(message: string, python: 'ValueError' | 'UnicodeEncodeError') {
    super(message, { code: python === 'ValueError' ? 'ERR_SMTP_NEWLINE' : 'ERR_SMTP_ENCODING', python, kind: 'usage' });
    this.name = python;
  }
}
