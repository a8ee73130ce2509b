// The http verbs and `url retrieve` as a real process (runProcess, what bin/netkit runs):
// a failed delivery ends the process although the server keeps the connection open, and
// Ctrl-C or SIGTERM mid-download removes the hidden temporary file but keeps -C's FILE.part;
// -o /dev/stdout writes the file behind stdout in place.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ok, startFakeHTTPServer, type FakeHTTPServer } from '../fakes/http-server.js';
import { bounded } from '../helpers/bounded.js';

/** A spawned netkit (tsx compiling the sources) gets longer than an in-process wait. */
const SPAWN_WAIT_MS = 20_000;
const waitFor = <T>(p: Promise<T>, what: string): Promise<T> => bounded(p, what, SPAWN_WAIT_MS);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUN = new URL('../../src/cli/run.ts', import.meta.url).href;

interface Child {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

const children = new Set<ChildProcess>();

// A netkit that did not exit in time (the bug these tests catch) does not outlive its test.
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/** netkit from source in its own process, working in `cwd` (tsx resolves from the repository). */
function netkit(args: string[], cwd: string, stdout: 'ignore' | number = 'ignore'): Child {
  const script = `process.argv.splice(1, process.argv.length, 'netkit', ...${JSON.stringify(args)}); process.chdir(${JSON.stringify(cwd)}); (await import(${JSON.stringify(RUN)})).runProcess();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', stdout, 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exit, stderr: () => stderr };
}

/** Resolves once `ready()` holds for the files of `dir`, checked on every change there. */
function whenFiles(dir: string, ready: (names: string[]) => boolean, what: string): Promise<void> {
  let watcher: ReturnType<typeof watch> | undefined;
  return waitFor(
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (!ready(readdirSync(dir))) return;
        watcher?.close();
        resolve();
      };
      watcher = watch(dir, check);
      check();
    }),
    what,
  ).finally(() => watcher?.close());
}

const sizeOf = (dir: string, name: string): number => {
  try {
    return statSync(join(dir, name)).size;
  } catch {
    return 0;
  }
};

/** A server that sends the head and the first KiB of a 1 MiB body, then nothing: the download hangs there. */
function slowServer(headers = ''): Promise<FakeHTTPServer> {
  return startFakeHTTPServer({ send: Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\n${headers}\r\n`), Buffer.alloc(1024, 'a')]) });
}

test('a delivery that fails after the response arrived ends the process (the kept-alive socket is closed)', async () => {
  const server = await startFakeHTTPServer({ send: ok('hello') });
  const dir = mkdtempSync(join(tmpdir(), 'netkit-hang-'));
  try {
    const noName = netkit(['http', 'get', '-O', `${server.url}/`], dir);
    assert.deepEqual(await waitFor(noName.exit, 'http get -O to exit'), { code: 2, signal: null });
    assert.match(noName.stderr(), /has no file name; use -o FILE/);
    const badDir = netkit(['http', 'get', '-o', join(dir, 'missing', 'x'), `${server.url}/a`], dir);
    assert.deepEqual(await waitFor(badDir.exit, 'http get -o to exit'), { code: 1, signal: null });
    assert.match(badDir.stderr(), /No such file or directory/);
    // The server never closed a connection: the client did, every time.
    assert.equal(server.received.length, 2);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [label, args, signal, code] of [
  ['http get -o, SIGINT', ['http', 'get', '-o', 'out.bin'], 'SIGINT', 130],
  ['http get -o, SIGTERM', ['http', 'get', '-o', 'out.bin'], 'SIGTERM', 143],
  ['http get -O (Content-Disposition), SIGINT', ['http', 'get', '-O'], 'SIGINT', 130],
  ['url retrieve, SIGINT', ['url', 'retrieve'], 'SIGINT', 130],
] as const) {
  test(`interrupted download (${label}): exit ${code}, no temporary file left`, async () => {
    const server = await slowServer('Content-Disposition: attachment; filename="named.bin"\r\n');
    const dir = mkdtempSync(join(tmpdir(), 'netkit-interrupt-'));
    try {
      const url = `${server.url}/files/out.bin`;
      const run = netkit([...args, url], dir);
      await whenFiles(dir, (names) => names.some((n) => n.endsWith('.tmp') && sizeOf(dir, n) >= 1024), 'the first KiB in the temporary file');
      assert.match(readdirSync(dir)[0]!, /^\.(out|named)\.bin\.\d+\..+\.tmp$/);
      run.child.kill(signal);
      assert.deepEqual(await waitFor(run.exit, 'netkit to exit'), { code, signal: null });
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('interrupted -C download: exit 130, FILE.part kept with what arrived, for the next -C', async () => {
  const server = await slowServer();
  const dir = mkdtempSync(join(tmpdir(), 'netkit-interrupt-'));
  try {
    const run = netkit(['http', 'get', '-C', '-o', 'big.bin', `${server.url}/big.bin`], dir);
    await whenFiles(dir, (names) => names.includes('big.bin.part') && sizeOf(dir, 'big.bin.part') >= 1024, 'the first KiB in big.bin.part');
    run.child.kill('SIGINT');
    assert.deepEqual(await waitFor(run.exit, 'netkit to exit'), { code: 130, signal: null });
    assert.deepEqual(readdirSync(dir), ['big.bin.part']);
    assert.equal(sizeOf(dir, 'big.bin.part'), 1024);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('-o /dev/stdout and url retrieve URL /dev/stdout write the file behind stdout in place', async () => {
  const server = await startFakeHTTPServer((req) => ({ send: ok(`body of ${req.target}\n`) }));
  const dir = mkdtempSync(join(tmpdir(), 'netkit-stdout-'));
  try {
    for (const args of [['http', 'get', '-o', '/dev/stdout', `${server.url}/a`], ['url', 'retrieve', `${server.url}/b`, '/dev/stdout']]) {
      const out = openSync(join(dir, 'out'), 'w');
      const inode = statSync(join(dir, 'out')).ino;
      const run = netkit(args, dir, out);
      closeSync(out);
      assert.deepEqual(await waitFor(run.exit, `${args.join(' ')} to exit`), { code: 0, signal: null }, run.stderr());
      assert.equal(statSync(join(dir, 'out')).ino, inode, 'the same file, not a new one renamed over it');
      // url retrieve also prints its report to stdout, at the descriptor's own offset.
      if (args[0] === 'http') assert.equal(readFileSync(join(dir, 'out'), 'utf8'), 'body of /a\n');
      assert.deepEqual(readdirSync(dir), ['out']);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
