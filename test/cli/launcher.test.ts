// bin/netkit end to end: the built bundle (npm install runs the build) through the real
// launcher, its exit codes, a reader that quits early, and the code cache it keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/netkit', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/js/netkit.cjs', import.meta.url));
const missing = existsSync(BUNDLE) ? undefined : 'dist/js/netkit.cjs is missing: run npm run build';

function netkit(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function guard(t: { skip: (reason: string) => void }): boolean {
  if (!missing) return true;
  if (process.env.NETKIT_REQUIRE_PEERS === '1') assert.fail(missing);
  t.skip(missing);
  return false;
}

test('bin/netkit runs a command and passes its exit code on', (t) => {
  if (!guard(t)) return;
  assert.deepEqual(netkit(['http', 'status', '404']), { status: 0, stdout: '404 Not Found - Nothing matches the given URI\n', stderr: '' });
  assert.deepEqual(netkit(['http', 'status', '999']), { status: 1, stdout: '', stderr: 'netkit: http status: 999 is not a valid HTTPStatus\n' });
  assert.equal(netkit(['--bogus']).status, 2);
  assert.equal(netkit(['uuid', 'parse', '--json'], '6ba7b810-9dad-11d1-80b4-00c04fd430c8\n').stdout.startsWith('{"uuid":"6ba7b810-'), true);
});

test('a lazily imported builtin (node:crypto for --json hashes) loads inside vm.Script', (t) => {
  if (!guard(t)) return;
  const r = netkit(['url', 'open', '--json', 'data:,hello']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(r.stdout).sha256, '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
});

test('the MIME libraries, left in node_modules by the JS build, load through the launcher\'s require', (t) => {
  if (!guard(t)) return;
  assert.ok(readFileSync(BUNDLE, 'utf8').includes('require("nodemailer/lib/mail-composer")'), 'nodemailer is required from node_modules, not bundled');
  const r = netkit(['smtp', 'send', '--dry-run', '--from', 'a@x.test', '--to', 'b@x.test', '--subject', 'lazy', '--body', 'hello']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Subject: lazy\r$/m);
  assert.match(r.stdout, /^hello\r$/m);
});

test('a reader that quits early ends netkit quietly', (t) => {
  if (!guard(t)) return;
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" uuid -C 2000000 | head -n 1`], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^[0-9a-f-]{36}\n$/);
  assert.equal(r.stderr, '');
});

test('chalk, loaded through the launcher, colours a terminal', (t) => {
  if (!guard(t)) return;
  const script = spawnSync('script', ['--version'], { timeout: 10_000 });
  if (script.error) return t.skip('script(1) is not installed');
  const r = spawnSync('script', ['-qc', `"${process.execPath}" "${BIN}" http status 200`, '/dev/null'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /\u001b\[32m200\u001b\[39m OK/);
});

test('the code cache next to the bundle is accepted', (t) => {
  if (!guard(t)) return;
  netkit(['--version']); // writes the cache if it was absent or made by another Node
  const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NETKIT_CHECK_CACHE: '1' } });
  assert.equal(r.stderr, 'netkit: code cache accepted\n');
});

test('bin/netkit writes stdout and stderr that are files (written directly, no stream) in full and in order', (t) => {
  if (!guard(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'netkit-launcher-'));
  try {
    const out = openSync(join(dir, 'out'), 'w');
    const err = openSync(join(dir, 'err'), 'w');
    const r = spawnSync(process.execPath, [BIN, 'http', 'status', '404', '999', '200'], { stdio: ['ignore', out, err], timeout: 20_000 });
    closeSync(out);
    closeSync(err);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(join(dir, 'out'), 'utf8'), '404 Not Found - Nothing matches the given URI\n200 OK - Request fulfilled, document follows\n');
    assert.equal(readFileSync(join(dir, 'err'), 'utf8'), 'netkit: http status: 999 is not a valid HTTPStatus\n');
    const devNull = spawnSync(process.execPath, [BIN, 'http', 'status', '404'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 20_000 });
    assert.deepEqual([devNull.status, devNull.stderr], [0, '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
