// writeTarget and writeSmallFileSync (--port-file, --tls-cert-out): a regular file replaced
// through a rename, a symlink followed and kept, a FIFO or device written in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSmallFileSync, writeTarget } from '../../src/cli/write-target.js';
import { readFifoWhile } from '../helpers/fifo.js';

test('writeTarget: new names and regular files go through a rename, symlinks resolved; devices and FIFOs in place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-target-'));
  try {
    writeFileSync(join(dir, 'real'), 'x');
    symlinkSync('real', join(dir, 'link'));
    assert.equal(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
    assert.deepEqual(writeTarget(join(dir, 'new')), { path: join(dir, 'new'), inPlace: false });
    assert.deepEqual(writeTarget(join(dir, 'real')), { path: join(dir, 'real'), inPlace: false });
    assert.deepEqual(writeTarget(join(dir, 'link')), { path: join(dir, 'real'), inPlace: false });
    assert.deepEqual(writeTarget(join(dir, 'fifo')), { path: join(dir, 'fifo'), inPlace: true });
    assert.deepEqual(writeTarget('/dev/null'), { path: '/dev/null', inPlace: true });
    assert.deepEqual(writeTarget(dir), { path: dir, inPlace: false });
    // A descriptor's name is written in place whatever is behind it (a file, for stdout > f).
    for (const name of ['/dev/stdout', '/dev/stderr', '/dev/fd/1', '/proc/self/fd/1', '/proc/123/fd/4']) assert.equal(writeTarget(name).inPlace, true, name);
    assert.equal(writeTarget('/dev/shm/netkit-not-there').inPlace, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeSmallFileSync: a symlink keeps pointing at the new text; a FIFO is fed, not replaced', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-target-'));
  try {
    writeFileSync(join(dir, 'real'), 'old');
    symlinkSync('real', join(dir, 'link'));
    writeSmallFileSync(join(dir, 'link'), '8080\n');
    assert.ok(lstatSync(join(dir, 'link')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real'), 'utf8'), '8080\n');
    assert.equal(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
    assert.equal(await readFifoWhile(join(dir, 'fifo'), () => writeSmallFileSync(join(dir, 'fifo'), '9090\n')), '9090\n');
    assert.ok(statSync(join(dir, 'fifo')).isFIFO());
    assert.deepEqual(readdirSync(dir).sort(), ['fifo', 'link', 'real']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
