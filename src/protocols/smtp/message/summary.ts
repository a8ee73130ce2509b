// One received message as a JSON-lines record for `serve smtp --jsonl`: decoded headers,
// the main addresses, and each body part's type, name, size and SHA-256, parsed with
// postal-mime (loaded on first use). Keys are snake_case, like every netkit JSON output.
import { MessageFormatError } from './errors.js';
import { MAX_HEADER_BYTES, MAX_HEADER_FIELDS } from './raw-headers.js';

export interface PartSummary {
  content_type: string;
  filename?: string;
  disposition?: string;
  size: number;
  sha256: string;
}

export interface MessageSummary {
  headers: [name: string, value: string][];
  subject: string | null;
  from: string | null;
  to: string[];
  message_id: string | null;
  date: string | null;
  parts: PartSummary[];
  size: number;
  sha256: string;
}

/** message/rfc822 and multipart nesting netkit follows before it gives up. */
export const MAX_NESTING_DEPTH = 32;

type Address = { name: string; address?: string | undefined; group?: { name: string; address: string }[] | undefined };

/** Lib/email/utils.py specialsre: a display name holding one of these is quoted. */
const SPECIALS = /[\][\\()<>@,:;".]/;

/** email.utils.formataddr((name, addr)) without the RFC 2047 step: names stay Unicode. */
function formatAddress(a: { name: string; address: string }): string {
  if (!a.name) return a.address;
  const name = SPECIALS.test(a.name) ? `"${a.name.replace(/([\\"])/g, '\\$1')}"` : a.name;
  return `${name} <${a.address}>`;
}

function flatten(list: readonly Address[] | undefined): string[] {
  return (list ?? []).flatMap((a) => (a.group ? a.group.map(formatAddress) : a.address !== undefined ? [formatAddress({ name: a.name, address: a.address })] : []));
}

/**
 * Summarises a raw RFC 5322 message. Text and HTML bodies count as parts (the decoded
 * text as postal-mime gives it, LF line ends, as UTF-8), then each attachment with its
 * decoded bytes. Throws MessageFormatError
 * past netkit's limits (header size, field count, nesting depth).
 */
export async function summarizeMessage(raw: Buffer): Promise<MessageSummary> {
  const { createHash } = await import('node:crypto');
  const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
  const { default: PostalMime, decodeWords } = await import('postal-mime');
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxHeadersSize: MAX_HEADER_BYTES, maxNestingDepth: MAX_NESTING_DEPTH });
  } catch (err) {
    throw new MessageFormatError(`cannot parse the message: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (email.headers.length > MAX_HEADER_FIELDS) {
    throw new MessageFormatError(`message has more than ${MAX_HEADER_FIELDS} header fields (netkit's limit)`, { code: 'ERR_HEADER_LIMIT' });
  }
  const parts: PartSummary[] = [];
  for (const [type, body] of [['text/plain', email.text], ['text/html', email.html]] as const) {
    if (body === undefined) continue;
    const bytes = Buffer.from(body, 'utf8');
    parts.push({ content_type: type, size: bytes.length, sha256: sha256(bytes) });
  }
  for (const a of email.attachments) {
    const bytes = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content;
    parts.push({
      content_type: a.mimeType,
      ...(a.filename !== null ? { filename: a.filename } : {}),
      ...(a.disposition !== null ? { disposition: a.disposition } : {}),
      size: bytes.byteLength,
      sha256: sha256(bytes),
    });
  }
  return {
    headers: email.headers.map((h) => [h.originalKey, decodeWords(h.value)]),
    subject: email.subject ?? null,
    from: email.from ? (flatten([email.from as Address])[0] ?? null) : null,
    to: flatten(email.to as Address[] | undefined),
    message_id: email.messageId ?? null,
    date: email.date ?? null,
    parts,
    size: raw.length,
    sha256: sha256(raw),
  };
}
