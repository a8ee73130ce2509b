// The SMTP envelope of a raw message as smtplib.SMTP.send_message (CPython 3.11) derives it
// from email.message_from_bytes(raw): MAIL FROM, RCPT TO, whether SMTPUTF8 is needed; and
// the Bcc stripping send_message does before it transmits.
import { PyValueError } from '../../core/errors.js';
import { getaddresses } from './addresses.js';
import { PyIndexError } from './errors.js';
import { headerValues, parseHeaderBlock, type RawHeaderBlock } from './raw-headers.js';

export interface EnvelopeOverride {
  /** send_message's from_addr: used as is instead of Sender/From. */
  mailFrom?: string;
  /** send_message's to_addrs: used as is instead of To/Bcc/Cc. */
  rcpt?: string[];
}

export interface Envelope {
  mailFrom: string;
  rcptTo: string[];
  /** Some address is not ASCII: send_message then needs SMTPUTF8 and asserts BODY=8BITMIME. */
  smtputf8Needed: boolean;
  /** The bytes to send (Bcc stripped) hold a byte >= 0x80: BODY=8BITMIME is due (RFC 6152). */
  eightBit: boolean;
}

/** compat32 msg[name]: the first field's value, or undefined (Python's None). */
function first(block: RawHeaderBlock, name: string): string | undefined {
  return headerValues(block, name)[0];
}

/**
 * The envelope send_message(msg, from_addr, to_addrs) uses for msg = message_from_bytes(raw).
 * One Resent-Date switches to the Resent-* fields (RFC 5322 §3.6.6); more than one is a
 * ValueError. MAIL FROM is the first address of Sender, else From (RFC 5322 §3.6.2);
 * RCPT TO is every address of To, Bcc and Cc, in that order, as email.utils.getaddresses
 * parses them. Raw 8-bit header bytes are read as UTF-8 (RFC 6532), bad bytes as U+FFFD.
 */
export function envelopeOf(rawMessage: Buffer, override: EnvelopeOverride = {}): Envelope {
  const block = parseHeaderBlock(rawMessage);
  const resent = headerValues(block, 'Resent-Date');
  if (resent.length > 1) throw new PyValueError("message has more than one 'Resent-' header block");
  const prefix = resent.length === 1 ? 'Resent-' : '';

  let mailFrom = override.mailFrom;
  if (mailFrom === undefined) {
    // str(None) is 'None' when neither field exists: Python parses that as an address
    const field = first(block, prefix + 'Sender') ?? first(block, prefix + 'From') ?? 'None';
    const pairs = getaddresses([field]);
    if (pairs.length === 0) throw new PyIndexError('list index out of range');
    mailFrom = pairs[0]![1];
  }
  let rcptTo = override.rcpt;
  if (rcptTo === undefined) {
    const fields = ['To', 'Bcc', 'Cc'].map((n) => first(block, prefix + n)).filter((v): v is string => v !== undefined);
    rcptTo = getaddresses(fields).map(([, address]) => address);
  }
  const smtputf8Needed = !/^[\x00-\x7f]*$/.test(mailFrom + rcptTo.join(''));
  return { mailFrom, rcptTo: [...rcptTo], smtputf8Needed, eightBit: hasEightBit(stripBcc(rawMessage)) };
}

/** True when any byte is 8-bit (the message needs BODY=8BITMIME). */
export function hasEightBit(raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; i++) if (raw[i]! >= 0x80) return true;
  return false;
}

/**
 * The message as send_message transmits it: the Bcc and Resent-Bcc fields (continuation
 * lines included) removed, and the header-block lines Python's parser drops (a leading
 * "From " line, orphan continuation lines, fields without a name) left out too. Every other
 * byte is kept as it was.
 */
export function stripBcc(raw: Buffer): Buffer {
  const block = parseHeaderBlock(raw);
  const cuts = [
    ...block.fields.filter((f) => /^(resent-)?bcc$/i.test(f.name)),
    ...block.dropped,
  ].sort((a, b) => a.start - b.start);
  if (cuts.length === 0) return raw;
  const parts: Buffer[] = [];
  let at = 0;
  for (const c of cuts) {
    if (c.start > at) parts.push(raw.subarray(at, c.start));
    at = c.end;
  }
  parts.push(raw.subarray(at));
  return Buffer.concat(parts);
}
