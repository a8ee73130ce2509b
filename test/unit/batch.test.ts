// The batch helper's line reader and the buffered writer's backpressure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { MAX_LINE, readLines } from '../../src/cli/batch.js';
import { BufferedWriter } from '../../src/cli/writer.js';

async function lines(chunks: string[]): Promise<Array<string | null>> {
  const all: Array<string | null> = [];
  for await (const batch of readLines(Readable.from(chunks.map((c) => Buffer.from(c))))) all.push(...batch);
  return all;
}

test('lines split across chunks, CRLF trimmed, last line without newline kept', async () => {
  assert.deepEqual(await lines(['ab', 'c\r\nd', 'e\n\nf']), ['abc', 'de', '', 'f']);
});

test('a multi-byte character split between chunks survives', async () => {
  const bytes = Buffer.from('é\n');
  const all: Array<string | null> = [];
  for await (const batch of readLines(Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]))) all.push(...batch);
  assert.deepEqual(all, ['é']);
});

test('an over-long line becomes one null and is skipped, the next line is read', async () => {
  const long = 'x'.repeat(MAX_LINE + 10);
  const chunks = [];
  for (let i = 0; i < long.length; i += 65536) chunks.push(long.slice(i, i + 65536));
  assert.deepEqual(await lines([...chunks, '\nok\n']), [null, 'ok']);
  assert.deepEqual(await lines(['y'.repeat(MAX_LINE + 1) + '\nnext\n']), [null, 'next']);
});

test('BufferedWriter waits for drain when the stream pushes back', async () => {
  const written: string[] = [];
  let release: (() => void) | undefined;
  const slow = new Writable({
    highWaterMark: 10,
    write(chunk: Buffer, _enc, cb) {
      written.push(chunk.toString());
      release = cb;
    },
  });
  const w = new BufferedWriter(() => slow, 4);
  w.write('hello world');
  assert.equal(w.full, true);
  const drained = w.drain();
  release!();
  await drained;
  assert.equal(w.full, false);
  assert.deepEqual(written, ['hello world']);
});

test('BufferedWriter mixes text and bytes in order', async () => {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(Buffer.from(chunk));
      cb();
    },
  });
  const w = new BufferedWriter(() => sink);
  w.write('a');
  w.write(new TextEncoder().encode('b'));
  w.write('c');
  await w.flush();
  assert.equal(Buffer.concat(parts).toString(), 'abc');
});

test('BufferedWriter stops quietly when the reader goes away (EPIPE)', async () => {
  const sink = new Writable({
    write(_chunk, _enc, cb) {
      const err = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      cb(err);
    },
  });
  const w = new BufferedWriter(() => sink, 0);
  w.write('x');
  await new Promise((r) => setImmediate(r));
  assert.equal(w.closed, true);
  w.write('y');
  await w.flush();
});

test('a quick handler takes lines as bytes; the rest arrive decoded', async () => {
  const { eachOperand } = await import('../../src/cli/batch.js');
  const { Context } = await import('../../src/cli/context.js');
  const { PassThrough } = await import('node:stream');
  const stdin = Readable.from([Buffer.from('12\nab\r\n'), Buffer.from('\n34\nc')]) as Readable & { isTTY?: boolean };
  const ctx = new Context({ stdin, stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: '/' });
  const quick: string[] = [];
  const slow: string[] = [];
  const summary = await eachOperand(ctx, [], 'X', (text) => slow.push(text), (bytes, start, end) => {
    const text = Buffer.from(bytes.subarray(start, end)).toString();
    if (!/^\d+$/.test(text)) return false;
    quick.push(text);
    return true;
  });
  assert.deepEqual(quick, ['12', '34']);
  assert.deepEqual(slow, ['ab', 'c']);
  assert.deepEqual(summary, { done: 4, failed: 0 });
});
