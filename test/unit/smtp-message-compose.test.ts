// composeMessage: CRLF output, Bcc left out, Date/Message-ID added, header injection and
// bad field names refused with Python's ValueError wording, attachments read from files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeMessage, envelopeOf, HeaderValueError, MessageComposeError, stripBcc } from '../../src/protocols/smtp/message/index.js';
import { parseHeaderBlock } from '../../src/protocols/smtp/message/raw-headers.js';

const base = { from: 'Alice <alice@example.com>', to: ['bob@example.org'] };

function fieldNames(raw: Buffer): string[] {
  return parseHeaderBlock(raw).fields.map((f) => f.name.toLowerCase());
}

test('every line ends in CRLF, no bare CR or LF', async () => {
  const raw = await composeMessage({ ...base, subject: 's', text: 'one\ntwo\r\nthree\rfour\n', html: '<p>x</p>\n' });
  const text = raw.toString('latin1');
  assert.ok(text.endsWith('\r\n'));
  assert.doesNotMatch(text, /[^\r]\n/);
  assert.doesNotMatch(text, /\r(?!\n)/);
});

test('Bcc and Resent-Bcc are not in the output; keepBcc keeps Bcc for envelopeOf', async () => {
  const spec = { ...base, cc: ['carol@example.net'], bcc: ['hidden@example.com'], headers: [['Resent-Bcc', 'rb@example.com'], ['X-Tag', 'v']] as [string, string][] };
  const raw = await composeMessage(spec);
  assert.doesNotMatch(raw.toString('latin1'), /hidden@|rb@|^bcc:/im);
  assert.ok(fieldNames(raw).includes('x-tag'));
  const kept = await composeMessage(spec, { keepBcc: true });
  assert.ok(fieldNames(kept).includes('bcc'));
  assert.deepEqual(envelopeOf(kept).rcptTo, ['bob@example.org', 'hidden@example.com', 'carol@example.net']);
  assert.doesNotMatch(stripBcc(kept).toString('latin1'), /hidden@/);
});

test('Date and Message-ID are added when absent, kept when given', async () => {
  const raw = await composeMessage(base);
  const block = parseHeaderBlock(raw);
  const get = (n: string) => block.fields.find((f) => f.name.toLowerCase() === n)?.value;
  assert.match(get('date')!, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}$/);
  assert.match(get('message-id')!, /^<\d+\.\d+\.\d+@[^>]+>$/);
  const given = parseHeaderBlock(await composeMessage({ ...base, date: new Date(Date.UTC(2030, 0, 2, 3, 4, 5)), messageId: '<fixed@id>' }));
  assert.equal(given.fields.find((f) => f.name === 'Date')?.value, 'Wed, 02 Jan 2030 03:04:05 +0000');
  assert.equal(given.fields.find((f) => f.name === 'Message-ID')?.value, '<fixed@id>');
});

const INJECTIONS: [string, (v: string) => object][] = [
  ['subject', (v) => ({ ...base, subject: v })],
  ['from', (v) => ({ ...base, from: v })],
  ['to', (v) => ({ ...base, to: ['ok@x', v] })],
  ['cc', (v) => ({ ...base, cc: [v] })],
  ['bcc', (v) => ({ ...base, bcc: [v] })],
  ['replyTo', (v) => ({ ...base, replyTo: v })],
  ['messageId', (v) => ({ ...base, messageId: v })],
  ['date', (v) => ({ ...base, date: v })],
  ['header value', (v) => ({ ...base, headers: [['X-A', v]] })],
  ['attachment filename', (v) => ({ ...base, attachments: [{ content: 'x', filename: v }] })],
  ['attachment type', (v) => ({ ...base, attachments: [{ content: 'x', contentType: v }] })],
];

for (const [where, make] of INJECTIONS) {
  for (const bad of ['a\r\nBcc: evil@x', 'a\nRCPT TO:<evil@x>', 'a\rb', 'a\u2028b', 'a\vb', 'a\x85b', 'trailing\n']) {
    test(`refuses ${JSON.stringify(bad)} in the ${where}`, async () => {
      await assert.rejects(composeMessage(make(bad) as never), (err: unknown) => {
        assert.ok(err instanceof HeaderValueError);
        assert.equal(err.name, 'ValueError');
        assert.equal(err.python, 'ValueError');
        assert.equal(err.message, 'Header values may not contain linefeed or carriage return characters');
        return true;
      });
    });
  }
  test(`refuses NUL in the ${where}`, async () => {
    await assert.rejects(composeMessage(make('a\0b') as never), { name: 'ValueError', message: 'Header values may not contain NUL characters' });
  });
}

for (const name of ['Bad Name', 'X:Y', '', 'Ünï', 'X\r\nBcc', 'Tab\there', 'X\x7f']) {
  test(`refuses the header name ${JSON.stringify(name)}`, async () => {
    await assert.rejects(composeMessage({ ...base, headers: [[name, 'v']] }), (err: unknown) => err instanceof HeaderValueError && err.message.startsWith('Invalid header name ') && err.code === 'ERR_HEADER_NAME');
  });
}

test('non-ASCII addresses stay UTF-8 (for SMTPUTF8) and the envelope says so', async () => {
  const raw = await composeMessage({ from: 'Jörg <jörg@exämple.de>', to: ['用户@例子.广告'], subject: 'Grüße' });
  const env = envelopeOf(raw);
  assert.equal(env.mailFrom, 'jörg@exämple.de');
  assert.deepEqual(env.rcptTo, ['用户@例子.广告']);
  assert.equal(env.smtputf8Needed, true);
  assert.equal(env.eightBit, true);
  assert.match(raw.toString('latin1'), /^Subject: =\?UTF-8\?Q\?Gr=C3=BC=C3=9Fe\?=\r$/m);
});

test('ASCII message: no SMTPUTF8, no 8-bit', async () => {
  const env = envelopeOf(await composeMessage({ ...base, text: 'plain' }));
  assert.deepEqual(env, { mailFrom: 'alice@example.com', rcptTo: ['bob@example.org'], smtputf8Needed: false, eightBit: false });
});

test('attachments from a path; unreadable paths and URLs fail with MessageComposeError', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-compose-'));
  try {
    const file = join(dir, 'data.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 3, 254, 255]));
    const raw = await composeMessage({ ...base, attachments: [{ path: file }] });
    assert.match(raw.toString('latin1'), /filename=data\.bin/);
    await assert.rejects(composeMessage({ ...base, attachments: [{ path: join(dir, 'missing') }] }), MessageComposeError);
    await assert.rejects(composeMessage({ ...base, attachments: [{ path: 'http://127.0.0.1:9/x' }] }), MessageComposeError);
    await assert.rejects(composeMessage({ ...base, attachments: [{}] }), MessageComposeError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
