// SMTPClient: smtplib.SMTP, SMTP_SSL and LMTP (CPython 3.11) on netkit's line transport.
// Same conversation, replies, feature table, exceptions and debug trace as smtplib, plus
// what netkit adds: STARTTLS that refuses bytes injected before the handshake, the
// advertised SIZE enforced before sending, LMTP's per-recipient replies after DATA
// (RFC 2033 §4.2), NUL refused in commands, every wait bounded by the timeout.
import type { Socket } from 'node:net';
import { connectTcp, startTls, type TLSClientOptions, type TLSInfo } from '../../core/tls-client.js';
import { LineReader } from '../../core/line-reader.js';
import { dotStuff } from '../../core/dot.js';
import { maskAuthLine, type AuthObject, type ClientMechanism, type SaslCredentials } from '../../core/sasl.js';
import { auth, login, loginMechanisms } from './auth.js';
import { pyRepr } from '../../core/py-text.js';
import {
  SMTPCommandError,
  SMTPConnectError,
  SMTPDataError,
  SMTPHeloError,
  SMTPNotSupportedError,
  SMTPRecipientsRefused,
  SMTPResponseException,
  SMTPSenderRefused,
  SMTPServerDisconnected,
  SMTPStartTLSInjection,
  SMTPStartTLSRefused,
  type RefusedRecipients,
  type SMTPReply,
} from '../errors.js';
import { MAXLINE, TRACE, addrOnly, parseEhloFeatures, quoteaddr, replyCode, replyLineText } from './parse.js';

import { DEFAULT_PORTS, type SMTPProtocol } from '../ports.js';

export { DEFAULT_PORTS, type SMTPProtocol };

export interface SMTPClientOptions {
  host: string;
  /** Default: the protocol's port (25, 465, 2003). */
  port?: number;
  /** smtp (SMTP), smtps (SMTP_SSL: TLS from the first byte) or lmtp (LMTP: LHLO). */
  protocol?: SMTPProtocol;
  /** The EHLO/HELO name; default: smtplib's getfqdn() rule (see local-name.ts). */
  localHostname: string;
  /** Every wait (connect, handshake, each reply) in milliseconds. */
  timeoutMs: number;
  /** Certificate checks for smtps and STARTTLS. */
  tls?: TLSClientOptions;
  /** smtplib's set_debuglevel(1) trace, one line per call, secrets masked. */
  debug?: (line: string) => void;
}

/** One recipient's fate in a transaction: the RCPT reply, and for LMTP the reply after DATA. */
export interface RecipientResult {
  recipient: string;
  accepted: boolean;
  reply: SMTPReply;
}

/** What one mail transaction produced: sendmail()'s refused dict and the details around it. */
export interface TransactionResult {
  refused: RefusedRecipients;
  recipients: RecipientResult[];
  /** The reply to the end of the message (for LMTP: the first recipient's). */
  data: SMTPReply;
  mailOptions: string[];
}

/** The ESMTP options sendmail adds to MAIL FROM beyond smtplib's size= (netkit's send_message rules). */
export interface SendOptions {
  mailOptions?: string[];
  rcptOptions?: string[];
}

const CRLF = '\r\n';
/** netkit's cap on the lines of one reply (smtplib has none): 8 MiB at _MAXLINE each at most. */
export const MAX_REPLY_LINES = 1000;

export class SMTPClient {
  readonly host: string;
  readonly port: number;
  readonly protocol: SMTPProtocol;
  localHostname: string;
  /** The 220 greeting's text. */
  greeting: SMTPReply = { code: -1, msg: Buffer.alloc(0) };
  heloResp: Buffer | undefined;
  ehloResp: Buffer | undefined;
  doesEsmtp = false;
  /** Lower-cased extension keywords and their parameters, as smtplib's esmtp_features. */
  esmtpFeatures = new Map<string, string>();
  /** The mechanism of the last successful AUTH. */
  authMechanism: string | undefined;
  /** What TLS produced, once the connection is encrypted (smtps or after STARTTLS). */
  tls: TLSInfo | undefined;
  private commandEncoding: 'ascii' | 'utf-8' = 'ascii';
  private socket: Socket | undefined;
  private reader: LineReader | undefined;
  private readonly debug: ((line: string) => void) | undefined;
  private readonly timeoutMs: number;
  private readonly tlsOptions: TLSClientOptions;

