// summarizeMessage: decoded headers, addresses, per-part sizes and SHA-256 (attachments
// round-trip from composeMessage byte for byte), and its limits on hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { composeMessage, MAX_HEADER_FIELDS, MessageFormatError, summarizeMessage } from '../../src/protocols/smtp/message/index.js';

const sha = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

test('compose -> summarize: attachment bytes, names, types and addresses survive', async () => {
  const blob = randomBytes(70_000);
  const spec = {
    from: 'Jörg Müller <jörg@exämple.de>',
    to: ['a@example.org', '"Q, R" <q@example.org>'],
    subject: 'Grüße — résumé',
    text: 'héllo\n',
    attachments: [
      { content: blob, filename: 'blob.bin', contentType: 'application/octet-stream' },
      { content: 'plain text attachment\r\n', filename: 'notes.txt', contentType: 'text/plain' },
      { content: Buffer.from('ünïcödé name'), filename: 'dätä ü.dat' },
    ],
    messageId: '<id@example.org>',
  };
  const raw = await composeMessage(spec);
  const s = await summarizeMessage(raw);
  assert.equal(s.subject, spec.subject);
  assert.equal(s.from, 'Jörg Müller <jörg@exämple.de>');
  assert.deepEqual(s.to, ['a@example.org', '"Q, R" <q@example.org>']);
  assert.equal(s.message_id, '<id@example.org>');
  assert.equal(s.size, raw.length);
  assert.equal(s.sha256, sha(raw));
  // the text body as postal-mime decodes it (LF line ends)
  assert.equal(s.parts[0]!.content_type, 'text/plain');
  assert.match(s.parts[0]!.sha256, /^[0-9a-f]{64}$/);
  const atts = s.parts.slice(1);
  assert.deepEqual(atts.map((p) => [p.filename, p.content_type, p.disposition, p.size, p.sha256]), [
    ['blob.bin', 'application/octet-stream', 'attachment', blob.length, sha(blob)],
    ['notes.txt', 'text/plain', 'attachment', 23, sha('plain text attachment\r\n')],
    ['dätä ü.dat', 'application/octet-stream', 'attachment', Buffer.byteLength('ünïcödé name'), sha('ünïcödé name')],
  ]);
  const subject = s.headers.find(([n]) => n === 'Subject');
  assert.deepEqual(subject, ['Subject', spec.subject]);
  assert.ok(!s.headers.some(([n]) => /bcc/i.test(n)));
});

test('a bare message: nulls, empty lists, snake_case keys', async () => {
  const s = await summarizeMessage(Buffer.from('X-Only: 1\r\n\r\n'));
  assert.deepEqual(Object.keys(s), ['headers', 'subject', 'from', 'to', 'message_id', 'date', 'parts', 'size', 'sha256']);
  assert.deepEqual([s.subject, s.from, s.to, s.message_id, s.date], [null, null, [], null, null]);
});

test('huge header blocks and field counts are refused', async () => {
  await assert.rejects(summarizeMessage(Buffer.from('X-A: 1\r\n'.repeat(MAX_HEADER_FIELDS + 1) + '\r\n')), (err: unknown) => err instanceof MessageFormatError && err.code === 'ERR_HEADER_LIMIT');
  await assert.rejects(summarizeMessage(Buffer.from(`X-Long: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\n`)), MessageFormatError);
});

test('deep message/rfc822 nesting is bounded and garbage does not throw', async () => {
  let m = 'Subject: leaf\r\n\r\nleaf\r\n';
  for (let i = 0; i < 60; i++) m = `Content-Type: message/rfc822\r\n\r\n${m}`;
  const s = await summarizeMessage(Buffer.from(m)).catch((err: unknown) => err);
  assert.ok(s instanceof MessageFormatError || (typeof s === 'object' && s !== null && 'parts' in s));
  const junk = await summarizeMessage(randomBytes(4096));
  assert.equal(junk.size, 4096);
});
