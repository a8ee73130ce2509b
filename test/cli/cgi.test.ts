// `netkit cgi form` and `netkit cgi env` through main(): a CGI environment and stdin in,
// fields out as lines, JSON and shell assignments (evaluated by sh with hostile values),
// uploads on disk with safe names and modes, limits as errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { NOUNS } from '../../src/cli/registry.js';
import type { NounEntry } from '../../src/cli/command.js';

// Until the registry lists `cgi`, the tests add it (a no-op once it does).
if (!NOUNS.some((n) => n.name === 'cgi')) {
  (NOUNS as NounEntry[]).push({ name: 'cgi', summary: 'cgi', manPage: 'netkit-cgi', load: () => import('../../src/commands/cgi/index.js') });
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'netkit-cgi-test-'));
}

const post = (body: string, type: string, extra: Record<string, string> = {}): Record<string, string> => ({
  REQUEST_METHOD: 'POST',
  CONTENT_TYPE: type,
  CONTENT_LENGTH: String(Buffer.byteLength(body)),
  ...extra,
});

const MULTIPART =
  '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\n' +
  '--xyz\r\nContent-Disposition: form-data; name="up"; filename="../../etc/passwd"\r\nContent-Type: text/plain\r\n\r\nroot:x:0:0\n\r\n' +
  '--xyz--\r\n';