  private constructor(options: SMTPClientOptions) {
    this.host = options.host;
    this.protocol = options.protocol ?? 'smtp';
    this.port = options.port ?? DEFAULT_PORTS[this.protocol];
    this.localHostname = options.localHostname;
    this.debug = options.debug;
    this.timeoutMs = options.timeoutMs;
    this.tlsOptions = options.tls ?? {};
  }

  /**
   * Connects and reads the greeting, as SMTP(host, port) does: SMTPConnectError unless it
   * is 220. For smtps the TLS handshake (verified) comes first.
   */
  static async connect(options: SMTPClientOptions): Promise<SMTPClient> {
    const client = new SMTPClient(options);
    await client.open();
    return client;
  }

  private async open(): Promise<void> {
    if (this.protocol === 'smtps') this.debug?.(TRACE.connectSSL(this.host, this.port));
    this.debug?.(TRACE.connectTo(this.host, this.port));
    let socket: Socket = await connectTcp(this.host, this.port, this.timeoutMs);
    if (this.protocol === 'smtps') {
      const secure = await startTls(socket, this.host, this.tlsOptions, this.timeoutMs);
      socket = secure.socket;
      this.tls = secure.info;
    }
    this.attach(socket);
    const reply = await this.getreply();
    this.greeting = reply;
    this.debug?.(TRACE.connected(reply.msg));
    if (reply.code !== 220) {
      this.close();
      throw new SMTPConnectError(reply.code, reply.msg);
    }
  }

  private attach(socket: Socket): void {
    this.socket = socket;
    this.reader = new LineReader(socket, this.timeoutMs);
  }

  /** True while the connection is open. */
  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** smtplib.has_extn */
  hasExtn(opt: string): boolean {
    return this.esmtpFeatures.has(opt.toLowerCase());
  }

  // ---- the transport: send, putcmd, getreply ----

  /** smtplib.send: `data` as is (bytes) or encoded with the command encoding (str). */
  private send(data: string | Buffer, traceAs?: string): void {
    if (this.debug) this.debug(typeof data === 'string' ? TRACE.sendText(traceAs ?? data) : TRACE.sendBytes(data));
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new SMTPServerDisconnected('please run connect() first');
    if (typeof data === 'string') {
      if (this.commandEncoding === 'ascii') {
        const bad = /[^\x00-\x7f]/.exec(data);
        if (bad) {
          const cp = bad[0].codePointAt(0)!;
          const esc = cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
          throw new SMTPCommandError(`'ascii' codec can't encode character '${esc}' in position ${Array.from(data.slice(0, bad.index)).length}: ordinal not in range(128)`, 'UnicodeEncodeError');
        }
        socket.write(data, 'latin1');
      } else socket.write(data, 'utf8');
    } else socket.write(data);
  }

  /** The message after a 354: dot-stuffed and terminated, as smtplib's data() sends it. */
  sendMessage(msg: Buffer): void {
    this.send(dotStuff(msg));
  }

