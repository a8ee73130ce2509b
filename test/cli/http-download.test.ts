// CLI goldens for downloads with the http verbs and `url retrieve`: -O's names from
// Content-Disposition (filename literal, filename* decoded and preferred, no directories or
// dotfiles, never replacing a file), no size cap on streamed bodies but --max-filesize, and
// several URLs: every one tried, the last failure's exit code; a FIFO or device written in
// place and a symlink followed, never replaced by the rename.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { ok, startFakeHTTPServer } from '../fakes/http-server.js';
import { freePort } from '../peers/daemon.js';
import { readFifoWhile } from '../helpers/fifo.js';

const DISPOSITIONS: Record<string, string> = {
  '/pct': 'attachment; filename="100%.txt"',
  '/both': `attachment; filename="EURO rates.txt"; filename*=utf-8''%e2%82%ac%20rates.txt`,
  '/latin': `attachment; filename*=iso-8859-1''%A3%20rates.txt`,
  '/dot': 'attachment; filename=".bashrc"',
  '/path': 'attachment; filename="../../evil.txt"',
  '/dots/fallback.txt': 'attachment; filename=".."',
  '/exists': 'attachment; filename="keep.txt"',
  '/c/resumed.txt': 'attachment; filename="other.txt"',
};

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netkit-download-'));
}

