// One SMTP server conversation, smtpd.SMTPChannel's state machine over bytes: the framing
// is asynchat's (a terminator searched in the stream, "\r\n" for commands and
// "\r\n.\r\n" for DATA), the replies are smtpd's word for word, and netkit adds STARTTLS,
// AUTH, PIPELINING, --require-*, recipient caps and an asynchronous, durable delivery
// (the 250 after DATA goes out only once deliver() resolved). Synchronous and
// socket-free: feed() bytes in, replies come out through ChannelHooks.send, so the unit
// tests drive it directly and pipelined commands are answered in one write.
import { decodeBase64Strict, maskAuthLine, SECRET_MASK, ServerMechanism } from '../../core/sasl.js';
import type { ChannelHooks, ChannelOptions, ReceivedMessage } from './channel-types.js';
import { CRLF, DOT, EMPTY, END_OF_DATA, UTF8, debugBytes, isAscii, partialSuffix, strip, unstuff } from './framing.js';
import { checkMailParams, getAddr, getParams, stripKeyword, upperSplit } from './address.js';
import { COMMAND_SIZE_LIMIT, helpReply, peerRepr, pyListRepr, R } from './templates.js';

export type { ChannelHooks, ChannelOptions, ReceivedMessage } from './channel-types.js';
export { unstuff } from './framing.js';

const enum State {
  COMMAND,
  DATA,
}

export class SMTPChannel {
  private state = State.COMMAND;
  private inbuf: Buffer = EMPTY;
  private parts: Buffer[] = [];
  private numBytes = 0;
  /** Replies not yet written, each with its CRLF. */
  private out = '';
  private paused = false;
  /** A message's delivery is in flight (its reply not yet sent). */
  private delivering = false;
  private closed = false;
  private dataAtStart = false;
  private dataLineTooLong = false;
  private lineStart = 0;
  seenGreeting = '';
  extendedSMTP = false;
  mailFrom: string | undefined;
  rcptTos: string[] = [];
  mailOptions: string[] = [];
  rcptOptions: string[] = [];
  requireSMTPUTF8 = false;
  authUser: string | undefined;
  private auth: ServerMechanism | undefined;
  /** Python's class-level command_size_limits, kept per channel (cleared at connect). */
  private readonly commandSizeLimits = new Map<string, number>();
  /** Set by shutdown(): answer 421 at the next command boundary. */
  private shuttingDown = false;

  constructor(readonly options: ChannelOptions, private readonly hooks: ChannelHooks) {}

  /** Sends the 220 greeting. */
  greet(): void {
    this.hooks.debug?.(`Peer: ${peerRepr(this.options.peerAddress, this.options.peerPort)}`);
    this.push(R.greeting(this.options.fqdn));
    this.flush();
  }

  /** True between DATA's 354 and the reply to its message. */
  get inTransaction(): boolean {
    return this.state === State.DATA || this.paused;
  }

  /** The server, not the client, is what the session waits for: a sink is storing. */
  get deliveryPending(): boolean {
    return this.delivering;
  }

  private get maxCommandSizeLimit(): number {
    if (this.commandSizeLimits.size === 0) return COMMAND_SIZE_LIMIT;
    let max = 0;
    for (const v of this.commandSizeLimits.values()) if (v > max) max = v;
    return max;
  }

  private commandLimit(command: string): number {
    if (!this.commandSizeLimits.has(command)) this.commandSizeLimits.set(command, COMMAND_SIZE_LIMIT);
    return this.commandSizeLimits.get(command)!;
  }

  private push(reply: string): void {
    this.out += reply + '\r\n';
  }

  private flush(): void {
    if (this.out.length === 0 || this.closed) return;
    const text = this.out;
    this.out = '';
    // smtpd encodes replies as ASCII unless SMTPUTF8 was asked for: anything else raises
    // and asyncore closes the channel.
    if (!this.requireSMTPUTF8 && /[^\x00-\x7f]/.test(text)) {
      const ascii = text.slice(0, text.search(/[^\x00-\x7f]/));
      const end = ascii.lastIndexOf('\r\n');
      const whole = end === -1 ? '' : ascii.slice(0, end + 2);
      if (whole) this.hooks.send(whole, 'latin1');
      this.abort();
      return;
    }
    this.hooks.send(text, this.requireSMTPUTF8 ? 'utf8' : 'latin1');
  }

