// Core's line-protocol helpers against CPython 3.11 (fixtures from generate.py): smtplib's
// _fix_eols and data() framing (fixEols, dotStuff), smtpd's DATA decoding of the same
// bytes read back through LineReader + readDotBlock, and smtplib's SASL answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { dotStuff, fixEols, readDotBlock } from '../../../src/protocols/core/dot.js';
import { LineReader } from '../../../src/protocols/core/line-reader.js';
import { clientMechanism } from '../../../src/protocols/core/sasl.js';

interface DotCase { message: string; fixed: string; data: string; smtpd: string; raw_data: string; raw_smtpd: string }
interface SaslCase { user: string; password: string; challenge: string; plain: string; cram_md5: string }

const load = <T>(name: string): T[] => (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: T[] }).cases;
const dot = load<DotCase>('dot.json');
const sasl = load<SaslCase>('sasl.json');
const hex = (b: Buffer): string => b.toString('hex');

/** What smtpd's DebuggingServer gets for a DATA block, read through LineReader + readDotBlock. */
async function decode(block: Buffer): Promise<Buffer> {
  const stream = new PassThrough();
  const reader = new LineReader(stream as unknown as Socket, 2000);
  // Two writes split mid-block, so lines also arrive across chunk boundaries.
  const cut = Math.floor(block.length / 2);
  stream.write(block.subarray(0, cut));
  stream.write(block.subarray(cut));
  stream.end();
  const got = await readDotBlock(reader, { maxLine: 1 << 20, maxBytes: 1 << 20 });
  assert.equal(got.truncated, false);
  assert.equal(reader.buffered, 0, 'the reader stops right after the terminator');
  let body = Buffer.concat(got.lines);
  if (body.subarray(-2).equals(Buffer.from('\r\n'))) body = body.subarray(0, -2);
  return Buffer.from(body.toString('latin1').split('\r\n').join('\n'), 'latin1');
}

test(`fixEols and dotStuff match smtplib on ${dot.length} messages`, () => {
  for (const c of dot) {
    const message = Buffer.from(c.message, 'hex');
    const fixed = fixEols(message);
    assert.equal(hex(fixed), c.fixed, `fix_eols(${c.message})`);
    assert.equal(hex(dotStuff(fixed)), c.data, `data(${c.fixed})`);
    assert.equal(hex(dotStuff(message)), c.raw_data, `data(raw ${c.message})`);
  }
});

test(`readDotBlock unstuffs as smtpd does (${dot.length * 2} blocks)`, async () => {
  for (const c of dot) {
    assert.equal(hex(await decode(Buffer.from(c.data, 'hex'))), c.smtpd, `decode(${c.data})`);
    assert.equal(hex(await decode(Buffer.from(c.raw_data, 'hex'))), c.raw_smtpd, `decode(raw ${c.raw_data})`);
  }
});

test(`SASL answers match smtplib's auth_plain / auth_login / auth_cram_md5 (${sasl.length} cases)`, () => {
  for (const c of sasl) {
    const creds = { user: c.user, password: c.password };
    assert.equal(clientMechanism('PLAIN', creds)(undefined, 0), c.plain);
    const login = clientMechanism('LOGIN', creds);
    assert.equal(login(undefined, 0), c.user);
    assert.equal(login(Buffer.from('Username:'), 1), c.user);
    assert.equal(login(Buffer.from('Password:'), 2), c.password);
    const cram = clientMechanism('CRAM-MD5', creds);
    assert.equal(cram(undefined, 0), undefined);
    assert.equal(cram(Buffer.from(c.challenge, 'hex'), 1), c.cram_md5);
  }
});
