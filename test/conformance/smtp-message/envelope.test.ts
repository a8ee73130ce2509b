// smtplib.send_message's envelope and email.utils.getaddresses against CPython 3.11
// (fixtures from generate.py): MAIL FROM, RCPT TO, SMTPUTF8, the header fields left after
// the Bcc deletion, and Python's exceptions, for CPython's own test vectors, hostile and
// random messages.
import { readFileSync } from 'node:fs';
import { conformance, errorOutcome } from '../conformance.js';
import { envelopeOf, getaddresses, stripBcc } from '../../../src/protocols/smtp/message/index.js';
import { parseHeaderBlock } from '../../../src/protocols/smtp/message/raw-headers.js';

interface AddressCase {
  tag: string;
  fieldvalues: string[];
  expected: [string, string][];
}
type SendOutcome = { mail_from: string; rcpt_to: string[]; smtputf8: boolean; headers_sent: [string, string][] } | { error: { type: string; message: string } };
interface EnvelopeCase {
  tag: string;
  raw: string;
  from_addr: string | null;
  to_addrs: string[] | null;
  expected: SendOutcome;
}

function load<C>(name: string): C[] {
  return (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: C[] }).cases;
}

conformance('email.utils.getaddresses', load<AddressCase>('smtp-message-getaddresses.json'), (c) => ({
  input: c.fieldvalues,
  expected: c.expected,
  actual: getaddresses(c.fieldvalues),
}));

function netkitSend(c: EnvelopeCase): SendOutcome {
  const raw = Buffer.from(c.raw, 'latin1');
  try {
    const env = envelopeOf(raw, { ...(c.from_addr !== null ? { mailFrom: c.from_addr } : {}), ...(c.to_addrs !== null ? { rcpt: c.to_addrs } : {}) });
    const sent = parseHeaderBlock(stripBcc(raw)).fields.map((f): [string, string] => [f.name, f.value]);
    return { mail_from: env.mailFrom, rcpt_to: env.rcptTo, smtputf8: env.smtputf8Needed, headers_sent: sent };
  } catch (err) {
    return errorOutcome(err);
  }
}

conformance('smtplib.SMTP.send_message envelope and Bcc stripping', load<EnvelopeCase>('smtp-message-envelope.json'), (c) => ({
  input: { raw: c.raw, from_addr: c.from_addr, to_addrs: c.to_addrs },
  expected: c.expected,
  actual: netkitSend(c),
}));