  private abort(): void {
    this.closed = true;
    this.hooks.destroy();
  }

  /** Bytes from the peer. */
  feed(chunk: Buffer): void {
    if (this.closed) return;
    this.inbuf = this.inbuf.length ? Buffer.concat([this.inbuf, chunk]) : chunk;
    this.process();
    this.flush();
  }

  /** asynchat's handle_read loop: collect up to each terminator, then act on it. */
  private process(): void {
    while (!this.paused && !this.closed && this.inbuf.length) {
      if (this.state === State.DATA) {
        // RFC 5321 §4.1.1.4: a "." line right after DATA ends an empty message (smtpd
        // only looks for "\r\n.\r\n" and would wait).
        if (this.dataAtStart && this.inbuf.length >= 3 && this.inbuf[0] === DOT && this.inbuf[1] === 13 && this.inbuf[2] === 10) {
          this.inbuf = this.inbuf.subarray(3);
          this.dataAtStart = false;
          this.foundTerminator();
          continue;
        }
        if (this.dataAtStart && this.inbuf.length < 3 && this.inbuf[0] === DOT) return;
        this.dataAtStart = false;
      }
      const term = this.state === State.COMMAND ? CRLF : END_OF_DATA;
      const at = this.inbuf.indexOf(term);
      if (at === -1) {
        const keep = partialSuffix(this.inbuf, term);
        this.collect(this.inbuf.subarray(0, this.inbuf.length - keep));
        this.inbuf = keep ? this.inbuf.subarray(this.inbuf.length - keep) : EMPTY;
        return;
      }
      this.collect(this.inbuf.subarray(0, at));
      this.inbuf = this.inbuf.subarray(at + term.length);
      if (this.inbuf.length === 0) this.inbuf = EMPTY;
      this.foundTerminator();
    }
  }

  private collect(data: Buffer): void {
    if (data.length === 0) return;
    const limit = this.state === State.COMMAND ? this.maxCommandSizeLimit : (this.options.sizeLimit ?? this.options.hardDataLimit);
    if (this.state === State.DATA && this.options.maxDataLine) this.checkDataLines(data);
    if (limit && this.numBytes > limit) return;
    if (limit) this.numBytes += data.length;
    this.parts.push(data);
  }

