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

/**
 * DebuggingServer.process_message's output for the CLI's decode_data=False: the block,
 * every line repr(bytes), "X-Peer" inserted before the first empty line. Built as bytes
 * in one pass: a printable ASCII line (most mail) is copied between b' and '.
 */
export function debuggingBlock(peerAddress: string, data: Buffer, mailOptions: readonly string[], rcptOptions: readonly string[]): Buffer {
  let head = '---------- MESSAGE FOLLOWS ----------\n';
  if (mailOptions.length) head += `mail options: ${pyListRepr(mailOptions)}\n`;
  if (rcptOptions.length) head += `rcpt options: ${pyListRepr(rcptOptions)}\n\n`;
  const peer = pyBytesRepr(Buffer.from('X-Peer: ' + peerAddress, 'utf8')) + '\n';
  const tail = '------------ END MESSAGE ------------\n';
  // Worst case: every byte as \xNN, and b'' plus a newline per line.
  const out = Buffer.allocUnsafe(Buffer.byteLength(head) + peer.length + tail.length + data.length * 4 + (data.length + 1) * 4);
  let n = out.write(head, 0, 'utf8');
  let inHeaders = true;
  const line = (start: number, end: number): void => {
    if (inHeaders && start === end) {
      n += out.write(peer, n, 'latin1');
      inHeaders = false;
    }
    let plain = true;
    for (let i = start; i < end; i++) {
      const c = data[i]!;
      if (c < 0x20 || c > 0x7e || c === 0x27 || c === 0x5c) {
        plain = false;
        break;
      }
    }
    if (plain) {
      out[n++] = 0x62; // b
      out[n++] = 0x27; // '
      n += data.copy(out, n, start, end);
      out[n++] = 0x27;
    } else n += out.write(pyBytesRepr(data.subarray(start, end)), n, 'latin1');
    out[n++] = LF;
  };
  // bytes.splitlines(): "\n", "\r" and "\r\n" end a line; no empty line after the last break.
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === LF || c === CR) {
      line(start, i);
      if (c === CR && data[i + 1] === LF) i++;
      start = i + 1;
    }
  }
  if (start < data.length) line(start, data.length);
  n += out.write(tail, n, 'latin1');
  return out.subarray(0, n);
}

/** Python's repr of a peer address tuple, as smtpd's -d lines print it. */
export function peerRepr(address: string, port: number): string {
  return address.includes(':') ? `(${pyRepr(address)}, ${port}, 0, 0)` : `(${pyRepr(address)}, ${port})`;
}
