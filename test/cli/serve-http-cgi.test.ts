// `netkit serve http --cgi` end to end with real sh and .py scripts: a form POST (body on
// stdin, CONTENT_LENGTH), GET with QUERY_STRING and PATH_INFO, Status/Location honoured,
// failures → 500 with and without --cgi-debug (and --cgi-logdir), a timeout that kills the
// script, scripts outside the CGI directories or the root never run, --cgi-dir, 3.11's raw
// mode, and one comparison with python3's CGIHTTPRequestHandler on the same directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header, rawExchange } from '../peers/serve-http-raw.js';
import { bounded, fetchRaw, serve, stop, WAIT_MS } from '../peers/serve-http-harness.js';

function script(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function tree(): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-cgi-'));
  const root = join(base, 'root');
  const bin = join(root, 'cgi-bin');
  mkdirSync(bin, { recursive: true });
  mkdirSync(join(root, 'scripts'));
  for (const d of [base, root, bin]) chmodSync(d, 0o755);
  script(join(bin, 'form.sh'), '#!/bin/sh\nbody=$(head -c "$CONTENT_LENGTH")\nprintf "Content-Type: text/plain\\n\\n%s %s %s [%s]" "$REQUEST_METHOD" "$CONTENT_LENGTH" "$CONTENT_TYPE" "$body"\n');
  script(join(bin, 'info.sh'), '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\nq=%s pi=%s sn=%s" "$QUERY_STRING" "$PATH_INFO" "$SCRIPT_NAME"\n');
  script(join(bin, 'created.sh'), '#!/bin/sh\nprintf "Status: 201 Created\\nLocation: /made/1\\nContent-Type: text/plain\\n\\nmade"\n');
  script(join(bin, 'moved.sh'), '#!/bin/sh\nprintf "Location: http://example.com/there\\n\\n"\n');
  script(join(bin, 'fail.sh'), '#!/bin/sh\necho "boom-on-stderr" >&2\nexit 3\n');
  script(join(bin, 'slow.sh'), `#!/bin/sh\necho $$ > "${join(base, 'slow.pid')}"\nexec sleep 30\n`);
  script(join(bin, 'hello.py'), '#!/usr/bin/env python3\nimport os\nprint("Content-Type: text/plain")\nprint()\nprint("hello from python", os.environ.get("QUERY_STRING"))\n');
  script(join(bin, 'big.sh'), '#!/bin/sh\nprintf "Content-Type: application/octet-stream\\n\\n"\nhead -c 300000 /dev/zero\n');
  // Scripts that must never run: each leaves a marker when it does.
  const marker = (name: string) => `#!/bin/sh\ntouch "${join(base, name)}"\nprintf "Content-Type: text/plain\\n\\nran"\n`;
  script(join(root, 'top.sh'), marker('ran-top'));
  script(join(base, 'outside.sh'), marker('ran-outside'));
  symlinkSync(join(base, 'outside.sh'), join(bin, 'link.sh'));
  script(join(root, 'scripts', 'mine.sh'), '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\nmine"\n');
  return { base, root };
}

test('--cgi: form POST, query and PATH_INFO, Status and Location, POST elsewhere is 501', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--cgi'], base);
  t.after(() => void stop(r).catch(() => {}));

  const form = await fetchRaw(r.port, 'POST', '/cgi-bin/form.sh', 'Content-Type: application/x-www-form-urlencoded\r\n', 'name=ann&x=1');
  assert.equal(form.status, 200);
  assert.equal(form.body.toString(), 'POST 12 application/x-www-form-urlencoded [name=ann&x=1]');
  assert.equal(header(form, 'content-length'), String(form.body.length));

  const info = await fetchRaw(r.port, 'GET', '/cgi-bin/info.sh/extra/p%41th?a=1&b=2');
  assert.equal(info.body.toString(), 'q=a=1&b=2 pi=/extra/pAth sn=/cgi-bin/info.sh');

  const created = await fetchRaw(r.port, 'GET', '/cgi-bin/created.sh');
  assert.deepEqual([created.statusLine, header(created, 'location'), created.body.toString()], ['HTTP/1.1 201 Created', '/made/1', 'made']);
  const moved = await fetchRaw(r.port, 'GET', '/cgi-bin/moved.sh');
  assert.deepEqual([moved.status, header(moved, 'location')], [302, 'http://example.com/there']);

  const big = await fetchRaw(r.port, 'GET', '/cgi-bin/big.sh');
  assert.equal(big.status, 200);
  assert.equal(header(big, 'transfer-encoding'), 'chunked');

  const post = await fetchRaw(r.port, 'POST', '/plain.txt', '', 'x');
  assert.deepEqual([post.status, post.statusLine], [501, 'HTTP/1.1 501 Can only POST to CGI scripts']);
  assert.equal((await fetchRaw(r.port, 'GET', '/cgi-bin/nope.sh')).status, 404);
  assert.equal(await stop(r), 0);
});