  /** --max-line-length: a data line longer than the cap (CRLF included) fails the message. */
  private checkDataLines(data: Buffer): void {
    const max = this.options.maxDataLine!;
    let from = 0;
    for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, nl + 1)) {
      if (this.lineStart + nl + 1 - from > max) this.dataLineTooLong = true;
      this.lineStart = 0;
      from = nl + 1;
    }
    this.lineStart += data.length - from;
    // The line the terminator ends counts its CRLF.
    if (this.lineStart + 2 > max) this.dataLineTooLong = true;
  }

  private takeLine(): Buffer {
    const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    return line;
  }

  private foundTerminator(): void {
    const line = this.takeLine();
    if (this.hooks.debug) this.hooks.debug(`Data: ${debugBytes(this.state === State.COMMAND ? this.maskedForTrace(line) : line)}`);
    if (this.state === State.COMMAND) this.command(line);
    else this.endOfData(line);
  }

  /**
   * A command line as -d shows it: smtpd prints AUTH's answers as they came, netkit masks
   * them ("AUTH PLAIN ****", "****") so no password reaches a trace (DESIGN.md §4).
   */
  private maskedForTrace(line: Buffer): Buffer {
    if (this.auth) return line.length === 1 && line[0] === 0x2a ? line : Buffer.from(SECRET_MASK);
    if (line.length < 5 || (line[0]! | 0x20) !== 0x61) return line; // not "a"/"A"
    const text = line.toString('latin1');
    const masked = maskAuthLine(text, 'command');
    return masked === text ? line : Buffer.from(masked, 'latin1');
  }

  private command(raw: Buffer): void {
    const sz = this.numBytes;
    this.numBytes = 0;
    if (this.auth) {
      this.authAnswer(raw);
      return;
    }
    if (raw.length === 0) {
      this.push(R.badSyntax);
      return;
    }
    let line: string;
    try {
      line = isAscii(raw) ? raw.toString('latin1') : UTF8.decode(raw);
    } catch {
      // str(line, 'utf-8') raises: asyncore's handle_error closes the channel.
      this.flush();
      this.abort();
      return;
    }
    const i = line.indexOf(' ');
    const command = (i < 0 ? line : line.slice(0, i)).toUpperCase();
    const arg = i < 0 ? null : strip(line.slice(i + 1));
    const maxSz = this.extendedSMTP ? this.commandLimit(command) : COMMAND_SIZE_LIMIT;
    if (sz > maxSz) {
      this.push(R.lineTooLong);
      return;
    }
    if (this.shuttingDown) {
      this.closeWith(R.shuttingDown(this.options.fqdn));
      return;
    }
    const handler = HANDLERS[command];
    if (!handler || (command === 'STARTTLS' && !this.options.starttls && !this.options.tls) || (command === 'AUTH' && !this.options.authMechanisms?.length)) {
      this.push(R.notRecognized(command));
      return;
    }
    if (this.options.requireTLS && !this.options.tls && !OPEN_BEFORE_TLS.has(command)) {
      this.push(R.mustStartTLS);
      return;
    }
    handler.call(this, arg);
  }

  private closeWith(reply: string): void {
    this.push(reply);
    this.flush();
    this.closed = true;
    this.hooks.end();
  }

  // ---- commands (smtpd's smtp_<VERB>) ------------------------------------------------

  smtp_HELO(arg: string | null): void {
    if (!arg) return this.push(R.heloSyntax);
    if (this.seenGreeting) return this.push(R.duplicateHelo);
    this.rsetState();
    this.seenGreeting = arg;
    this.push(`250 ${this.options.fqdn}`);
  }

  smtp_EHLO(arg: string | null): void {
    if (!arg) return this.push(R.ehloSyntax);
    if (this.seenGreeting) return this.push(R.duplicateHelo);
    this.rsetState();
    this.seenGreeting = arg;
    this.extendedSMTP = true;
    const o = this.options;
    this.push(`250-${o.fqdn}`);
    if (o.sizeLimit) {
      this.push(`250-SIZE ${o.sizeLimit}`);
      this.commandSizeLimits.set('MAIL', this.commandLimit('MAIL') + 26);
    }
    this.push('250-8BITMIME');
    if (o.smtputf8) {
      this.push('250-SMTPUTF8');
      this.commandSizeLimits.set('MAIL', this.commandLimit('MAIL') + 10);
    }
    if (o.pipelining) this.push('250-PIPELINING');
    if (o.starttls && !o.tls) this.push('250-STARTTLS');
    if (o.authMechanisms?.length && !this.authUser) this.push(`250-AUTH ${o.authMechanisms.join(' ')}`);
    this.push('250 HELP');
  }

  smtp_NOOP(arg: string | null): void {
    this.push(arg ? R.noopSyntax : R.ok);
  }

  smtp_QUIT(): void {
    this.closeWith(R.bye);
  }

  smtp_HELP(arg: string | null): void {
    this.push(arg ? helpReply(arg, this.extendedSMTP) : R.helpAll);
  }

  smtp_VRFY(arg: string | null): void {
    if (!arg) return this.push(R.vrfySyntax);
    const [address] = getAddr(arg);
    this.push(address ? R.vrfyOk : R.vrfyFail(arg));
  }

  smtp_EXPN(): void {
    this.push(R.expn);
  }

  smtp_RSET(arg: string | null): void {
    if (arg) return this.push(R.rsetSyntax);
    this.rsetState();
    this.push(R.ok);
  }

  smtp_MAIL(arg: string | null): void {
    if (!this.seenGreeting) return this.push(R.sendHeloFirst);
    this.hooks.debug?.(`===> MAIL ${arg ?? 'None'}`);
    const syntaxErr = R.mailSyntax(this.extendedSMTP);
    if (arg === null) return this.push(syntaxErr);
    if (this.options.requireAuth && !this.authUser) return this.push(R.authRequired);
    const [address, rest] = getAddr(stripKeyword('FROM:', arg));
    if (!address || (!this.extendedSMTP && rest)) return this.push(syntaxErr);
    if (this.mailFrom) return this.push(R.nestedMail);
    // smtpd keeps the options even when they are then refused.
    this.mailOptions = upperSplit(rest);
    const checked = checkMailParams(this.mailOptions, this.options.smtputf8, this.options.sizeLimit);
    if (checked.smtputf8) this.requireSMTPUTF8 = true;
    if (checked.error !== undefined) return this.push(checked.error ?? syntaxErr);
    this.mailFrom = address;
    this.hooks.debug?.(`sender: ${address}`);
    this.push(R.ok);
  }

  smtp_RCPT(arg: string | null): void {
    if (!this.seenGreeting) return this.push(R.sendHeloFirst);
    this.hooks.debug?.(`===> RCPT ${arg ?? 'None'}`);
    if (!this.mailFrom) return this.push(R.needMail);
    const syntaxErr = R.rcptSyntax(this.extendedSMTP);
    if (arg === null) return this.push(syntaxErr);
    const [address, rest] = getAddr(stripKeyword('TO:', arg));
    if (!address || (!this.extendedSMTP && rest)) return this.push(syntaxErr);
    this.rcptOptions = upperSplit(rest);
    const params = getParams(this.rcptOptions);
    if (!params) return this.push(syntaxErr);
    if (params.size > 0) return this.push(R.rcptParams);
    if (this.options.maxRecipients && this.rcptTos.length >= this.options.maxRecipients) return this.push(R.tooManyRecipients);
    this.rcptTos.push(address);
    this.hooks.debug?.(`recips: ${pyListRepr(this.rcptTos)}`);
    this.push(R.ok);
  }

  smtp_DATA(arg: string | null): void {
    if (!this.seenGreeting) return this.push(R.sendHeloFirst);
    if (!this.rcptTos.length) return this.push(R.needRcpt);
    if (arg) return this.push(R.dataSyntax);
    this.state = State.DATA;
    this.dataAtStart = true;
    this.dataLineTooLong = false;
    this.lineStart = 0;
    this.hooks.busy?.(true);
    this.push(R.startData);
  }

  smtp_STARTTLS(arg: string | null): void {
    if (this.options.tls) return this.push(R.tlsAlready);
    if (arg) return this.push(R.tlsSyntax);
    if (this.inbuf.length) {
      // RFC 3207 §4.2 / CVE-2011-0411: nothing may follow STARTTLS before the handshake.
      this.closeWith(R.pipelinedAfterSTARTTLS);
      return;
    }
    this.push(R.readyTLS);
    this.flush();
    this.paused = true;
    this.hooks.startTLS?.();
  }

  /** The TLS handshake after STARTTLS completed: RFC 3207 §4.2, forget everything. */
  tlsStarted(): void {
    this.options.tls = true;
    this.seenGreeting = '';
    this.extendedSMTP = false;
    this.authUser = undefined;
    this.commandSizeLimits.clear();
    this.rsetState();
    this.paused = false;
    this.inbuf = EMPTY;
  }

  smtp_AUTH(arg: string | null): void {
    if (!this.extendedSMTP) return this.push(R.authSendEhlo);
    if (this.authUser) return this.push(R.authAlready);
    if (this.mailFrom) return this.push(R.authInTransaction);
    if (!arg) return this.push(R.authSyntax);
    const [mech, initial, extra] = arg.split(/\s+/);
    const name = mech!.toUpperCase();
    if (extra !== undefined) return this.push(R.authSyntax);
    if (!(this.options.authMechanisms as readonly string[]).includes(name)) return this.push(R.authUnknownMech);
    const m = new ServerMechanism(name as 'PLAIN' | 'LOGIN' | 'CRAM-MD5', this.options.passwordLookup ?? (() => undefined), this.options.authAny ?? false, this.options.fqdn);
    let decoded: Buffer | undefined;
    if (initial !== undefined) {
      decoded = decodeBase64Strict(initial);
      if (!decoded) return this.push(R.authMalformed);
    }
    this.auth = m;
    this.authStep(m.start(decoded));
  }

  private authAnswer(raw: Buffer): void {
    const m = this.auth!;
    const text = raw.toString('latin1');
    if (text.trim() === '*') {
      this.auth = undefined;
      return this.push(R.authAborted);
    }
    const decoded = decodeBase64Strict(text);
    if (!decoded) {
      this.auth = undefined;
      return this.push(R.authMalformed);
    }
    this.authStep(m.next(decoded));
  }

  private authStep(step: ReturnType<ServerMechanism['start']>): void {
    if (step.kind === 'challenge') return this.push('334 ' + step.challenge.toString('base64'));
    this.auth = undefined;
    if (step.kind === 'malformed') return this.push(R.authMalformed);
    if (!step.ok) return this.push(R.authFailed);
    this.authUser = step.user;
    this.push(R.authOk);
  }

  // ---- DATA --------------------------------------------------------------------------

  private endOfData(raw: Buffer): void {
    const limit = this.options.sizeLimit ?? this.options.hardDataLimit;
    const tooLong = this.dataLineTooLong;
    if (limit && this.numBytes > limit) {
      this.push(R.tooMuchData);
      this.postData();
      return;
    }
    if (tooLong) {
      this.push(R.dataLineTooLong);
      this.postData();
      return;
    }
    const message: ReceivedMessage = {
      peerAddress: this.options.peerAddress,
      peerPort: this.options.peerPort,
      helo: this.seenGreeting,
      mailFrom: this.mailFrom!,
      rcptTos: this.rcptTos,
      mailOptions: this.mailOptions,
      rcptOptions: this.rcptOptions,
      data: unstuff(raw),
      authUser: this.authUser,
      tls: this.options.tls ?? false,
      receivedAt: new Date(),
    };
    this.state = State.COMMAND;
    let result: ReturnType<ChannelHooks['deliver']>;
    try {
      result = this.hooks.deliver(message);
    } catch {
      result = R.storageFailed;
    }
    if (!(result instanceof Promise)) {
      // Answered at once: the reply joins the others of this feed() (one write).
      this.push(result ?? R.ok);
      this.postData();
      return;
    }
    this.paused = true;
    this.delivering = true;
    result.then(
      (status) => this.delivered(status ?? R.ok),
      () => this.delivered(R.storageFailed),
    );
  }

  private delivered(reply: string): void {
    this.delivering = false;
    if (this.closed) return;
    this.paused = false;
    this.push(reply);
    this.postData();
    this.process();
    this.flush();
  }

  private postData(): void {
    this.state = State.COMMAND;
    this.mailFrom = undefined;
    this.rcptTos = [];
    this.requireSMTPUTF8 = false;
    this.numBytes = 0;
    this.parts = [];
    // The 421 goes out before the listener may end a connection that is no longer busy.
    if (this.shuttingDown && !this.closed) this.closeWith(R.shuttingDown(this.options.fqdn));
    this.hooks.busy?.(false);
  }

  private rsetState(): void {
    if (this.state === State.DATA) this.hooks.busy?.(false);
    this.state = State.COMMAND;
    this.mailFrom = undefined;
    this.rcptTos = [];
    this.requireSMTPUTF8 = false;
    this.numBytes = 0;
    this.parts = [];
  }

  /**
   * The server is stopping: an idle session gets the 421 now, one inside DATA after its
   * message was answered. Returns true when the session closed at once.
   */
  shutdown(): boolean {
    if (this.closed) return true;
    this.shuttingDown = true;
    if (this.inTransaction) return false;
    this.closeWith(R.shuttingDown(this.options.fqdn));
    return true;
  }

  /** The idle timeout ran out. */
  timedOut(): void {
    if (!this.closed) this.closeWith(R.idleTimeout(this.options.fqdn));
  }

  /** The peer is gone. */
  lost(): void {
    // Gone inside DATA, or while its message was being stored: no reply is owed now.
    if (this.state === State.DATA || this.delivering) this.hooks.busy?.(false);
    this.closed = true;
  }
}

type Handler = (this: SMTPChannel, arg: string | null) => void;
const HANDLERS: Record<string, Handler | undefined> = {
  HELO: SMTPChannel.prototype.smtp_HELO,
  EHLO: SMTPChannel.prototype.smtp_EHLO,
  NOOP: SMTPChannel.prototype.smtp_NOOP,
  QUIT: SMTPChannel.prototype.smtp_QUIT,
  HELP: SMTPChannel.prototype.smtp_HELP,
  VRFY: SMTPChannel.prototype.smtp_VRFY,
  EXPN: SMTPChannel.prototype.smtp_EXPN,
  RSET: SMTPChannel.prototype.smtp_RSET,
  MAIL: SMTPChannel.prototype.smtp_MAIL,
  RCPT: SMTPChannel.prototype.smtp_RCPT,
  DATA: SMTPChannel.prototype.smtp_DATA,
  STARTTLS: SMTPChannel.prototype.smtp_STARTTLS,
  AUTH: SMTPChannel.prototype.smtp_AUTH,
};

/** What --require-tls lets through before STARTTLS. */
const OPEN_BEFORE_TLS = new Set(['EHLO', 'HELO', 'NOOP', 'QUIT', 'RSET', 'HELP', 'STARTTLS']);

