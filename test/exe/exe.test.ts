// The single-file executables from `npm run build:exe`: linux-x64 runs here, linux-arm64
// under qemu-aarch64 when it is installed, and the Windows one is checked as a file (a PE
// image whose SEA fuse was flipped). Missing executables or qemu skip their tests, unless
// NETKIT_REQUIRE_PEERS=1, which turns every skip into a failure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const REQUIRE = process.env.NETKIT_REQUIRE_PEERS === '1';
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const ARM64_SYSROOT = '/usr/aarch64-linux-gnu';

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with optional stdin text; kills it after `timeout` ms. */
function run(argv: readonly string[], opts: { input?: string; timeout: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeout,
      env: opts.env ?? process.env,
      cwd: opts.cwd,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {}); // the program may exit before reading everything
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * A describe() that runs only when `missing` is undefined; otherwise it is skipped with
 * that reason, or, under NETKIT_REQUIRE_PEERS=1, fails with it.
 */
function suite(name: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) describe(name, body);
  else if (REQUIRE) describe(name, () => it('has what it needs', () => assert.fail(`${missing} (NETKIT_REQUIRE_PEERS=1)`)));
  else describe(name, () => it('has what it needs', { skip: missing }, () => {}));
}

function missingFile(path: string): string | undefined {
  return existsSync(path) ? undefined : `${path.slice(ROOT.length)} is missing: run npm run build:exe`;
}

/** The behaviour every runnable executable must have; `prefix` runs it (e.g. under qemu). */
function commonCases(prefix: readonly string[], timeout: number): void {
  const netkit = (args: readonly string[], input?: string, env?: NodeJS.ProcessEnv) => run([...prefix, ...args], { input, timeout, env });

  it('http status 404', async () => {
    const r = await netkit(['http', 'status', '404']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '404 Not Found - Nothing matches the given URI\n');
    assert.equal(r.code, 0);
  });

  it('uuid5 in the DNS namespace', async () => {
    const r = await netkit(['uuid', '-u', 'uuid5', '-n', '@dns', '-N', 'example.com']);
    assert.equal(r.stdout, 'cfbff0d1-9375-5685-968c-48ce8b15ae17\n');
    assert.equal(r.code, 0);
  });

  it('--version prints the package version', async () => {
    const r = await netkit(['--version']);
    assert.equal(r.stdout.trim(), VERSION);
    assert.equal(r.code, 0);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await netkit(['--no-such-option']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--no-such-option'/);
    assert.equal(r.stdout, '');
  });

  it('loads a library embedded as its own asset on first use: smtp send --dry-run composes with nodemailer', async () => {
    const r = await netkit(['smtp', 'send', '--dry-run', '--from', 'a@x.test', '--to', 'b@x.test', '--subject', 'vendor', '--body', 'hi']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Subject: vendor\r$/m);
  });

  it('reads stdin: uuid parse --json', async () => {
    const r = await netkit(['uuid', 'parse', '--json'], '6ba7b810-9dad-11d1-80b4-00c04fd430c8\n');
    assert.equal(r.code, 0, r.stderr);
    const parsed = JSON.parse(r.stdout);
    assert.equal(parsed.uuid, '6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    assert.equal(parsed.version, 1);
  });
}

// ---- linux-x64 -----------------------------------------------------------------------------

const X64 = join(DIST, 'netkit-linux-x64');
const hostIsX64Linux = process.platform === 'linux' && process.arch === 'x64';
suite('netkit-linux-x64', hostIsX64Linux ? missingFile(X64) : 'not a linux-x64 host', () => {
  commonCases([X64], 30_000);

  it('takes its embedded V8 code cache', async () => {
    const r = await run([X64, '--version'], { timeout: 30_000, env: { ...process.env, NETKIT_CHECK_CACHE: '1' } });
    assert.match(r.stderr, /code cache accepted/);
  });

  it('runs on its own, away from the sources and node_modules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netkit-exe-'));
    try {
      const copy = join(dir, 'netkit');
      copyFileSync(X64, copy);
      chmodSync(copy, 0o755);
      const r = await run([copy, 'http', 'status', '--json', '418'], { timeout: 30_000, cwd: dir, env: { PATH: '/usr/bin:/bin' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).phrase, "I'm a Teapot");
      // Its embedded assets too: chalk on a terminal (script(1)), compiled from the blob.
      const tty = spawnSync('script', ['-qec', `${copy} http status 200`, '/dev/null'], { cwd: dir, env: { PATH: '/usr/bin:/bin', TERM: 'xterm' }, encoding: 'utf8', timeout: 30_000 });
      assert.equal(tty.status, 0, tty.stderr);
      assert.match(tty.stdout, /\x1b\[32m200\x1b\[39m OK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- linux-arm64 under qemu ------------------------------------------------------------------

const ARM64 = join(DIST, 'netkit-linux-arm64');
function qemuMissing(): string | undefined {
  const qemu = spawnSync('qemu-aarch64', ['--version'], { stdio: 'ignore' });
  if (qemu.error || qemu.status !== 0) return 'qemu-aarch64 is not installed (Debian: qemu-user)';
  if (!existsSync(join(ARM64_SYSROOT, 'lib/ld-linux-aarch64.so.1'))) return `no arm64 libc in ${ARM64_SYSROOT} (Debian: libc6-arm64-cross)`;
  if (!existsSync(join(ARM64_SYSROOT, 'lib/libstdc++.so.6'))) return `no arm64 libstdc++ in ${ARM64_SYSROOT} (Debian: libstdc++6-arm64-cross)`;
  return undefined;
}
suite('netkit-linux-arm64 (qemu-aarch64)', missingFile(ARM64) ?? (process.platform === 'linux' ? qemuMissing() : 'not a Linux host'), () => {
  commonCases(['qemu-aarch64', '-L', ARM64_SYSROOT, ARM64], 120_000);
});

// ---- win-x64 ----------------------------------------------------------------------------------

const WIN = join(DIST, 'netkit-win-x64.exe');
suite('netkit-win-x64.exe', missingFile(WIN), () => {
  it('is a PE image with the SEA fuse flipped', () => {
    const bytes = readFileSync(WIN);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'MZ');
    const peOffset = bytes.readUInt32LE(0x3c);
    assert.equal(bytes.subarray(peOffset, peOffset + 4).toString('latin1'), 'PE\0\0');
    assert.ok(bytes.includes(`${FUSE}:1`), 'the SEA fuse is not flipped (no blob injected)');
    assert.ok(!bytes.includes(`${FUSE}:0`), 'an unflipped SEA fuse is left');
  });
});
