// The work of `smtp send`, loaded only when it runs: building each message and envelope
// (send_message's rules, or sendmail's when --mail-from and --rcpt are both given),
// one connection for all of them, per-recipient records, and the exit code rules.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { EXIT } from '../../cli/exit-codes.js';
import { UsageError } from '../../cli/errors.js';
import { FileError } from '../../cli/files.js';
import { errorToJSON, type Style } from '../../cli/output.js';
import { NetkitError } from '../../protocols/core/errors.js';
import { fixEols } from '../../protocols/core/dot.js';
import { pyBytesRepr, pyRepr } from '../../protocols/core/py-text.js';
import { composeMessage, envelopeOf, hasEightBit, stripBcc } from '../../protocols/smtp/message/index.js';
import {
  SMTPDataError,
  SMTPNotSupportedError,
  SMTPRecipientsRefused,
  SMTPResponseException,
  SMTPSenderRefused,
  replyText,
  type SMTPReply,
} from '../../protocols/smtp/errors.js';
import { checkAddress } from '../../protocols/smtp/client/client.js';
import type { SMTPClient, TransactionResult } from '../../protocols/smtp/client/index.js';
import { canPipeline, sendPipelined, type BatchItem } from '../../protocols/smtp/client/pipeline.js';
import { openSession, parseServer, quietQuit, type SessionInfo } from './session.js';
import type { SendOptions } from './send.js';

/** netkit's cap on one message read from a file or stdin (DESIGN.md §4 Limits). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export interface RecipientRecord {
  recipient: string;
  accepted: boolean;
  smtp_code: number;
  smtp_error: string;
}

export interface MessageRecord {
  source: string;
  mail_from: string;
  rcpt_to: string[];
  mail_options: string[];
  size: number;
  recipients: RecipientRecord[];
  refused: Record<string, { smtp_code: number; smtp_error: string }>;
  error: Record<string, unknown> | null;
  /** --dry-run only: the message text. */
  message?: string;
}

export interface SendResult {
  server: { host: string; port: number; protocol: string; tls: { version: string; cipher: string; authorized: boolean } | null; authenticated: string | null } | null;
  dry_run: boolean;
  quit_after: string | null;
  messages: MessageRecord[];
  refused: Record<string, { smtp_code: number; smtp_error: string }>;
}

/** What finishSend needs beyond the printed result (not part of the JSON). */
const FATAL = new WeakMap<SendResult, unknown>();
const ERRORS = new WeakMap<MessageRecord, unknown>();
const REFUSED_REPLIES = new WeakMap<SendResult, Array<[string, SMTPReply]>>();

interface Job {
  source: string;
  data: Buffer;
  mailFrom: string;
  rcptTo: string[];
  smtputf8Needed: boolean;
  eightBit: boolean;
}

