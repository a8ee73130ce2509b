// core/line-reader.ts and readDotBlock's caps: Python's readline(limit) semantics, skipping
// an over-long line, bounded waits, detach() for STARTTLS, and dot blocks that stay in
// sync with the peer when a line or the whole block is too big.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { LineReader } from '../../src/protocols/core/line-reader.js';
import { readDotBlock } from '../../src/protocols/core/dot.js';

function pair(timeoutMs = 2000): { stream: PassThrough; reader: LineReader } {
  const stream = new PassThrough();
  return { stream, reader: new LineReader(stream as unknown as Socket, timeoutMs) };
}

test('readLine(limit) is readline(limit): whole lines, cut lines, the rest at EOF, then empty', async () => {
  const { stream, reader } = pair();
  stream.write('250-first\r\n250 sec');
  stream.write('ond\r\n0123456789abcdef\r\ntail');
  stream.end();
  assert.equal((await reader.readLine(100)).toString(), '250-first\r\n');
  assert.equal((await reader.readLine(100)).toString(), '250 second\r\n');
  assert.equal((await reader.readLine(8)).toString(), '01234567');
  await reader.discardLine();
  assert.equal((await reader.readLine(100)).toString(), 'tail');
  assert.equal((await reader.readLine(100)).length, 0);
  assert.equal(reader.atEOF, true);
});

test('a silent peer times out with socket.timeout', async () => {
  const { reader } = pair(50);
  await assert.rejects(reader.readLine(10), { name: 'TimeoutError', message: 'timed out', kind: 'network' });
});

test('detach() hands back what was received and not read (bytes sent before a TLS handshake)', async () => {
  const { stream, reader } = pair();
  stream.write('220 go ahead\r\nINJECTED\r\n');
  assert.equal((await reader.readLine(100)).toString(), '220 go ahead\r\n');
  assert.equal(reader.detach().toString(), 'INJECTED\r\n');
  assert.equal(reader.detach().length, 0);
});

test('readDotBlock: an over-long line is cut and flagged, a too-big block is drained, and the reader stays in sync', async () => {
  const { stream, reader } = pair();
  stream.write(`short\r\n${'x'.repeat(50)}\r\nafter\r\n.\r\n`);
  stream.write(`${'y'.repeat(30)}\r\n${'z'.repeat(30)}\r\n.\r\nNEXT\r\n`);
  const first = await readDotBlock(reader, { maxLine: 20, maxBytes: 1000 });
  assert.equal(first.lineTooLong, true);
  assert.equal(first.tooBig, false);
  assert.deepEqual(first.lines.map(String), ['short\r\n', `${'x'.repeat(20)}\r\n`, 'after\r\n']);
  const second = await readDotBlock(reader, { maxLine: 100, maxBytes: 40 });
  assert.equal(second.tooBig, true);
  assert.equal(second.size, 64);
  assert.equal((await reader.readLine(100)).toString(), 'NEXT\r\n');
});

test('readDotBlock: only CRLF "." CRLF ends a block; a bare-LF dot line neither ends nor unstuffs (no smuggling)', async () => {
  const { stream, reader } = pair();
  stream.write('a\n.\r\nMAIL FROM:<x@y>\r\n..kept\r\n.\r\n');
  const block = await readDotBlock(reader, { maxLine: 100, maxBytes: 1000 });
  assert.deepEqual(block.lines.map(String), ['a\n', '.\r\n', 'MAIL FROM:<x@y>\r\n', '.kept\r\n']);
});

test('readDotBlock: the peer closing before the terminator is reported as truncated', async () => {
  const { stream, reader } = pair();
  stream.end('partial line\r\nno end');
  const block = await readDotBlock(reader, { maxLine: 100, maxBytes: 1000 });
  assert.equal(block.truncated, true);
});
