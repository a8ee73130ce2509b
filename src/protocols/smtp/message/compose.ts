// Builds an RFC 5322 message (CRLF line ends) from a plain description, with nodemailer's
// MailComposer (loaded on first use), the way `smtp send` hands it to send_message: Bcc
// left out, Date and Message-ID added, header injection refused before any byte is built.
import { pyRepr } from '../../core/py-text.js';
import { stripBcc } from './envelope.js';
import { HEADER_LINEBREAK_MESSAGE, HeaderValueError, MessageComposeError } from './errors.js';

export interface ComposeAttachment {
  /** A file to read (local paths only; URLs are refused). */
  path?: string;
  content?: Buffer | string;
  filename?: string;
  contentType?: string;
}

export interface ComposeSpec {
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject?: string;
  text?: string;
  html?: string;
  attachments?: ComposeAttachment[];
  /** Extra header fields, in order; From/To/Cc/Subject/Date/Message-ID from the spec win. */
  headers?: [name: string, value: string][];
  date?: Date | string;
  messageId?: string;
}

export interface ComposeOptions {
  /** Keep Bcc in the output, for envelopeOf() to read before stripBcc() (send_message's order). */
  keepBcc?: boolean;
}

/**
 * Characters that end a line for str.splitlines(), which email.policy's check uses, so
 * \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029 are refused as well as CR and LF.
 */
const LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** RFC 5322 §3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** Refuses a header value or address that would split into more lines, or hold NUL. */
export function checkHeaderValue(value: string): void {
  // Python's EmailPolicy.header_store_parse: `len(value.splitlines()) > 1` raises
  // ValueError("Header values may not contain linefeed or carriage return characters").
  // netkit also refuses a trailing break (which splitlines would let through).
  if (LINE_BREAK.test(value)) throw new HeaderValueError(HEADER_LINEBREAK_MESSAGE);
  // Python lets NUL through; RFC 5322 §3.2.3 text excludes it and SMTP servers choke on it
  if (value.includes('\0')) throw new HeaderValueError('Header values may not contain NUL characters');
}

/** Refuses a header field name that is not RFC 5322 ftext (wording of http.client's putheader). */
export function checkHeaderName(name: string): void {
  if (!FIELD_NAME.test(name)) throw new HeaderValueError(`Invalid header name ${pyRepr(name)}`, 'ERR_HEADER_NAME');
}

function validate(spec: ComposeSpec): void {
  const values = [spec.from, ...spec.to, ...(spec.cc ?? []), ...(spec.bcc ?? []), spec.replyTo, spec.subject, spec.messageId, typeof spec.date === 'string' ? spec.date : undefined];
  for (const a of spec.attachments ?? []) values.push(a.filename, a.contentType);
  for (const [name, value] of spec.headers ?? []) {
    checkHeaderName(name);
    values.push(value);
  }
  for (const v of values) if (v !== undefined) checkHeaderValue(v);
}

/** Every line break (\r\n, \r, \n, as smtplib's _fix_eols) as \n; newline 'windows' makes it CRLF. */
function lines(body: string): string {
  return body.replace(/\r\n|\r/g, '\n');
}

/** email.utils.make_msgid() style: <time*100.pid.random@host>. */
async function makeMsgid(): Promise<string> {
  const { randomBytes } = await import('node:crypto');
  const { hostname } = await import('node:os');
  const rand = randomBytes(8).readBigUInt64BE();
  return `<${Math.floor(Date.now() / 10)}.${process.pid}.${rand}@${hostname() || 'localhost'}>`;
}

/**
 * The message bytes for `spec`: CRLF line ends, a Date and Message-ID when the spec has
 * none, Bcc (and Resent-Bcc) left out unless `keepBcc`. Throws HeaderValueError
 * (Python's ValueError) for CR, LF, NUL in a header or address, or a bad field name, and
 * MessageComposeError when an attachment cannot be read.
 */
export async function composeMessage(spec: ComposeSpec, options: ComposeOptions = {}): Promise<Buffer> {
  validate(spec);
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const attachments = (spec.attachments ?? []).map((a) => {
    if (a.path !== undefined && a.content !== undefined) throw new MessageComposeError('an attachment takes path or content, not both');
    if (a.path === undefined && a.content === undefined) throw new MessageComposeError('an attachment needs a path or content');
    return {
      ...(a.path !== undefined ? { path: a.path } : { content: a.content! }),
      ...(a.filename !== undefined ? { filename: a.filename } : {}),
      ...(a.contentType !== undefined ? { contentType: a.contentType } : {}),
    };
  });
  const composer = new MailComposer({
    from: spec.from,
    to: spec.to,
    ...(spec.cc?.length ? { cc: spec.cc } : {}),
    ...(spec.bcc?.length ? { bcc: spec.bcc } : {}),
    ...(spec.replyTo !== undefined ? { replyTo: spec.replyTo } : {}),
    ...(spec.subject !== undefined ? { subject: spec.subject } : {}),
    ...(spec.text !== undefined ? { text: lines(spec.text) } : {}),
    ...(spec.html !== undefined ? { html: lines(spec.html) } : {}),
    attachments,
    headers: (spec.headers ?? []).map(([key, value]) => ({ key, value })),
    date: spec.date ?? new Date(),
    messageId: spec.messageId ?? (await makeMsgid()),
    newline: 'windows',
    // file paths only: no fetching of http(s) URLs while composing
    disableUrlAccess: true,
  });
  let raw: Buffer;
  try {
    const node = composer.compile();
    node.keepBcc = options.keepBcc === true;
    raw = await node.build();
  } catch (err) {
    throw new MessageComposeError(`cannot compose the message: ${err instanceof Error ? err.message : String(err)}`, err);
  }
  return options.keepBcc ? raw : stripBcc(raw);
}
