// The --jsonl record of one received message: the envelope and session (peer, HELO name,
// AUTH user, TLS) around summarizeMessage's headers and parts.
import type { ReceivedMessage } from '../../protocols/smtp/server/channel.js';
import { summarizeMessage } from '../../protocols/smtp/message/index.js';

export async function messageRecord(m: ReceivedMessage): Promise<object> {
  const envelope = {
    received_at: m.receivedAt.toISOString(),
    peer: { address: m.peerAddress, port: m.peerPort },
    helo: m.helo,
    auth_user: m.authUser ?? null,
    tls: m.tls,
    mail_from: m.mailFrom,
    rcpt_tos: m.rcptTos,
    mail_options: m.mailOptions,
  };
  try {
    return { ...envelope, ...(await summarizeMessage(m.data)) };
  } catch (err) {
    return { ...envelope, error: (err as Error).message };
  }
}
