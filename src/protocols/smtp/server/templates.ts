// Every reply and printed block of CPython 3.11's smtpd that netkit reproduces byte for
// byte, as named templates (STYLE.md: strings that must match Python live in one module),
// plus the replies of the extensions smtpd does not have (STARTTLS, AUTH, limits, 421).
import { pyBytesRepr, pyRepr } from '../../core/py-text.js';

/** smtpd.__version__. */
export const SMTPD_VERSION = 'Python SMTP proxy version 0.3';
/** smtpd.DATA_SIZE_DEFAULT: what --size says it defaults to (the CLI really passes None). */
export const DATA_SIZE_DEFAULT = 33554432;
/** SMTPChannel.command_size_limit. */
export const COMMAND_SIZE_LIMIT = 512;

export const R = {
  greeting: (fqdn: string) => `220 ${fqdn} ${SMTPD_VERSION}`,
  badSyntax: '500 Error: bad syntax',
  lineTooLong: '500 Error: line too long',
  notRecognized: (command: string) => `500 Error: command "${command}" not recognized`,
  internalConfusion: '451 Internal confusion',
  tooMuchData: '552 Error: Too much mail data',
  ok: '250 OK',
  bye: '221 Bye',
  heloSyntax: '501 Syntax: HELO hostname',
  ehloSyntax: '501 Syntax: EHLO hostname',
  duplicateHelo: '503 Duplicate HELO/EHLO',
  noopSyntax: '501 Syntax: NOOP',
  rsetSyntax: '501 Syntax: RSET',
  dataSyntax: '501 Syntax: DATA',
  sendHeloFirst: '503 Error: send HELO first',
  needMail: '503 Error: need MAIL command',
  needRcpt: '503 Error: need RCPT command',
  nestedMail: '503 Error: nested MAIL command',
  mailSyntax: (extended: boolean) => '501 Syntax: MAIL FROM: <address>' + (extended ? ' [SP <mail-parameters>]' : ''),
  rcptSyntax: (extended: boolean) => '501 Syntax: RCPT TO: <address>' + (extended ? ' [SP <mail-parameters>]' : ''),
  bodyValues: '501 Error: BODY can only be one of 7BIT, 8BITMIME',
  smtputf8NoArgs: '501 Error: SMTPUTF8 takes no arguments',
  sizeExceeded: '552 Error: message size exceeds fixed maximum message size',
  mailParams: '555 MAIL FROM parameters not recognized or not implemented',
  rcptParams: '555 RCPT TO parameters not recognized or not implemented',
  startData: '354 End data with <CR><LF>.<CR><LF>',
  vrfyOk: '252 Cannot VRFY user, but will accept message and attempt delivery',
  vrfyFail: (arg: string) => `502 Could not VRFY ${arg}`,
  vrfySyntax: '501 Syntax: VRFY <address>',
  expn: '502 EXPN not implemented',
  helpAll: '250 Supported commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY',
  helpUnknown: '501 Supported commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY',
  // netkit's extensions (not in smtpd).
  readyTLS: '220 Ready to start TLS',
  tlsAlready: '503 Error: TLS already active',
  tlsSyntax: '501 Syntax: STARTTLS',
  pipelinedAfterSTARTTLS: '554 Error: command pipelined after STARTTLS (injection refused)',
  mustStartTLS: '530 Must issue a STARTTLS command first',
  authRequired: '530 Authentication required',
  authSendEhlo: '503 Error: send EHLO first',
  authAlready: '503 Already authenticated',
  authInTransaction: '503 Error: AUTH not permitted during a mail transaction',
  authSyntax: '501 Syntax: AUTH mechanism [initial-response]',
  authUnknownMech: '504 Unrecognized authentication type',
  authAborted: '501 Auth aborted',
  authMalformed: '501 Cannot decode response',
  authOk: '235 Authentication successful',
  authFailed: '535 Authentication credentials invalid',
  tooManyRecipients: '452 Error: too many recipients',
  dataLineTooLong: '552 Error: line too long',
  storageFailed: '451 Error: local error in processing',
  shuttingDown: (fqdn: string) => `421 ${fqdn} Service not available, closing transmission channel`,
  tooManyConnections: (fqdn: string) => `421 ${fqdn} Too many connections, try again later`,
  idleTimeout: (fqdn: string) => `421 ${fqdn} Error: timeout exceeded`,
} as const;