  /**
   * Runs `write` with the socket corked: every command and message it sends leaves in one
   * write (writev) when it returns — an RFC 2920 command group.
   */
  group(write: () => void): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) throw new SMTPServerDisconnected('please run connect() first');
    socket.cork();
    try {
      write();
    } finally {
      socket.uncork();
    }
  }

  /** The trace line smtplib's data() prints for a reply around the message: "data: (354, b'...')". */
  traceData(reply: SMTPReply): void {
    this.debug?.(TRACE.data(reply.code, reply.msg));
  }

  /** SMTPUTF8 commands go out as UTF-8 (smtplib's command_encoding), else ASCII. */
  setCommandEncoding(encoding: 'ascii' | 'utf-8'): void {
    this.commandEncoding = encoding;
  }

  /**
   * smtplib.putcmd: "cmd args\r\n", refusing CR and LF anywhere (bpo-43124) and, beyond
   * Python, NUL. `mask` says how the trace shows a line that carries secrets.
   */
  putcmd(cmd: string, args = '', mask?: 'command' | 'answer'): void {
    let s = args === '' ? cmd : `${cmd} ${args}`;
    if (s.includes('\r') || s.includes('\n')) {
      s = s.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
      throw new SMTPCommandError(`command and arguments contain prohibited newline characters: ${s}`, 'ValueError');
    }
    if (s.includes('\0')) throw new SMTPCommandError(`command and arguments contain a prohibited NUL character: ${pyRepr(s)}`, 'ValueError');
    const line = s + CRLF;
    this.send(line, mask ? maskAuthLine(line, mask) : undefined);
  }

  /**
   * smtplib.getreply: lines read with readline(_MAXLINE + 1) until one without "-" after
   * the code; the text of each (code stripped) joined by "\n". A line over _MAXLINE is
   * SMTPResponseException(500, 'Line too long.'); EOF is SMTPServerDisconnected.
   */
  async getreply(): Promise<SMTPReply> {
    const reader = this.reader;
    if (!reader) throw new SMTPServerDisconnected('please run connect() first');
    const resp: Buffer[] = [];
    let errcode: number;
    for (;;) {
      let line: Buffer;
      try {
        line = await reader.readLine(MAXLINE + 1);
      } catch (err) {
        this.close();
        const text = err instanceof Error ? err.message : String(err);
        throw new SMTPServerDisconnected(`Connection unexpectedly closed: ${text}`, err);
      }
      if (line.length === 0) {
        this.close();
        throw new SMTPServerDisconnected('Connection unexpectedly closed');
      }
      this.debug?.(TRACE.replyLine(line));
      if (line.length > MAXLINE) {
        this.close();
        throw new SMTPResponseException(500, 'Line too long.');
      }
      resp.push(replyLineText(line));
      if (resp.length > MAX_REPLY_LINES) {
        // smtplib reads continuation lines without end; netkit caps a reply (DESIGN.md §4).
        this.close();
        throw new SMTPResponseException(500, `Reply too long (more than ${MAX_REPLY_LINES} lines).`);
      }
      errcode = replyCode(line.subarray(0, 3));
      // A broken code: no continuation line is read.
      if (errcode === -1) break;
      if (line[3] !== 0x2d) break;
    }
    const msg = resp.length === 1 ? Buffer.from(resp[0]!) : Buffer.from(joinLines(resp));
    this.debug?.(TRACE.retcode(errcode, msg));
    return { code: errcode, msg };
  }

  /** smtplib.docmd: a command and its reply. */
  async docmd(cmd: string, args = ''): Promise<SMTPReply> {
    this.putcmd(cmd, args);
    return this.getreply();
  }

  // ---- greeting and extensions ----

  /** smtplib.helo */
  async helo(name = ''): Promise<SMTPReply> {
    this.putcmd('helo', name || this.localHostname);
    const reply = await this.getreply();
    this.heloResp = reply.msg;
    return reply;
  }

  /** smtplib.ehlo (LMTP: lhlo), filling esmtpFeatures from a 250 reply. */
  async ehlo(name = ''): Promise<SMTPReply> {
    this.esmtpFeatures = new Map();
    this.putcmd(this.protocol === 'lmtp' ? 'lhlo' : 'ehlo', name || this.localHostname);
    const reply = await this.getreply();
    // RFC 1869: some (badly written) MTAs disconnect on an EHLO.
    if (reply.code === -1 && reply.msg.length === 0) {
      this.close();
      throw new SMTPServerDisconnected('Server not connected');
    }
    this.ehloResp = reply.msg;
    if (reply.code !== 250) return reply;
    this.doesEsmtp = true;
    this.esmtpFeatures = parseEhloFeatures(reply.msg);
    return reply;
  }

  /** smtplib.ehlo_or_helo_if_needed: EHLO, else HELO, else SMTPHeloError. */
  async ehloOrHeloIfNeeded(): Promise<void> {
    if (this.heloResp !== undefined || this.ehloResp !== undefined) return;
    const e = await this.ehlo();
    if (e.code >= 200 && e.code <= 299) return;
    const h = await this.helo();
    if (!(h.code >= 200 && h.code <= 299)) throw new SMTPHeloError(h.code, h.msg);
  }

  /**
   * smtplib.starttls with a verified context: SMTPNotSupportedError (exit 6) when not
   * advertised, SMTPResponseException for any reply but 220 (CVE-2016-0772: never go on
   * in plaintext), and the EHLO state forgotten afterwards (RFC 3207 §4.2). Bytes already
   * received after the 220 are an injection: the connection is closed with an error.
   */
  async starttls(): Promise<TLSInfo> {
    await this.ehloOrHeloIfNeeded();
    if (!this.hasExtn('starttls')) throw new SMTPNotSupportedError('STARTTLS extension not supported by server.', 'tls');
    const reply = await this.docmd('STARTTLS');
    if (reply.code !== 220) throw new SMTPStartTLSRefused(reply.code, reply.msg);
    const raw = this.socket!;
    const pending = this.reader!.detach();
    this.reader = undefined;
    if (pending.length > 0) {
      this.close(raw);
      throw new SMTPStartTLSInjection(pending.length);
    }
    const secure = await startTls(raw, this.host, this.tlsOptions, this.timeoutMs);
    this.attach(secure.socket);
    this.tls = secure.info;
    this.heloResp = undefined;
    this.ehloResp = undefined;
    this.esmtpFeatures = new Map();
    this.doesEsmtp = false;
    return secure.info;
  }

  // ---- authentication (auth.ts) ----

  /** The mechanisms login() would try, in smtplib's order, among those advertised. */
  loginMechanisms(): ClientMechanism[] {
    return loginMechanisms(this);
  }

  /** smtplib.auth(mechanism, authobject); see auth.ts. */
  async auth(mechanism: string, authobject: AuthObject): Promise<SMTPReply> {
    const reply = await auth(this, mechanism, authobject);
    this.authMechanism = mechanism.toUpperCase();
    return reply;
  }

  /** smtplib.login, or one `mechanism` (also XOAUTH2); see auth.ts. */
  login(creds: SaslCredentials, mechanism?: ClientMechanism): Promise<SMTPReply> {
    return login(this, creds, mechanism);
  }

  // ---- the mail transaction ----

  /** smtplib.mail: MAIL FROM:<addr> with options when the server does ESMTP. */
  async mail(sender: string, options: readonly string[] = []): Promise<SMTPReply> {
    checkAddress('mail FROM:', sender);
    let optionlist = '';
    if (options.length > 0 && this.doesEsmtp) {
      if (options.some((x) => x.toLowerCase() === 'smtputf8')) {
        if (this.hasExtn('smtputf8')) this.commandEncoding = 'utf-8';
        else throw new SMTPNotSupportedError('SMTPUTF8 not supported by server');
      }
      optionlist = ' ' + options.join(' ');
    }
    this.putcmd('mail', `FROM:${quoteaddr(sender)}${optionlist}`);
    return this.getreply();
  }

  /** smtplib.rcpt */
  async rcpt(recip: string, options: readonly string[] = []): Promise<SMTPReply> {
    checkAddress('rcpt TO:', recip);
    const optionlist = options.length > 0 && this.doesEsmtp ? ' ' + options.join(' ') : '';
    this.putcmd('rcpt', `TO:${quoteaddr(recip)}${optionlist}`);
    return this.getreply();
  }

  /**
   * smtplib.data: DATA, 354, the message dot-stuffed and terminated (sent as it is: the
   * caller normalises line ends), and the reply. SMTPDataError unless 354.
   */
  async data(msg: Buffer): Promise<SMTPReply> {
    this.putcmd('data');
    const go = await this.getreply();
    this.debug?.(TRACE.data(go.code, go.msg));
    if (go.code !== 354) throw new SMTPDataError(go.code, go.msg);
    this.sendMessage(msg);
    const reply = await this.getreply();
    this.debug?.(TRACE.data(reply.code, reply.msg));
    return reply;
  }

  /** smtplib.rset (the command encoding goes back to ASCII). */
  async rset(): Promise<SMTPReply> {
    this.commandEncoding = 'ascii';
    return this.docmd('rset');
  }

  /** smtplib._rset: RSET, ignoring a disconnect (it shows at the next command). */
  private async safeRset(): Promise<void> {
    try {
      await this.rset();
    } catch (err) {
      if (!(err instanceof SMTPServerDisconnected)) throw err;
    }
  }

  /** smtplib.noop */
  noop(): Promise<SMTPReply> {
    return this.docmd('noop');
  }

  /** smtplib.verify (VRFY) */
  verify(address: string): Promise<SMTPReply> {
    this.putcmd('vrfy', addrOnly(address));
    return this.getreply();
  }

  /** smtplib.expn */
  expn(address: string): Promise<SMTPReply> {
    this.putcmd('expn', addrOnly(address));
    return this.getreply();
  }

  /** The server's SIZE limit in bytes (RFC 1870), or undefined for none or no number. */
  sizeLimit(): number | undefined {
    const param = this.esmtpFeatures.get('size');
    if (param === undefined || !/^\d+$/.test(param)) return undefined;
    const n = Number(param);
    return n > 0 ? n : undefined;
  }

  /**
   * smtplib.sendmail: MAIL (size=N when SIZE is advertised, then `mailOptions`), one RCPT
   * per recipient, DATA. Returns the refused recipients as sendmail() does; raises
   * SMTPSenderRefused, SMTPRecipientsRefused (all refused, or a 421), SMTPDataError, with
   * RSET (or close on 421) first, as smtplib does. Beyond smtplib: a message larger than
   * the advertised SIZE is refused before MAIL (SMTPSenderRefused 552, nothing sent), and
   * for LMTP each accepted recipient's reply after DATA is read and counted.
   */
  async sendmail(fromAddr: string, toAddrs: readonly string[], msg: Buffer, options: SendOptions = {}): Promise<TransactionResult> {
    await this.ehloOrHeloIfNeeded();
    const esmtpOpts: string[] = [];
    if (this.doesEsmtp) {
      if (this.hasExtn('size')) esmtpOpts.push(`size=${msg.length}`);
      esmtpOpts.push(...(options.mailOptions ?? []));
      const limit = this.sizeLimit();
      if (limit !== undefined && msg.length > limit) {
        throw new SMTPSenderRefused(552, `5.3.4 message of ${msg.length} bytes exceeds the server's SIZE ${limit} (not sent)`, fromAddr);
      }
    }
    const mailReply = await this.mail(fromAddr, esmtpOpts);
    if (mailReply.code !== 250) {
      if (mailReply.code === 421) this.close();
      else await this.safeRset();
      throw new SMTPSenderRefused(mailReply.code, mailReply.msg, fromAddr);
    }
    const refused: RefusedRecipients = new Map();
    const recipients: RecipientResult[] = [];
    for (const each of toAddrs) {
      const reply = await this.rcpt(each, options.rcptOptions ?? []);
      const accepted = reply.code === 250 || reply.code === 251;
      if (!accepted) refused.set(each, reply);
      recipients.push({ recipient: each, accepted, reply });
      if (reply.code === 421) {
        this.close();
        throw new SMTPRecipientsRefused(refused);
      }
    }
    if (refused.size === toAddrs.length) {
      await this.safeRset();
      throw new SMTPRecipientsRefused(refused);
    }
    const dataReply = await this.data(msg);
    if (dataReply.code !== 250) {
      if (dataReply.code === 421) this.close();
      else await this.safeRset();
      throw new SMTPDataError(dataReply.code, dataReply.msg);
    }
    if (this.protocol === 'lmtp') await this.lmtpReplies(recipients, refused, dataReply);
    return { refused, recipients, data: dataReply, mailOptions: esmtpOpts };
  }

  /** RFC 2033 §4.2: after the message, one reply per accepted recipient, in RCPT order. */
  private async lmtpReplies(recipients: RecipientResult[], refused: RefusedRecipients, first: SMTPReply): Promise<void> {
    let reply = first;
    let n = 0;
    for (const r of recipients) {
      if (!r.accepted) continue;
      if (n++ > 0) {
        reply = await this.getreply();
        this.debug?.(TRACE.data(reply.code, reply.msg));
      }
      r.reply = reply;
      if (reply.code !== 250) {
        r.accepted = false;
        refused.set(r.recipient, reply);
      }
    }
    if (recipients.every((r) => !r.accepted)) throw new SMTPRecipientsRefused(refused);
  }

  /** smtplib.quit: QUIT, its reply, and the connection closed whatever happens. */
  async quit(): Promise<SMTPReply> {
    try {
      return await this.docmd('quit');
    } finally {
      this.ehloResp = this.heloResp = undefined;
      this.esmtpFeatures = new Map();
      this.doesEsmtp = false;
      this.close();
    }
  }

  /** smtplib.close: drops the connection (idempotent). */
  close(socket: Socket | undefined = this.socket): void {
    this.reader?.detach();
    this.reader = undefined;
    this.socket = undefined;
    if (socket && !socket.destroyed) {
      socket.on('error', () => undefined);
      socket.destroy();
    }
  }
}

/** Joins reply lines with "\n" (b"\n".join(resp)). */
function joinLines(lines: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  lines.forEach((l, i) => {
    if (i > 0) parts.push(NL);
    parts.push(l);
  });
  return Buffer.concat(parts);
}
const NL = Buffer.from('\n');

/** CR, LF or NUL in an address: the ValueError putcmd would raise for the command it makes. */
export function checkAddress(prefix: string, address: string): void {
  if (/[\r\n]/.test(address)) {
    const s = `${prefix}${address}`.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
    throw new SMTPCommandError(`command and arguments contain prohibited newline characters: ${s}`, 'ValueError');
  }
}

