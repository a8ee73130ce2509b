// Many messages over one connection with RFC 2920 PIPELINING: each message's MAIL, RCPTs
// and DATA go out as one group, and the next message's group rides in the same write as
// the current message's content (RFC 2920 §3.1: message content may start a group), so a
// message costs one round trip instead of smtplib's four. Replies are read in order and
// judged as sendmail() judges them; a refused message is reset with RSET and the batch
// goes on.
import { SMTPDataError, SMTPRecipientsRefused, SMTPSenderRefused, SMTPServerDisconnected, type RefusedRecipients, type SMTPReply } from '../errors.js';
import { checkAddress, type SMTPClient, type TransactionResult, type RecipientResult } from './client.js';
import { quoteaddr } from './parse.js';

export interface BatchItem {
  mailFrom: string;
  rcptTo: readonly string[];
  data: Buffer;
  /** ESMTP options beyond size= (SMTPUTF8, BODY=8BITMIME). */
  mailOptions: readonly string[];
}

/** What happened to one item: sendmail()'s result, or the error sendmail() would raise. */
export type BatchOutcome = { ok: TransactionResult } | { error: Error };

/** True when the server allows command groups (and this is not LMTP, whose DATA has per-recipient replies). */
export function canPipeline(client: SMTPClient): boolean {
  return client.doesEsmtp && client.hasExtn('pipelining') && client.protocol !== 'lmtp';
}

function mailOptions(client: SMTPClient, item: BatchItem): string[] {
  const opts = client.hasExtn('size') ? [`size=${item.data.length}`] : [];
  return [...opts, ...item.mailOptions];
}

/** Queues MAIL, RCPT... and DATA for `item` (the caller groups the writes). */
function putEnvelope(client: SMTPClient, item: BatchItem, options: string[]): void {
  checkAddress('mail FROM:', item.mailFrom);
  for (const r of item.rcptTo) checkAddress('rcpt TO:', r);
  client.setCommandEncoding(options.some((o) => o.toLowerCase() === 'smtputf8') ? 'utf-8' : 'ascii');
  client.putcmd('mail', `FROM:${quoteaddr(item.mailFrom)}${options.length ? ' ' + options.join(' ') : ''}`);
  for (const r of item.rcptTo) client.putcmd('rcpt', `TO:${quoteaddr(r)}`);
  client.putcmd('data');
}

const is421 = (r: SMTPReply): boolean => r.code === 421;

/**
 * Sends every item `next()` yields over the connection, pipelined, reporting each
 * outcome. Items over the server's SIZE are refused without being sent. A 421 or a lost
 * connection ends the batch with an error.
 */
export async function sendPipelined(client: SMTPClient, next: () => Promise<BatchItem | undefined>, report: (item: BatchItem, outcome: BatchOutcome) => void): Promise<void> {
  const limit = client.sizeLimit();
  // The next item that fits, refusing the oversized ones on the way.
  const take = async (): Promise<BatchItem | undefined> => {
    for (;;) {
      const item = await next();
      if (!item || limit === undefined || item.data.length <= limit) return item;
      report(item, { error: new SMTPSenderRefused(552, `5.3.4 message of ${item.data.length} bytes exceeds the server's SIZE ${limit} (not sent)`, item.mailFrom) });
    }
  };
  // The next item is prepared while the current one's replies are on their way.
  const prefetch = (): Promise<BatchItem | undefined> => {
    const p = take();
    p.catch(() => undefined); // awaited below; never an unhandled rejection if the batch ends first
    return p;
  };
  let item = await take();
  if (!item) return;
  let options = mailOptions(client, item);
  client.group(() => putEnvelope(client, item!, options));
  let ahead = prefetch();
  while (item) {
    const mail = await client.getreply();
    const refused: RefusedRecipients = new Map();
    const recipients: RecipientResult[] = [];
    for (const r of item.rcptTo) {
      const reply = await client.getreply();
      const accepted = reply.code === 250 || reply.code === 251;
      if (!accepted) refused.set(r, reply);
      recipients.push({ recipient: r, accepted, reply });
    }
    const go = await client.getreply();
    client.traceData(go);
    const fatal = [mail, ...recipients.map((r) => r.reply), go].find(is421);
    if (fatal) {
      client.close();
      throw new SMTPServerDisconnected(`${fatal.code} ${fatal.msg.toString('latin1')}`);
    }
    let failure: Error | undefined;
    if (mail.code !== 250) failure = new SMTPSenderRefused(mail.code, mail.msg, item.mailFrom);
    else if (refused.size === item.rcptTo.length) failure = new SMTPRecipientsRefused(refused);
    else if (go.code !== 354) failure = new SMTPDataError(go.code, go.msg);
    if (failure) {
      // A server that said 354 anyway gets an empty message ended at once, then RSET.
      if (go.code === 354) {
        client.group(() => client.sendMessage(Buffer.alloc(0)));
        await client.getreply();
      }
      report(item, { error: failure });
      await client.rset();
      item = await ahead;
      if (item) {
        options = mailOptions(client, item);
        const current = item;
        client.group(() => putEnvelope(client, current, options));
        ahead = prefetch();
      }
      continue;
    }
    const following = await ahead;
    const nextOptions = following ? mailOptions(client, following) : [];
    const current = item;
    client.group(() => {
      client.sendMessage(current.data);
      if (following) putEnvelope(client, following, nextOptions);
    });
    if (following) ahead = prefetch();
    const done = await client.getreply();
    client.traceData(done);
    if (done.code === 421) {
      client.close();
      throw new SMTPServerDisconnected(`${done.code} ${done.msg.toString('latin1')}`);
    }
    if (done.code !== 250) report(current, { error: new SMTPDataError(done.code, done.msg) });
    else report(current, { ok: { refused, recipients, data: done, mailOptions: options } });
    // After a refused message the next group is already on its way: MAIL starts a new
    // transaction (RFC 5321 §3.3: the refusal ended this one), no RSET needed.
    item = following;
    options = nextOptions;
  }
}
