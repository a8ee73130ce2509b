// PureProxy: the message relayed to REMOTEADDR with netkit's SMTP client (smtpd's
// _deliver: connect, sendmail, quit), "X-Peer:" inserted after the headers as
// PureProxy.process_message does. Unlike smtpd (whose 3.11 PureProxy cannot run under
// the CLI's decode_data=False, and which answers 250 whatever happened), the session is
// answered 250 only when the next hop took the message for at least one recipient;
// per-recipient refusals are reported to `onRefused`.
import { SMTPClient } from '../client/index.js';
import { SMTPRecipientsRefused, SMTPResponseException, replyText, type RefusedRecipients } from '../errors.js';
import type { ReceivedMessage } from './channel.js';

export interface RelayOptions {
  host: string;
  port: number;
  localHostname: string;
  timeoutMs: number;
  onRefused?(refused: RefusedRecipients): void;
  debug?(line: string): void;
}

/** PureProxy's data rewrite: "X-Peer: <ip>" before the first empty line (or at the end), CRLF line ends. */
export function proxiedData(m: ReceivedMessage): Buffer {
  const lines = m.data.toString('latin1').split('\n');
  let i = lines.findIndex((l) => l === '');
  if (i === -1) i = lines.length;
  lines.splice(i, 0, `X-Peer: ${m.peerAddress}`);
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

/** Relays one message; resolves with an error reply for the session, or undefined (250). */
export async function relayMessage(m: ReceivedMessage, o: RelayOptions): Promise<string | undefined> {
  let client: SMTPClient | undefined;
  try {
    client = await SMTPClient.connect({ host: o.host, port: o.port, localHostname: o.localHostname, timeoutMs: o.timeoutMs, debug: o.debug });
    const result = await client.sendmail(m.mailFrom === '<>' ? '' : m.mailFrom, m.rcptTos, proxiedData(m), { mailOptions: m.mailOptions.filter((x) => x.startsWith('BODY=') || x === 'SMTPUTF8') });
    if (result.refused.size) o.onRefused?.(result.refused);
    return undefined;
  } catch (err) {
    if (err instanceof SMTPRecipientsRefused) {
      o.onRefused?.(err.recipients);
      const first = [...err.recipients.values()][0];
      return first ? `${first.code} ${replyText(first.msg)}` : '554 Error: all recipients refused';
    }
    if (err instanceof SMTPResponseException && err.smtpCode >= 400 && err.smtpCode < 600) return `${err.smtpCode} ${replyText(err.smtpError)}`;
    return `451 Error: relay to ${o.host}:${o.port} failed: ${(err as Error).message.replace(/[\r\n]+/g, ' ')}`;
  } finally {
    if (client) await client.quit().catch(() => undefined);
  }
}