test('GET: QUERY_STRING fields as name=value lines, blank values dropped', async () => {
  const r = await runCli(['cgi', 'form'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1&b=x+y%21&empty=&a=2' } });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'a=1\nb=x y!\na=2\n');
});

test('--keep-blank keeps blank values; --separator ";" splits on ;', async () => {
  const r = await runCli(['cgi', 'form', '--keep-blank', '--separator', ';'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1;e=;b=2&c=3' } });
  assert.equal(r.stdout, 'a=1\ne=\nb=2&c=3\n');
});

test('--strict: a field without = is Python\'s ValueError, exit 1', async () => {
  const r = await runCli(['cgi', 'form', '--strict'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1&b' } });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, "netkit: cgi form: bad query field: 'b'\n");
});

test('POST urlencoded: the body, then QUERY_STRING, in --json', async () => {
  const r = await runCli(['--json', 'cgi', 'form'], { env: post('x=1&y=%C3%A9', 'application/x-www-form-urlencoded', { QUERY_STRING: 'q=2' }), stdin: 'x=1&y=%C3%A9' });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), [
    { name: 'x', value: '1' },
    { name: 'y', value: '\u00e9' },
    { name: 'q', value: '2' },
  ]);
});

test('bytes on stdin past CONTENT_LENGTH are not read', async () => {
  const r = await runCli(['cgi', 'form'], { env: { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '3' }, stdin: 'a=1&b=2' });
  assert.equal(r.stdout, 'a=1\n');
});

test('multipart: an upload is saved as file-1 (0600) in a fresh 0700 directory; the client filename is only reported', async () => {
  const dir = scratch();
  try {
    const r = await runCli(['--json', 'cgi', 'form', '--upload-dir', dir], { env: post(MULTIPART, 'multipart/form-data; boundary=xyz'), stdin: MULTIPART });
    assert.equal(r.code, 0, r.stderr);
    const [title, up] = JSON.parse(r.stdout) as Array<{ name: string; value?: string; file?: { filename: string; path: string; size: number; type: string; headers: string[][] } }>;
    assert.deepEqual(title, { name: 'title', value: 'Hello' });
    assert.equal(up!.name, 'up');
    const file = up!.file!;
    assert.equal(file.filename, '../../etc/passwd');
    assert.equal(basename(file.path), 'file-1');
    assert.equal(dirname(dirname(file.path)), dir);
    assert.equal(file.size, 11);
    assert.equal(file.type, 'text/plain');
    assert.deepEqual(file.headers, [['Content-Disposition', 'form-data; name="up"; filename="../../etc/passwd"'], ['Content-Type', 'text/plain']]);
    assert.equal(readFileSync(file.path, 'utf8'), 'root:x:0:0\n');
    assert.equal(statSync(file.path).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(file.path)).mode & 0o777, 0o700);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('multipart human lines: an upload as name=@PATH (filename, size, type); TMPDIR is the default parent', async () => {
  const dir = scratch();
  try {
    const r = await runCli(['cgi', 'form'], { env: { ...post(MULTIPART, 'multipart/form-data; boundary=xyz'), TMPDIR: dir }, stdin: MULTIPART });
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'title=Hello');
    assert.match(lines[1]!, /^up=@(.+)\/netkit-cgi-[^/]+\/file-1 \(filename "\.\.\/\.\.\/etc\/passwd", 11 bytes, text\/plain\)$/);
    assert.ok(lines[1]!.startsWith(`up=@${dir}/`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--discard-files: no directory is made, the upload is still reported', async () => {
  const dir = scratch();
  try {
    const r = await runCli(['cgi', 'form', '--discard-files', '--upload-dir', dir], { env: post(MULTIPART, 'multipart/form-data; boundary=xyz'), stdin: MULTIPART });
    assert.equal(r.stdout, 'title=Hello\nup=@(discarded) (filename "../../etc/passwd", 11 bytes, text/plain)\n');
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a non-form body is one unnamed field (read_single)', async () => {
  const r = await runCli(['--json', 'cgi', 'form'], { env: post('{"a": 1}', 'application/json'), stdin: '{"a": 1}' });
  assert.deepEqual(JSON.parse(r.stdout), [{ name: null, value: '{"a": 1}' }]);
});

const HOSTILE = ["it's", 'a"b', 'line1\nline2\n', '$(touch pwned)', '`touch pwned`', '\\n\\', "'; touch pwned; '", '\u00e9\u2603 \t', '', "''''", '${HOME}'];

/** Evaluates `--shell` output with sh in `cwd` and prints the named variables, NUL-separated. */
function evalShell(script: string, names: readonly string[], cwd: string): string[] {
  const show = names.map((n) => `printf '%s\\0' "$${n}"`).join('; ');
  const r = spawnSync('sh', ['-c', 'eval "$1"; ' + show, 'sh', script], { cwd, encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

test('--shell: hostile values survive eval by sh exactly and nothing runs', async () => {
  const dir = scratch();
  try {
    const qs = HOSTILE.map((v, i) => `v${i}=${encodeURIComponent(v)}`).join('&');
    const r = await runCli(['cgi', 'form', '--shell', '--keep-blank'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: qs } });
    assert.equal(r.code, 0, r.stderr);
    const got = evalShell(r.stdout, [...HOSTILE.map((_, i) => `FORM_v${i}`), 'FORM_COUNT'], dir);
    assert.deepEqual(got, [...HOSTILE, String(HOSTILE.length)]);
    assert.equal(existsSync(join(dir, 'pwned')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--shell: names sanitised, repeats numbered with a count, collisions keep the first with a warning', async () => {
  const r = await runCli(['cgi', 'form', '--shell'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1&a=2&my-name=x&$(x)=y&a_1=z' } });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, "FORM_a='1'\nFORM_a_COUNT='2'\nFORM_a_1='1'\nFORM_a_2='2'\nFORM_my_name='x'\nFORM___x_='y'\nFORM_COUNT='5'\n");
  assert.equal(r.stderr, 'netkit: cgi form: warning: FORM_a_1 from field "a_1" is already set from field "a"; kept the first\n');
});

test('--shell: uploads give the path, _FILENAME, _SIZE, _TYPE and the upload directory', async () => {
  const dir = scratch();
  try {
    const r = await runCli(['cgi', 'form', '--shell', '--prefix', 'F_', '--upload-dir', dir], { env: post(MULTIPART, 'multipart/form-data; boundary=xyz'), stdin: MULTIPART });
    const [path, filename, size, type, upDir, title] = evalShell(r.stdout, ['F_up', 'F_up_FILENAME', 'F_up_SIZE', 'F_up_TYPE', 'F_UPLOAD_DIR', 'F_title'], dir);
    assert.equal(readFileSync(path!, 'utf8'), 'root:x:0:0\n');
    assert.deepEqual([filename, size, type, dirname(path!), title], ['../../etc/passwd', '11', 'text/plain', upDir, 'Hello']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--shell: a NUL in a value is an error (a shell variable cannot hold it), and nothing is printed', async () => {
  const r = await runCli(['cgi', 'form', '--shell'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=%00' } });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'netkit: cgi form: field "a" holds a NUL character, which a shell variable cannot hold; use --json\n');
});

test('--shell with --json is a usage error; --prefix must be a variable name', async () => {
  assert.equal((await runCli(['--json', 'cgi', 'form', '--shell'], { env: { REQUEST_METHOD: 'GET' } })).code, 2);
  assert.equal((await runCli(['cgi', 'form', '--shell', '--prefix', '1x'], { env: { REQUEST_METHOD: 'GET' } })).code, 2);
});

test('--max-fields: Python\'s ValueError; --max-body: a CONTENT_LENGTH or body over the cap', async () => {
  const many = await runCli(['cgi', 'form', '--max-fields', '2'], { env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1&b=2&c=3' } });
  assert.deepEqual([many.code, many.stderr], [1, 'netkit: cgi form: Max number of fields exceeded\n']);
  const big = await runCli(['cgi', 'form', '--max-body', '4'], { env: { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '5' }, stdin: 'a=123' });
  assert.deepEqual([big.code, big.stderr], [1, 'netkit: cgi form: request body of 5 bytes (CONTENT_LENGTH) is over the limit of 4 bytes\n']);
  const unsized = await runCli(['cgi', 'form', '--max-body', '4'], { env: { REQUEST_METHOD: 'POST' }, stdin: 'a=123' });
  assert.deepEqual([unsized.code, unsized.stderr], [1, 'netkit: cgi form: request body is over the limit of 4 bytes\n']);
});

test('a bad boundary is Python\'s ValueError', async () => {
  const r = await runCli(['cgi', 'form'], { env: post('x', 'multipart/form-data'), stdin: 'x' });
  assert.deepEqual([r.code, r.stderr], [1, "netkit: cgi form: Invalid boundary in multipart form: b''\n"]);
});

function python(): { exe: string; cgiPath: string } | undefined {
  const r = spawnSync('python3', ['-W', 'ignore', '-c', 'import sys, cgi; print("%d.%d" % sys.version_info[:2]); print(sys.executable); print(cgi.__file__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return undefined;
  const [version, exe, cgiPath] = r.stdout.trim().split('\n');
  return version === '3.11' ? { exe: exe!, cgiPath: cgiPath! } : undefined;
}

const py = python();
test('cgi env: the same bytes as python3 -c "import cgi; cgi.test()" for the same request', { skip: process.env.NETKIT_REQUIRE_PEERS === '1' ? false : py === undefined ? 'python3 3.11 not found' : false }, async () => {
  if (!py) assert.fail('python3 3.11 not found (NETKIT_REQUIRE_PEERS=1)');
  const env = { LANG: 'C.UTF-8', ...post(MULTIPART, 'multipart/form-data; boundary=xyz', { QUERY_STRING: 'q=<1>' }) };
  const cwd = tmpdir();
  const r = await runCli(['cgi', 'env', '--cgi-py', py.cgiPath, 'arg1'], { env, stdin: MULTIPART, cwd });
  const p = spawnSync(py.exe, ['-W', 'ignore', '-c', 'import cgi; cgi.test()', 'arg1'], { env, cwd, input: MULTIPART, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, p.stdout);
});