/** The HELP <command> replies (smtp_HELP). */
export function helpReply(arg: string, extended: boolean): string {
  const more = extended ? ' [SP <mail-parameters>]' : '';
  switch (arg.toUpperCase()) {
    case 'EHLO': return '250 Syntax: EHLO hostname';
    case 'HELO': return '250 Syntax: HELO hostname';
    case 'MAIL': return '250 Syntax: MAIL FROM: <address>' + more;
    case 'RCPT': return '250 Syntax: RCPT TO: <address>' + more;
    case 'DATA': return '250 Syntax: DATA';
    case 'RSET': return '250 Syntax: RSET';
    case 'NOOP': return '250 Syntax: NOOP';
    case 'QUIT': return '250 Syntax: QUIT';
    case 'VRFY': return '250 Syntax: VRFY <address>';
    default: return R.helpUnknown;
  }
}

/** repr() of a list of str, as print('%s' % list) shows it. */
export function pyListRepr(items: readonly string[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']';
}

const LF = 10;
const CR = 13;

const HEAD = '---------- MESSAGE FOLLOWS ----------\n';
const TAIL = '------------ END MESSAGE ------------\n';
/** DebuggingServer blocks up to this size are carved from shared slabs (as Buffer's pool does). */
const SLAB_SIZE = 1 << 20;
let slab = Buffer.allocUnsafe(0);
let slabUsed = 0;

/**
 * DebuggingServer.process_message's output for the CLI's decode_data=False: the block,
 * every line repr(bytes), "X-Peer" inserted before the first empty line. Built as bytes
 * in one pass: a printable ASCII line (most mail) is copied between b' and ' as it is
 * scanned; any other line takes pyBytesRepr. The block stays valid for good (a slab's
 * bytes are never handed out twice).
 */
export function debuggingBlock(peerAddress: string, data: Buffer, mailOptions: readonly string[], rcptOptions: readonly string[]): Buffer {
  let head = HEAD;
  if (mailOptions.length) head += `mail options: ${pyListRepr(mailOptions)}\n`;
  if (rcptOptions.length) head += `rcpt options: ${pyListRepr(rcptOptions)}\n\n`;
  const peer = pyBytesRepr(Buffer.from('X-Peer: ' + peerAddress, 'utf8')) + '\n';
  // Worst case: a line of n bytes and its line end print as at most 4(n + 1) bytes
  // (\xNN each, or b'' and a newline for an empty line).
  const size = Buffer.byteLength(head) + peer.length + TAIL.length + 4 * (data.length + 1);
  let out: Buffer;
  let at = 0;
  if (size > SLAB_SIZE) out = Buffer.allocUnsafe(size);
  else {
    if (slab.length - slabUsed < size) {
      slab = Buffer.allocUnsafe(SLAB_SIZE);
      slabUsed = 0;
    }
    out = slab;
    at = slabUsed;
  }
  let n = at + out.write(head, at, 'utf8');
  let inHeaders = true;
  const len = data.length;
  // bytes.splitlines(): "\n", "\r" and "\r\n" end a line; no empty line after the last break.
  let start = 0;
  while (start < len) {
    if (inHeaders && (data[start] === LF || data[start] === CR)) {
      n += out.write(peer, n, 'latin1');
      inHeaders = false;
    }
    out[n] = 0x62; // b
    out[n + 1] = 0x27; // '
    let o = n + 2;
    let end = start;
    for (; end < len; end++) {
      const c = data[end]!;
      if (c < 0x20 || c > 0x7e || c === 0x27 || c === 0x5c) break;
      out[o++] = c;
    }
    if (end < len && data[end] !== LF && data[end] !== CR) {
      // Not plain: find the line's end and let repr() choose quotes and escapes.
      while (end < len && data[end] !== LF && data[end] !== CR) end++;
      o = n + out.write(pyBytesRepr(data.subarray(start, end)), n, 'latin1');
    } else out[o++] = 0x27;
    out[o++] = LF;
    n = o;
    if (data[end] === CR && data[end + 1] === LF) end++;
    start = end + 1;
  }
  n += out.write(TAIL, n, 'latin1');
  if (out === slab) slabUsed = (n + 7) & ~7;
  return out.subarray(at, n);
}

/** Python's repr of a peer address tuple, as smtpd's -d lines print it. */
export function peerRepr(address: string, port: number): string {
  return address.includes(':') ? `(${pyRepr(address)}, ${port}, 0, 0)` : `(${pyRepr(address)}, ${port})`;
}
