// BufferedWriter over the process's own descriptor: a regular file or /dev/null is written
// with writeSync and its stream never built; a FIFO (or anything else) keeps the stream,
// built at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { BufferedWriter } from '../../src/cli/writer.js';

const unbuilt = (): never => {
  throw new Error('the stream was built');
};

test('a file descriptor is written directly, in order, lent pieces included; the stream is never built', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-writer-'));
  const fd = openSync(join(dir, 'out'), 'w');
  try {
    const w = new BufferedWriter(unbuilt, 4, true, fd);
    assert.equal(w.isTTY, false);
    w.write('ab');
    w.write(Buffer.from('cdef'));
    assert.equal(w.writeLent(Buffer.alloc(5000, 'x')), undefined);
    w.write('é\n');
    await w.flush();
    assert.equal(readFileSync(join(dir, 'out'), 'utf8'), `abcdef${'x'.repeat(5000)}é\n`);
    const devNull = openSync('/dev/null', 'w');
    const n = new BufferedWriter(unbuilt, 0, false, devNull);
    n.write('gone');
    await n.flush();
    closeSync(devNull);
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a FIFO keeps the stream: built at once (its error listener set), and given the bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-writer-'));
  assert.equal(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
  // Read-write, so the open does not wait for a reader.
  const fd = openSync(join(dir, 'fifo'), 'r+');
  try {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    let built = 0;
    const w = new BufferedWriter(() => (built++, sink), 0, false, fd);
    assert.equal(built, 1);
    assert.equal(sink.listenerCount('error'), 1);
    w.write('to the stream');
    await w.flush();
    assert.equal(built, 1);
    assert.equal(Buffer.concat(chunks).toString(), 'to the stream');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
});