async function readCapped(ctx: Context, file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const take = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > MAX_MESSAGE_BYTES) throw new NetkitError(`${file === '-' ? 'standard input' : file} is larger than ${MAX_MESSAGE_BYTES} bytes`, { code: 'ERR_TOO_LARGE' });
    chunks.push(chunk);
  };
  if (file === '-') {
    if (ctx.io.stdin.isTTY) throw new UsageError("'-' reads the message from standard input, which is a terminal");
    for await (const chunk of ctx.io.stdin) take(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  // Synchronous: one small read costs microseconds, a thread-pool round trip per call
  // (open, stat, read, close) costs more than the SMTP exchange of a small message.
  const path = resolve(ctx.io.cwd, file);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = fstatSync(fd).size;
    if (n > MAX_MESSAGE_BYTES) throw new NetkitError(`${file} is larger than ${MAX_MESSAGE_BYTES} bytes`, { code: 'ERR_TOO_LARGE' });
    return readFileSync(fd);
  } catch (err) {
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, file);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A raw message: sendmail's bytes when both --mail-from and --rcpt are given, else send_message's envelope and Bcc stripping. */
function rawJob(source: string, bytes: Buffer, opts: SendOptions): Job {
  const raw = fixEols(bytes);
  if (opts.mailFrom !== undefined && opts.rcpt.length > 0) {
    const ascii = /^[\x00-\x7f]*$/.test(opts.mailFrom + opts.rcpt.join(''));
    return { source, data: raw, mailFrom: opts.mailFrom, rcptTo: [...opts.rcpt], smtputf8Needed: !ascii, eightBit: hasEightBit(raw) };
  }
  const env = envelopeOf(raw, { ...(opts.mailFrom !== undefined ? { mailFrom: opts.mailFrom } : {}), ...(opts.rcpt.length > 0 ? { rcpt: opts.rcpt } : {}) });
  return { source, data: stripBcc(raw), mailFrom: env.mailFrom, rcptTo: env.rcptTo, smtputf8Needed: env.smtputf8Needed, eightBit: env.eightBit };
}

const COMPOSE_KEYS = ['from', 'replyTo', 'subject', 'body', 'bodyFile', 'html'] as const;

function composing(opts: SendOptions): boolean {
  return COMPOSE_KEYS.some((k) => opts[k] !== undefined) || opts.to.length + opts.cc.length + opts.bcc.length + opts.attach.length + opts.header.length > 0;
}

async function composedJob(ctx: Context, opts: SendOptions): Promise<Job> {
  if (opts.from === undefined) throw new UsageError('a composed message needs --from (or give a raw one with --message)');
  if (opts.to.length + opts.cc.length + opts.bcc.length === 0 && opts.rcpt.length === 0) throw new UsageError('a composed message needs --to, --cc, --bcc or --rcpt');
  if (opts.body !== undefined && opts.bodyFile !== undefined) throw new UsageError('--body and --body-file exclude each other');
  const text = opts.bodyFile !== undefined ? (await readCapped(ctx, opts.bodyFile)).toString('utf8') : (opts.body ?? '');
  const html = opts.html !== undefined ? (await readCapped(ctx, opts.html)).toString('utf8') : undefined;
  const headers = opts.header.map((h): [string, string] => {
    const i = h.indexOf(':');
    return [h.slice(0, i), h.slice(i + 1).replace(/^[ \t]+/, '')];
  });
  const raw = await composeMessage(
    {
      from: opts.from,
      to: opts.to,
      cc: opts.cc,
      bcc: opts.bcc,
      ...(opts.replyTo !== undefined ? { replyTo: opts.replyTo } : {}),
      ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
      text,
      ...(html !== undefined ? { html } : {}),
      attachments: opts.attach.map((f) => ({ path: resolve(ctx.io.cwd, f) })),
      headers,
    },
    { keepBcc: true },
  );
  return rawJob('composed', raw, opts);
}

/** The messages to send, built one at a time (1,000 files are never all in memory). */
async function* jobs(ctx: Context, opts: SendOptions): AsyncGenerator<Job> {
  if (opts.message.length > 0) {
    if (composing(opts)) throw new UsageError('--message sends a raw message: --from, --to, --subject, --body and the other composing options do not apply');
    if (opts.message.filter((m) => m === '-').length > 1) throw new UsageError("standard input ('-') can be read only once");
    for (const file of opts.message) yield rawJob(file === '-' ? '<stdin>' : file, await readCapped(ctx, file), opts);
    return;
  }
  if (!composing(opts)) throw new UsageError('nothing to send: give --message FILE or compose one with --from and --to');
  yield await composedJob(ctx, opts);
}

/** send_message's options for the server: SMTPUTF8 (+ BODY=8BITMIME) when an address needs it, BODY=8BITMIME for 8-bit data when offered. */
function mailOptionsFor(client: SMTPClient, job: Job): string[] {
  if (job.smtputf8Needed) {
    if (!client.hasExtn('smtputf8')) {
      throw new SMTPNotSupportedError('One or more source or delivery addresses require internationalized email support, but the server does not advertise the required SMTPUTF8 capability');
    }
    return ['SMTPUTF8', 'BODY=8BITMIME'];
  }
  return job.eightBit && client.hasExtn('8bitmime') ? ['BODY=8BITMIME'] : [];
}

const rec = (recipient: string, accepted: boolean, r: SMTPReply): RecipientRecord => ({ recipient, accepted, smtp_code: r.code, smtp_error: replyText(r.msg) });

function newRecord(job: Job): MessageRecord {
  return { source: job.source, mail_from: job.mailFrom, rcpt_to: job.rcptTo, mail_options: [], size: job.data.length, recipients: [], refused: {}, error: null };
}

/** Errors that end one message but leave the connection usable for the next. */
function isMessageRefusal(err: unknown): boolean {
  return err instanceof SMTPSenderRefused || err instanceof SMTPRecipientsRefused || err instanceof SMTPDataError || (err instanceof SMTPNotSupportedError && err.kind === 'refused');
}

function errorJSON(err: unknown): Record<string, unknown> {
  const withJSON = err as { toJSON?: () => Record<string, unknown> };
  return typeof withJSON.toJSON === 'function' ? withJSON.toJSON() : { ...errorToJSON(err) };
}

export async function runSend(ctx: Context, opts: SendOptions): Promise<SendResult> {
  const result: SendResult = { server: null, dry_run: opts.dryRun, quit_after: opts.quitAfter ?? null, messages: [], refused: {} };
  REFUSED_REPLIES.set(result, []);
  if (opts.dryRun) {
    for await (const job of jobs(ctx, opts)) {
      // What a real send would refuse before anything goes out (putcmd's ValueError).
      checkAddress('mail FROM:', job.mailFrom);
      for (const r of job.rcptTo) checkAddress('rcpt TO:', r);
      result.messages.push({ ...newRecord(job), message: job.data.toString('utf8') });
    }
    return result;
  }
  if (opts.server === undefined) throw new UsageError('--server HOST[:PORT] or a smtp://, smtps://, lmtp:// URL is required (or --dry-run)');
  const spec = parseServer(opts.server);
  const source = jobs(ctx, opts);
  // The first message is built before connecting: a bad file or address fails without a connection.
  const first = await source.next();
  const session = await openSession(ctx, spec, opts);
  const client = session.client;
  result.server = serverRecord(session);
  if (session.stopped) return result;
  const pipelined = opts.pipelining && opts.message.length > 1 && opts.quitAfter === undefined && canPipeline(client);
  const succeeded = (record: MessageRecord, tr: TransactionResult): void => {
    record.mail_options = tr.mailOptions;
    record.recipients = tr.recipients.map((r) => rec(r.recipient, r.accepted, r.accepted && client.protocol !== 'lmtp' ? tr.data : r.reply));
    for (const [addr, r] of tr.refused) noteRefused(result, record, addr, r);
  };
  const failed = (record: MessageRecord, job: Job, err: unknown): void => {
    if (!isMessageRefusal(err)) throw err;
    record.error = errorJSON(err);
    ERRORS.set(record, err);
    recordFailure(result, record, job, err);
  };
  try {
    if (pipelined) {
      const pending = new Map<BatchItem, [Job, MessageRecord]>();
      let next = first;
      const nextItem = async (): Promise<BatchItem | undefined> => {
        for (;;) {
          if (next.done) return undefined;
          const job = next.value;
          next = await source.next();
          const record = newRecord(job);
          result.messages.push(record);
          try {
            record.mail_options = mailOptionsFor(client, job);
          } catch (err) {
            failed(record, job, err);
            continue;
          }
          const item: BatchItem = { mailFrom: job.mailFrom, rcptTo: job.rcptTo, data: job.data, mailOptions: record.mail_options };
          pending.set(item, [job, record]);
          return item;
        }
      };
      await sendPipelined(client, nextItem, (item, outcome) => {
        const [job, record] = pending.get(item)!;
        pending.delete(item);
        if ('ok' in outcome) succeeded(record, outcome.ok);
        else failed(record, job, outcome.error);
      });
    } else {
      let next = first;
      while (!next.done) {
        const job = next.value;
        const record = newRecord(job);
        result.messages.push(record);
        if (opts.quitAfter === 'mail' || opts.quitAfter === 'rcpt') {
          await partialTransaction(client, job, record, opts.quitAfter);
          break;
        }
        try {
          record.mail_options = mailOptionsFor(client, job);
          succeeded(record, await client.sendmail(job.mailFrom, job.rcptTo, job.data, { mailOptions: record.mail_options }));
        } catch (err) {
          failed(record, job, err);
          if (!client.connected) break;
        }
        next = await source.next();
      }
    }
    await quietQuit(client);
  } catch (err) {
    client.close();
    FATAL.set(result, err);
  }
  return result;
}

function serverRecord(session: SessionInfo): SendResult['server'] {
  const t = session.client.tls;
  return {
    host: session.server.host,
    port: session.server.port,
    protocol: session.server.protocol,
    tls: t ? { version: t.version, cipher: t.cipher, authorized: t.authorized } : null,
    authenticated: session.authenticated,
  };
}

function noteRefused(result: SendResult, record: MessageRecord, addr: string, r: SMTPReply): void {
  const entry = { smtp_code: r.code, smtp_error: replyText(r.msg) };
  record.refused[addr] = entry;
  result.refused[addr] = entry;
  REFUSED_REPLIES.get(result)!.push([addr, r]);
}

/** Per-recipient lines for a message that failed as a whole. */
function recordFailure(result: SendResult, record: MessageRecord, job: Job, err: unknown): void {
  if (err instanceof SMTPRecipientsRefused) {
    const refused = err.recipients;
    record.recipients = job.rcptTo.filter((a, i, all) => all.indexOf(a) === i).map((a) => (refused.has(a) ? rec(a, false, refused.get(a)!) : { recipient: a, accepted: false, smtp_code: -1, smtp_error: 'not tried' }));
    for (const [addr, r] of refused) noteRefused(result, record, addr, r);
    return;
  }
  const reply: SMTPReply = err instanceof SMTPResponseException ? { code: err.smtpCode, msg: err.smtpError } : { code: -1, msg: Buffer.from((err as Error).message, 'latin1') };
  record.recipients = job.rcptTo.map((a) => rec(a, false, reply));
  for (const a of job.rcptTo) noteRefused(result, record, a, reply);
}

/** --quit-after mail|rcpt: MAIL (and RCPTs), then QUIT without DATA. */
async function partialTransaction(client: SMTPClient, job: Job, record: MessageRecord, step: 'mail' | 'rcpt'): Promise<void> {
  const options = mailOptionsFor(client, job);
  if (client.doesEsmtp && client.hasExtn('size')) options.unshift(`size=${job.data.length}`);
  record.mail_options = options;
  const mail = await client.mail(job.mailFrom, options);
  if (mail.code !== 250) throw new SMTPSenderRefused(mail.code, mail.msg, job.mailFrom);
  if (step === 'rcpt') {
    for (const r of job.rcptTo) {
      const reply = await client.rcpt(r);
      record.recipients.push(rec(r, reply.code === 250 || reply.code === 251, reply));
    }
  }
  await quietQuit(client);
}

export function renderSend(result: SendResult, style: Style): string {
  let out = '';
  if (result.dry_run) {
    for (const m of result.messages) {
      out += `MAIL FROM:<${m.mail_from}>\n` + m.rcpt_to.map((r) => `RCPT TO:<${r}>\n`).join('') + 'DATA\n' + m.message!;
      out += (m.message!.endsWith('\n') ? '' : '\n') + '.\n';
    }
    return out;
  }
  const stopped = result.quit_after === 'mail' || result.quit_after === 'rcpt';
  for (const m of result.messages) {
    for (const r of m.recipients) {
      const status = stopped ? 'rcpt' : r.accepted ? style.green('accepted') : style.red('refused');
      out += `${status} ${r.recipient} ${r.smtp_code} ${r.smtp_error}\n`;
    }
  }
  return out;
}

/** Exit rules: a fatal error as is; nothing accepted → the message's error (exit 5); some refused → exit 7 with sendmail()'s dict. */
export function finishSend(ctx: Context, result: SendResult): void {
  const fatal = FATAL.get(result);
  if (fatal !== undefined) throw fatal;
  if (result.dry_run || result.quit_after === 'mail' || result.quit_after === 'rcpt') return;
  const accepted = result.messages.some((m) => m.recipients.some((r) => r.accepted));
  const failed = result.messages.filter((m) => ERRORS.has(m));
  if (!accepted && failed.length > 0) throw ERRORS.get(failed[failed.length - 1]!);
  const refused = REFUSED_REPLIES.get(result)!;
  if (refused.length > 0 || failed.length > 0) {
    if (!ctx.flags.json) ctx.out.error(`some recipients were refused: {${refused.map(([a, r]) => `${pyRepr(a)}: (${r.code}, ${pyBytesRepr(r.msg)})`).join(', ')}}`);
    ctx.exitCode = EXIT.PARTIAL;
  }
}
