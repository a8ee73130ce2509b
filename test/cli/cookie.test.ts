// CLI goldens for `netkit cookie parse|make`: Python's values and output, --lint, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

test('parse: every cookie as a key: value block with Python\'s attribute values', async () => {
  const r = await runCli(['cookie', 'parse', 'a=b; Path=/; Max-Age=1, c="d\\073"']);
  assert.equal(r.code, 0);
  const blocks = r.stdout.split('\n\n').filter(Boolean);
  assert.equal(blocks.length, 2);
  assert.match(blocks[0]!, /^key: a\nvalue: b\ncoded_value: b\nexpires: \npath: \/\n/);
  assert.match(blocks[0]!, /\nmax-age: 1,\nsecure: \n/);
  assert.match(blocks[1]!, /^key: c\nvalue: d;\ncoded_value: "d\\073"\n/);
});

test('parse --json from stdin, a pasted header name dropped', async () => {
  const r = await runCli(['cookie', 'parse', '--json'], { stdin: 'Set-Cookie: id=1; Max-Age=60\nCookie: a=1; b=2\n' });
  const [one, two] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(one.header, 'id=1; Max-Age=60');
  assert.equal(one.cookies[0]['max-age'], '60');
  assert.deepEqual(two.cookies.map((c: { key: string; value: string }) => [c.key, c.value]), [['a', '1'], ['b', '2']]);
});

test('parse --lint: SameSite=None without Secure is reported, exit 1', async () => {
  const r = await runCli(['cookie', 'parse', '--lint', 'x=1; SameSite=None']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\nlint: samesite-none-without-secure: /);
  const clean = await runCli(['cookie', 'parse', '--lint', 'x=1; SameSite=None; Secure']);
  assert.equal(clean.code, 0);
});

test('parse: an error Python raises is an error record (exit 1)', async () => {
  const r = await runCli(['cookie', 'parse', '--json', 'a,b=c']);
  assert.equal(r.code, 1);
  const rec = JSON.parse(r.stdout);
  assert.equal(rec.error.type, 'CookieError');
  assert.equal(rec.error.python, 'http.cookies.CookieError');
});

test('make: Morsel.output() byte for byte', async () => {
  assert.deepEqual(await runCli(['cookie', 'make', 'session=abc123', '--path', '/', '--httponly', '--secure', '--samesite', 'Lax']), {
    code: 0,
    stdout: 'Set-Cookie: session=abc123; HttpOnly; Path=/; SameSite=Lax; Secure\n',
    stderr: '',
  });
  assert.equal((await runCli(['cookie', 'make', 'tok=a b;c', '--max-age', '3600'])).stdout, 'Set-Cookie: tok="a b\\073c"; Max-Age=3600\n');
});

test('make --js: js_output()', async () => {
  const r = await runCli(['cookie', 'make', 'id=42', '--js']);
  assert.equal(r.stdout, '\n        <script type="text/javascript">\n        <!-- begin hiding\n        document.cookie = "id=42";\n        // end hiding -->\n        </script>\n        \n');
});

test('make --expires N is seconds from now, formatted as Python formats it', async () => {
  const r = await runCli(['cookie', 'make', 'id=1', '--expires', '0', '--json']);
  const made = JSON.parse(r.stdout);
  assert.equal(made.cookie.expires, 0);
  const m = /^Set-Cookie: id=1; expires=([A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT)$/.exec(made.output);
  assert.ok(m, made.output);
  assert.ok(Math.abs(Date.parse(m[1]!) - Date.now()) < 5000);
});

test('make: an illegal name is CookieError, exit 1; no "=" is a usage error', async () => {
  assert.deepEqual(await runCli(['cookie', 'make', 'a,b=1']), { code: 1, stdout: '', stderr: "netkit: cookie make: Illegal key 'a,b'\n" });
  assert.equal((await runCli(['cookie', 'make', 'novalue'])).code, 2);
});