test('--cgi: a failing script is a 500; --cgi-debug shows the report, --cgi-logdir keeps it', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const logs = join(base, 'logs');
  mkdirSync(logs);
  const plain = await serve(['0', '-d', root, '--cgi'], base);
  t.after(() => void stop(plain).catch(() => {}));
  const quiet = await fetchRaw(plain.port, 'GET', '/cgi-bin/fail.sh');
  assert.equal(quiet.status, 500);
  assert.doesNotMatch(quiet.body.toString(), /boom-on-stderr/);
  assert.equal(await stop(plain), 0);

  const debug = await serve(['0', '-d', root, '--cgi', '--cgi-debug', '--cgi-logdir', logs], base);
  t.after(() => void stop(debug).catch(() => {}));
  const text = await fetchRaw(debug.port, 'GET', '/cgi-bin/fail.sh?q=1', 'Accept: text/plain\r\n');
  assert.equal(text.status, 500);
  assert.match(header(text, 'content-type')!, /^text\/plain/);
  assert.match(text.body.toString(), /boom-on-stderr/);
  assert.match(text.body.toString(), /\b3\b/);
  const html = await fetchRaw(debug.port, 'GET', '/cgi-bin/fail.sh', 'Accept: text/html\r\n');
  assert.match(header(html, 'content-type')!, /^text\/html/);
  assert.match(html.body.toString(), /boom-on-stderr/);
  const saved = readdirSync(logs);
  assert.equal(saved.length, 2);
  assert.match(readFileSync(join(logs, saved[0]!), 'utf8'), /boom-on-stderr/);
});

test('--cgi-timeout: a script running too long is killed and the client gets a 500', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--cgi', '--cgi-timeout', '0.5'], base);
  t.after(() => void stop(r).catch(() => {}));
  const started = Date.now();
  const res = await fetchRaw(r.port, 'GET', '/cgi-bin/slow.sh');
  assert.equal(res.status, 500);
  assert.ok(Date.now() - started < 10_000);
  const pid = Number(readFileSync(join(base, 'slow.pid'), 'utf8'));
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
});

test('--cgi: scripts outside the CGI directories or the root never run; --cgi-dir replaces the defaults', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--cgi'], base);
  t.after(() => void stop(r).catch(() => {}));
  const top = await fetchRaw(r.port, 'GET', '/top.sh');
  assert.equal(top.status, 200);
  assert.match(top.body.toString(), /^#!\/bin\/sh/); // served as a file
  assert.equal((await fetchRaw(r.port, 'GET', '/cgi-bin/../top.sh')).body.toString(), top.body.toString());
  // _url_collapse_path unquotes first: this is /top.sh, a file.
  assert.equal((await fetchRaw(r.port, 'GET', '/cgi-bin/%2e%2e/top.sh')).body.toString(), top.body.toString());
  assert.equal((await fetchRaw(r.port, 'GET', '/cgi-bin/link.sh')).status, 403);
  assert.equal((await fetchRaw(r.port, 'GET', '/cgi-bin/../../outside.sh')).status, 400); // above the root
  assert.equal((await fetchRaw(r.port, 'GET', '/scripts/mine.sh')).body.toString().startsWith('#!'), true);
  assert.equal(await stop(r), 0);
  assert.equal(existsSync(join(base, 'ran-top')), false);
  assert.equal(existsSync(join(base, 'ran-outside')), false);

  const custom = await serve(['0', '-d', root, '--cgi-dir', 'scripts'], base);
  t.after(() => void stop(custom).catch(() => {}));
  assert.equal((await fetchRaw(custom.port, 'GET', '/scripts/mine.sh')).body.toString(), 'mine');
  assert.match((await fetchRaw(custom.port, 'GET', '/cgi-bin/info.sh')).body.toString(), /^#!\/bin\/sh/);
});

test('--cgi-python-mode: 200 "Script output follows", then the script bytes untouched', async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', root, '--cgi', '--cgi-python-mode'], base);
  t.after(() => void stop(r).catch(() => {}));
  const res = (await rawExchange(r.port, 'GET /cgi-bin/created.sh HTTP/1.1\r\nHost: x\r\n\r\n', { timeoutMs: WAIT_MS })).toString('latin1');
  assert.match(res, /^HTTP\/1\.1 200 Script output follows\r\nServer: [^\r]+\r\nDate: [^\r]+\r\nStatus: 201 Created\nLocation: \/made\/1\nContent-Type: text\/plain\n\nmade$/);
});

const pyOk = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim() === '3.11';

test('--cgi compared with python3 3.11 CGIHTTPRequestHandler: status and body of a .py and a form post', { skip: pyOk || process.env.NETKIT_REQUIRE_PEERS === '1' ? false : 'python3 3.11 not found' }, async (t) => {
  const { base, root } = tree();
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const py = spawn('python3', ['-c', 'import http.server as h\nclass H(h.CGIHTTPRequestHandler):\n    def log_message(self, *a): pass\ns = h.ThreadingHTTPServer(("127.0.0.1", 0), H)\nprint(s.server_port, flush=True)\ns.serve_forever()'], { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => void py.kill('SIGKILL'));
  const pyPort = Number(await bounded(new Promise<string>((resolve, reject) => {
    createInterface({ input: py.stdout! }).once('line', resolve);
    py.once('exit', () => reject(new Error('python3 exited')));
  }), 'python3 to listen'));
  const r = await serve(['0', '-d', root, '--cgi'], base);
  t.after(() => void stop(r).catch(() => {}));
  for (const [method, path, body] of [['GET', '/cgi-bin/hello.py?x=1', undefined], ['POST', '/cgi-bin/form.sh', 'a=1&b=2']] as const) {
    const extra = body ? 'Content-Type: application/x-www-form-urlencoded\r\n' : '';
    const request = `${method} ${path} HTTP/1.0\r\n${extra}${body ? `Content-Length: ${body.length}\r\n` : ''}\r\n${body ?? ''}`;
    // Python sends "200 Script output follows", Server, Date, then the script's own head and body.
    const theirs = (await rawExchange(pyPort, request, { timeoutMs: WAIT_MS })).toString('latin1');
    const ours = await fetchRaw(r.port, method, path, extra, body);
    assert.match(theirs, /^HTTP\/1\.0 200 /);
    assert.equal(ours.status, 200);
    assert.equal(ours.body.toString(), theirs.slice(theirs.indexOf('\n\n') + 2));
  }
});
