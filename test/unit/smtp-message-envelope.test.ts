// envelopeOf, stripBcc and parseAddressList on hand-picked cases: send_message's rules,
// Bcc removal byte for byte, 8-bit detection and netkit's header limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envelopeOf, MAX_HEADER_FIELDS, MessageFormatError, parseAddressList, PyIndexError, stripBcc } from '../../src/protocols/smtp/message/index.js';
import { PyValueError } from '../../src/protocols/core/errors.js';

const msg = (s: string): Buffer => Buffer.from(s, 'latin1');

test('Sender wins over From; RCPT TO is To, Bcc, Cc in that order', () => {
  const env = envelopeOf(msg('From: a@x\r\nSender: s@x\r\nCc: c@x\r\nBcc: b@x\r\nTo: t@x, "T 2" <t2@x>\r\n\r\nbody\r\n'));
  assert.deepEqual(env, { mailFrom: 's@x', rcptTo: ['t@x', 't2@x', 'b@x', 'c@x'], smtputf8Needed: false, eightBit: false });
});

test('one Resent-Date switches to the Resent- fields; two raise ValueError', () => {
  const env = envelopeOf(msg('From: a@x\r\nTo: t@x\r\nResent-Date: now\r\nResent-From: r@x\r\nResent-To: rt@x\r\nResent-Bcc: rb@x\r\n\r\n'));
  assert.deepEqual([env.mailFrom, env.rcptTo], ['r@x', ['rt@x', 'rb@x']]);
  assert.throws(() => envelopeOf(msg('Resent-Date: 1\r\nresent-date: 2\r\n\r\n')), (err: unknown) => err instanceof PyValueError && err.message === "message has more than one 'Resent-' header block");
});

test('overrides replace the header-derived addresses (but not the Resent- check)', () => {
  const env = envelopeOf(msg('From: a@x\r\nTo: t@x\r\n\r\n'), { mailFrom: 'env@x', rcpt: ['r@ü.de'] });
  assert.deepEqual(env, { mailFrom: 'env@x', rcptTo: ['r@ü.de'], smtputf8Needed: true, eightBit: false });
  assert.throws(() => envelopeOf(msg('Resent-Date: 1\r\nResent-Date: 2\r\n\r\n'), { mailFrom: 'a', rcpt: [] }), PyValueError);
});

test("Python's quirks: no From gives 'None', an empty From is IndexError", () => {
  assert.equal(envelopeOf(msg('To: t@x\r\n\r\n')).mailFrom, 'None');
  assert.throws(() => envelopeOf(msg('From: \r\nTo: t@x\r\n\r\n')), (err: unknown) => err instanceof PyIndexError && err.message === 'list index out of range');
});

test('8-bit addresses are UTF-8 (SMTPUTF8); bytes that are not UTF-8 become U+FFFD', () => {
  const env = envelopeOf(Buffer.concat([msg('From: '), Buffer.from('jörg@exämple.de'), msg('\r\nTo: bad\xff\xe4\xbe@x\r\n\r\n')]));
  assert.deepEqual([env.mailFrom, env.rcptTo, env.smtputf8Needed, env.eightBit], ['jörg@exämple.de', ['bad\ufffd\ufffd\ufffd@x'], true, true]);
});

test('eightBit looks at the body too, and not at a stripped Bcc', () => {
  assert.equal(envelopeOf(msg('From: a@x\r\nTo: t@x\r\n\r\ncaf\xc3\xa9\r\n')).eightBit, true);
  assert.equal(envelopeOf(msg('From: a@x\r\nTo: t@x\r\nBcc: J\xc3\xb6rg <j@x>\r\n\r\nascii\r\n')).eightBit, false);
});

test('stripBcc removes Bcc/Resent-Bcc with continuation lines and keeps every other byte', () => {
  const raw = msg('From: a@x\r\nBcc: s@x,\r\n  s2@x\r\n\ts3@x\r\nTo: t@x\r\nresent-BCC: r@x\r\nX-Bcc: keep\r\n\r\nBcc: in body\r\n');
  assert.equal(stripBcc(raw).toString('latin1'), 'From: a@x\r\nTo: t@x\r\nX-Bcc: keep\r\n\r\nBcc: in body\r\n');
  const plain = msg('From: a@x\r\nTo: t@x\r\n\r\nx');
  assert.equal(stripBcc(plain), plain);
});

test('stripBcc drops header-block lines Python never transmits (unix-from, orphans, nameless)', () => {
  const raw = msg('From x@y Thu Jan  1 00:00:00 1970\r\nFrom: a@x\r\nBcc: s@x\r\n: nameless\r\n orphan-secret@x\r\nTo: t@x\r\n\r\nbody\r\n');
  assert.equal(stripBcc(raw).toString('latin1'), 'From: a@x\r\nTo: t@x\r\n\r\nbody\r\n');
});

test('bare CR and LF line ends split header lines as Python does (no smuggled Bcc)', () => {
  assert.deepEqual(envelopeOf(msg('From: a@x\rTo: t@x\rBcc: hidden@x\r\rbody')).rcptTo, ['t@x', 'hidden@x']);
  assert.doesNotMatch(stripBcc(msg('From: a@x\nTo: t@x\rBcc: hidden@x\n\nbody')).toString('latin1'), /hidden/);
});

test('huge header counts are bounded', () => {
  const many = 'X-A: 1\r\n'.repeat(MAX_HEADER_FIELDS + 1);
  assert.throws(() => envelopeOf(msg(`From: a@x\r\n${many}\r\n`)), (err: unknown) => err instanceof MessageFormatError && err.code === 'ERR_HEADER_LIMIT');
  assert.throws(() => stripBcc(msg(`From: a@x\r\nX-Long: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\n`)), MessageFormatError);
  const t0 = Date.now();
  envelopeOf(msg('From: a@x\r\n' + 'X-A: 1\r\n'.repeat(MAX_HEADER_FIELDS - 1) + '\r\n'));
  assert.ok(Date.now() - t0 < 2000);
});

test('parseAddressList: groups, comments, routes, hostile input', () => {
  assert.deepEqual(parseAddressList('g: a@b, "C D" <c@d>;, e@f (Eve)'), [['', 'a@b'], ['C D', 'c@d'], ['Eve', 'e@f']]);
  assert.deepEqual(parseAddressList('<@r1:a@b>'), [['', 'a@b']]);
  // Python's answers, quirks included (checked against 3.11.7)
  assert.deepEqual(parseAddressList('<@r1,@r2:a@b>'), [['', ''], ['', '@r2'], ['', 'a@b']]);
  assert.deepEqual(parseAddressList('a@malicious.org@important.com'), [['', ''], ['', '@important.com']]);
  assert.deepEqual(parseAddressList(''), []);
  assert.deepEqual(parseAddressList('a@b\r\nBcc: c@d'), [['', 'a@b'], ['', 'c@d']]);
  const long = Array.from({ length: 5000 }, (_, i) => `u${i}@x`).join(', ');
  assert.equal(parseAddressList(long).length, 5000);
});
