// Errors of the SMTP message layer (compose, envelope, summary). Each mirrors the Python
// exception smtplib/email would raise, or says plainly which netkit limit was hit.
import { NetkitError, PyValueError } from '../../core/errors.js';

/**
 * email.policy's refusal of a header value with a line break (Lib/email/policy.py,
 * EmailPolicy.header_store_parse, CPython 3.11 — same wording in 3.12 and 3.13).
 */
export const HEADER_LINEBREAK_MESSAGE = 'Header values may not contain linefeed or carriage return characters';

/**
 * A header name, value or address that would break the message apart (header injection):
 * bad input from the command line, so a usage error (exit 2), as CR/LF in an envelope
 * address is.
 */
export class HeaderValueError extends PyValueError {
  override name = 'ValueError';
  constructor(message: string, code = 'ERR_HEADER_VALUE') {
    super(message, code, 'usage');
  }
}

/** Python's IndexError (send_message's `getaddresses([from])[0]` on an empty From). */
export class PyIndexError extends NetkitError {
  override name = 'IndexError';
  constructor(message: string, code = 'ERR_INDEX') {
    super(message, { code, python: 'IndexError' });
  }
}

/** A message that exceeds one of netkit's reader limits, or that the MIME parser rejects. */
export class MessageFormatError extends NetkitError {
  override name = 'MessageFormatError';
  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, { code: options.code ?? 'ERR_MESSAGE_FORMAT', python: 'email.errors.MessageError', ...(options.cause === undefined ? {} : { cause: options.cause }) });
  }
}

/** composeMessage could not build the message (unreadable attachment, bad content). */
export class MessageComposeError extends NetkitError {
  override name = 'MessageComposeError';
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'ERR_MESSAGE_COMPOSE', ...(cause === undefined ? {} : { cause }) });
  }
}