test('-O names the file from Content-Disposition: filename literal, filename* decoded and preferred', async () => {
  const server = await startFakeHTTPServer((req) => {
    const cd = DISPOSITIONS[req.target];
    return { send: ok(`body of ${req.target}`, cd ? { 'Content-Disposition': cd } : {}) };
  });
  const dir = tempDir();
  try {
    for (const path of ['/pct', '/both', '/latin', '/dot', '/path', '/dots/fallback.txt']) {
      const r = await runCli(['http', 'get', '-O', `${server.url}${path}`], { cwd: dir });
      assert.equal(r.code, 0, `${path}: ${r.stderr}`);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['100%.txt', 'bashrc', 'evil.txt', 'fallback.txt', '£ rates.txt', '€ rates.txt'].sort());
    assert.equal(readFileSync(join(dir, '€ rates.txt'), 'utf8'), 'body of /both');
    assert.equal(readFileSync(join(dir, 'bashrc'), 'utf8'), 'body of /dot');
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-O never replaces a file with a name the server chose; a name from the URL does', async () => {
  const server = await startFakeHTTPServer((req) => {
    const cd = DISPOSITIONS[req.target];
    return { send: ok('new', cd ? { 'Content-Disposition': cd } : {}) };
  });
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = await runCli(['http', 'get', '-O', `${server.url}/exists`], { cwd: dir });
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: 'netkit: http get: -O: refusing to overwrite keep.txt, the name Content-Disposition gave; remove it or use -o FILE\n',
    });
    assert.equal(readFileSync(join(dir, 'keep.txt'), 'utf8'), 'mine');
    writeFileSync(join(dir, 'plain.txt'), 'old');
    assert.equal((await runCli(['http', 'get', '-O', `${server.url}/files/plain.txt`], { cwd: dir })).code, 0);
    assert.equal(readFileSync(join(dir, 'plain.txt'), 'utf8'), 'new');
    assert.deepEqual(readdirSync(dir).sort(), ['keep.txt', 'plain.txt']);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-C -O names the file from the URL (the Range goes out before any Content-Disposition)', async () => {
  const server = await startFakeHTTPServer((req) => ({ send: ok('whole', { 'Content-Disposition': DISPOSITIONS[req.target]! }) }));
  const dir = tempDir();
  try {
    const r = await runCli(['http', 'get', '-C', '-O', `${server.url}/c/resumed.txt`], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(dir), ['resumed.txt']);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a streamed body has no size cap: a huge Content-Length is read, not refused', async () => {
  const huge = 3 * 1024 * 1024 * 1024;
  const server = await startFakeHTTPServer({
    send: Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${huge}\r\n\r\n`), Buffer.alloc(1024, 'x')]),
    close: true,
  });
  const dir = tempDir();
  try {
    const r = await runCli(['http', 'get', server.url]);
    assert.equal(r.stdout, 'x'.repeat(1024));
    assert.doesNotMatch(r.stderr, /exceeds the limit/);
    assert.match(r.stderr, /IncompleteRead\(1024 bytes read, 3221224448 more expected\)/);
    const open = await runCli(['url', 'open', server.url]);
    assert.equal(open.stdout, 'x'.repeat(1024));
    assert.match(open.stderr, /IncompleteRead\(1024 bytes read/);
    const retrieve = await runCli(['url', 'retrieve', server.url, 'big.bin'], { cwd: dir });
    assert.match(retrieve.stderr, /retrieval incomplete: got only 1024 out of 3221225472 bytes/);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-filesize refuses a Content-Length over it, and a body that grows past it; no file is left', async () => {
  const chunked = (n: number): string => `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${n.toString(16)}\r\n${'y'.repeat(n)}\r\n0\r\n\r\n`;
  const server = await startFakeHTTPServer((req) => ({ send: req.target === '/grows' ? chunked(500) : ok('z'.repeat(500)) }));
  const dir = tempDir();
  try {
    const announced = await runCli(['http', 'get', '--max-filesize', '100', '-o', 'a.bin', `${server.url}/fixed`], { cwd: dir });
    assert.deepEqual(announced, {
      code: 1,
      stdout: '',
      stderr: 'netkit: http get: maximum file size exceeded: the server announced 500 bytes (--max-filesize 100)\n',
    });
    const grows = await runCli(['http', 'get', '--max-filesize', '100', '-o', 'b.bin', `${server.url}/grows`], { cwd: dir });
    assert.deepEqual(grows, { code: 1, stdout: '', stderr: 'netkit: http get: maximum file size exceeded: more than 100 bytes arrived (--max-filesize 100)\n' });
    const toStdout = await runCli(['http', 'get', '--max-filesize', '100', `${server.url}/grows`]);
    assert.equal(toStdout.code, 1);
    const retrieve = await runCli(['url', 'retrieve', '--max-filesize', '100', `${server.url}/grows`, 'c.bin'], { cwd: dir });
    assert.deepEqual(retrieve, { code: 1, stdout: '', stderr: 'netkit: url retrieve: maximum file size exceeded: more than 100 bytes arrived (--max-filesize 100)\n' });
    const retrieveAnnounced = await runCli(['url', 'retrieve', '--max-filesize', '100', `${server.url}/fixed`, 'd.bin'], { cwd: dir });
    assert.equal(retrieveAnnounced.code, 1);
    assert.deepEqual(readdirSync(dir), []);
    const fits = await runCli(['http', 'get', '--max-filesize', '500', '-o', 'e.bin', `${server.url}/grows`], { cwd: dir });
    assert.equal(fits.code, 0, fits.stderr);
    assert.equal((await runCli(['url', 'retrieve', '--max-filesize', '500', `${server.url}/fixed`, 'f.bin'], { cwd: dir })).code, 0);
    assert.deepEqual(readdirSync(dir).sort(), ['e.bin', 'f.bin']);
    assert.equal((await runCli(['http', 'get', '--max-filesize', '10k', server.url])).code, 2);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('several URLs: every one is fetched, one error line per failure, the last failure is the exit code', async () => {
  const server = await startFakeHTTPServer((req) => ({ send: req.target === '/missing' ? ok('nope', {}, '404 Not Found') : ok(`${req.target}\n`) }));
  const refused = `http://127.0.0.1:${await freePort()}/`;
  try {
    const notFound = await runCli(['http', 'get', `${server.url}/missing`, `${server.url}/ok`]);
    assert.deepEqual(notFound, { code: 5, stdout: '/ok\n', stderr: 'netkit: http get: HTTP Error 404: Not Found\n' });
    assert.deepEqual(server.received.map((r) => r.target), ['/missing', '/ok']);
    const down = await runCli(['http', 'get', refused, `${server.url}/ok`]);
    assert.deepEqual(down, { code: 3, stdout: '/ok\n', stderr: 'netkit: http get: <urlopen error [Errno 111] Connection refused>\n' });
    const last = await runCli(['http', 'get', refused, `${server.url}/missing`, `${server.url}/ok`]);
    assert.equal(last.code, 5);
    assert.equal(last.stderr.split('\n').filter(Boolean).length, 2);
    const fromStdin = await runCli(['http', 'get'], { stdin: `${server.url}/missing\n${refused}\n${server.url}/ok\n` });
    assert.deepEqual([fromStdin.code, fromStdin.stdout], [3, '/ok\n']);
    const json = await runCli(['http', 'get', '--json', `${server.url}/missing`, refused, `${server.url}/ok`]);
    assert.equal(json.code, 3);
    assert.deepEqual(json.stdout.trim().split('\n').map((l) => JSON.parse(l).status), [404, 200]);
    assert.deepEqual(json.stderr.trim().split('\n').map((l) => JSON.parse(l).error.type), ['HTTPError', 'URLError']);
  } finally {
    await server.close();
  }
});

test('-o, -C -o and url retrieve write a FIFO or a device in place, and follow a symlink', async () => {
  const server = await startFakeHTTPServer((req) => ({ send: ok(`body of ${req.target}`, req.target === '/named' ? { 'Content-Disposition': 'attachment; filename="fifo"' } : {}) }));
  const dir = tempDir();
  try {
    assert.equal(spawnSync('mkfifo', [join(dir, 'fifo')]).status, 0);
    let r: Awaited<ReturnType<typeof runCli>> | undefined;
    const viaGet = await readFifoWhile(join(dir, 'fifo'), async () => (r = await runCli(['http', 'get', '-o', 'fifo', `${server.url}/a`], { cwd: dir })));
    assert.deepEqual([r?.code, viaGet], [0, 'body of /a']);
    const viaRetrieve = await readFifoWhile(join(dir, 'fifo'), async () => (r = await runCli(['url', 'retrieve', `${server.url}/b`, 'fifo'], { cwd: dir })));
    assert.deepEqual([r?.code, viaRetrieve], [0, 'body of /b']);
    assert.ok(statSync(join(dir, 'fifo')).isFIFO(), 'the FIFO is still a FIFO');
    // -O's rule holds for a FIFO too: a name the server chose never replaces (or feeds) it.
    const named = await runCli(['http', 'get', '-O', `${server.url}/named`], { cwd: dir });
    assert.equal(named.code, 1);
    assert.match(named.stderr, /refusing to overwrite fifo/);
    // A symlink: the file it names gets the body, the link stays.
    writeFileSync(join(dir, 'real.txt'), 'old');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    assert.equal((await runCli(['http', 'get', '-o', 'link.txt', `${server.url}/c`], { cwd: dir })).code, 0);
    assert.equal(readlinkSync(join(dir, 'link.txt')), 'real.txt');
    assert.equal(readFileSync(join(dir, 'real.txt'), 'utf8'), 'body of /c');
    assert.equal((await runCli(['http', 'get', '-C', '-o', 'link.txt', `${server.url}/d`], { cwd: dir })).code, 0);
    assert.ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'real.txt'), 'utf8'), 'body of /d');
    // /dev/null's own device numbers, made in the test's directory (root only: mknod).
    if (spawnSync('mknod', ['-m', '666', join(dir, 'null'), 'c', '1', '3']).status === 0) {
      for (const argv of [['http', 'get', '-o', 'null', `${server.url}/e`], ['http', 'get', '-C', '-o', 'null', `${server.url}/f`], ['url', 'retrieve', `${server.url}/g`, 'null']]) {
        assert.equal((await runCli(argv, { cwd: dir })).code, 0, argv.join(' '));
        assert.ok(statSync(join(dir, 'null')).isCharacterDevice(), `${argv.join(' ')} kept the device`);
      }
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp') || n.endsWith('.part')), []);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
