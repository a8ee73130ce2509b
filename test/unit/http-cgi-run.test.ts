// Running real CGI scripts (sh and a .py) written to a temp dir: RFC 3875 responses
// (Status, Location, Content-Type rules, malformed heads), Python mode's raw output,
// argv and stdin, the timeout that kills the process group, the output cap, the stderr
// tail, non-zero exits and abort. Every wait is bounded by the engine's own timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCgiEnv, runCgi, selectCgi, CgiTruncatedError, type CgiResult, type RunCgiOptions } from '../../src/protocols/http/server/cgi/index.js';

let root = '';
const SERVER = { serverSoftware: 'netkit-test', serverName: 'localhost', serverPort: 8000, protocolVersion: 'HTTP/1.1' };

const SCRIPTS: Record<string, string> = {
  'hello.sh': 'printf "Content-Type: text/plain\\r\\nX-A: 1\\r\\n\\r\\nhello\\n"',
  'notfound.sh': 'printf "Status: 404 Not Found\\nContent-Type: text/plain\\n\\nnope"',
  'teapot.sh': 'printf "Status: 418\\n\\n"',
  'redirect.sh': 'printf "Location: http://example.com/x\\n\\n"',
  'local-redirect.sh': 'printf "Location: /other\\n\\n"',
  'moved.sh': 'printf "Status: 301 Moved\\nLocation: /new\\nContent-Type: text/html\\n\\n<a href=/new>new</a>"',
  'nocontent-type.sh': 'printf "X-Only: 1\\n\\nbody"',
  'status-no-body.sh': 'printf "Status: 204 No Content\\n\\n"',
  'body-no-type.sh': 'printf "Status: 200 OK\\n\\nbody"',
  'malformed.sh': 'printf "this is not a header\\n\\nbody"',
  'no-blank.sh': 'printf "Content-Type: text/plain\\n"',
  'silent.sh': 'exit 0',
  'framing.sh': 'printf "Content-Type: text/plain\\nContent-Length: 999\\nConnection: keep-alive\\nTransfer-Encoding: chunked\\n\\nok"',
  'fail-late.sh': 'printf "Content-Type: text/plain\\n\\npartial"; echo "boom <b>" >&2; exit 3',
  'sleepy.sh': 'printf "Content-Type: text/plain\\n\\n"; sleep 30 & wait',
  'sleepy-head.sh': 'sleep 30',
  'flood.sh': 'printf "Content-Type: text/plain\\n\\n"; exec yes',
  'flood-head.sh': 'exec yes X-Header: y',
  'stderr-flood.sh': 'head -c 100000 /dev/zero | tr "\\0" e >&2; exit 1',
  'echo.sh': 'printf "Content-Type: text/plain\\n\\n"; printf "argc=%s arg1=[%s]\\n" "$#" "$1"; cat',
  'big.sh': 'printf "Content-Type: text/plain\\n\\n"; head -c 300000 /dev/zero',
};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'netkit-cgi-run-'));
  mkdirSync(join(root, 'cgi-bin'));
  for (const [name, body] of Object.entries(SCRIPTS)) {
    writeFileSync(join(root, 'cgi-bin', name), '#!/bin/sh\n' + body + '\n');
    chmodSync(join(root, 'cgi-bin', name), 0o755);
  }
  writeFileSync(
    join(root, 'cgi-bin', 'argv.py'),
    'import sys, os\nsys.stdout.write("Content-Type: text/plain\\n\\n")\nsys.stdout.write(repr(sys.argv[1:]) + " " + sys.stdin.read() + " " + os.environ["PATH_INFO"])\n',
  );
  chmodSync(join(root, 'cgi-bin', 'argv.py'), 0o755);
});

after(() => rmSync(root, { recursive: true, force: true }));

async function run(path: string, opts: RunCgiOptions = {}, method = 'GET', headers: Array<[string, string]> = []): Promise<CgiResult> {
  const sel = await selectCgi(path, { root });
  if (sel.kind !== 'script') throw new Error(`not a script: ${JSON.stringify(sel)}`);
  const env = buildCgiEnv(sel.script, { method, path, headers, clientAddress: '127.0.0.1' }, SERVER);
  return runCgi(sel.script, env, { timeoutMs: 10_000, ...opts });
}

async function collect(body: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks).toString('latin1');
}

test('a document response: CRLF lines, fields kept, body held whole', async () => {
  const r = await run('/cgi-bin/hello.sh');
  assert.equal(r.failure, undefined);
  assert.deepEqual([r.status, r.reason, r.headers, r.raw, r.bodyLength], [200, 'OK', [['Content-Type', 'text/plain'], ['X-A', '1']], false, 6]);
  assert.equal(await collect(r.body), 'hello\n');
  assert.equal((await r.completion).exitCode, 0);
});

test('Status and Location are honoured', async () => {
  const nf = await run('/cgi-bin/notfound.sh');
  assert.deepEqual([nf.status, nf.reason, await collect(nf.body)], [404, 'Not Found', 'nope']);
  const tea = await run('/cgi-bin/teapot.sh');
  assert.deepEqual([tea.status, tea.reason, tea.headers], [418, "I'm a Teapot", []]);
  const red = await run('/cgi-bin/redirect.sh');
  assert.deepEqual([red.status, red.reason, red.headers], [302, 'Found', [['Location', 'http://example.com/x']]]);
  const local = await run('/cgi-bin/local-redirect.sh');
  assert.deepEqual([local.status, local.headers], [302, [['Location', '/other']]]);
  const moved = await run('/cgi-bin/moved.sh');
  assert.deepEqual([moved.status, moved.reason, await collect(moved.body)], [301, 'Moved', '<a href=/new>new</a>']);
  const empty = await run('/cgi-bin/status-no-body.sh');
  assert.deepEqual([empty.status, empty.failure, empty.bodyLength], [204, undefined, 0]);
});

test('framing fields from the script are dropped', async () => {
  const r = await run('/cgi-bin/framing.sh');
  assert.deepEqual(r.headers, [['Content-Type', 'text/plain']]);
  assert.equal(await collect(r.body), 'ok');
});

test('malformed responses are failures before anything is sent', async () => {
  for (const [name, kind, re] of [
    ['nocontent-type.sh', 'malformed', /no Content-Type, Location or Status/],
    ['body-no-type.sh', 'malformed', /body without Content-Type/],
    ['malformed.sh', 'malformed', /malformed header line/],
    ['no-blank.sh', 'malformed', /before the blank line/],
    ['silent.sh', 'malformed', /produced no output/],
    ['fail-late.sh', 'exit', /exit code 3/],
  ] as const) {
    const r = await run('/cgi-bin/' + name);
    assert.equal(r.failure?.kind, kind, name);
    assert.match(r.failure!.message, re, name);
    assert.equal(r.status, 500);
    assert.equal(await collect(r.body), '');
  }
  const late = await (await run('/cgi-bin/fail-late.sh')).completion;
  assert.equal(late.exitCode, 3);
  assert.equal(late.stderr.toString(), 'boom <b>\n');
});

test('the timeout kills the process group (a script sleeping 30 s, timeout 300 ms)', async () => {
  const t0 = Date.now();
  const r = await run('/cgi-bin/sleepy-head.sh', { timeoutMs: 300 });
  assert.equal(r.failure?.kind, 'timeout');
  assert.ok(Date.now() - t0 < 5000);
  // Headers sent, then a background sleep holding stdout: the body is cut and the group killed.
  const s = await run('/cgi-bin/sleepy.sh', { timeoutMs: 300, holdBytes: 0 });
  assert.equal(s.status, 200);
  await assert.rejects(collect(s.body), (e: unknown) => e instanceof CgiTruncatedError && e.failure.kind === 'timeout');
  const done = await s.completion;
  assert.equal(done.signal, 'SIGKILL');
  assert.ok(done.elapsedMs < 5000);
});

test('the output cap: before the head is a 500, after it the body is cut', async () => {
  const early = await run('/cgi-bin/flood.sh', { maxOutputBytes: 10_000 });
  assert.equal(early.failure?.kind, 'output-cap');
  const head = await run('/cgi-bin/flood-head.sh', { maxHeaderBytes: 4096 });
  assert.equal(head.failure?.kind, 'malformed');
  assert.match(head.failure!.message, /header block over 4096 bytes/);
  const late = await run('/cgi-bin/flood.sh', { maxOutputBytes: 200_000, holdBytes: 1000 });
  assert.equal(late.status, 200);
  let got = 0;
  await assert.rejects(
    (async () => {
      for await (const c of late.body) got += c.length;
    })(),
    (e: unknown) => e instanceof CgiTruncatedError && e.failure.kind === 'output-cap',
  );
  assert.ok(got <= 200_000);
  // Under the cap but over holdBytes: streamed, complete, no length known in advance.
  const big = await run('/cgi-bin/big.sh', { holdBytes: 1024 });
  assert.equal(big.bodyLength, undefined);
  assert.equal((await collect(big.body)).length, 300_000);
});

test('stderr keeps a bounded tail', async () => {
  const r = await run('/cgi-bin/stderr-flood.sh', { maxStderrBytes: 1000 });
  assert.equal(r.failure?.kind, 'exit'); // the exit status wins over 'no output'
  const done = await r.completion;
  assert.equal(done.exitCode, 1);
  assert.equal(done.stderr.length, 1000);
  assert.equal(done.stderrTruncated, true);
});

test('argv and stdin: the decoded_query argument, the request body', async () => {
  const noEq = await run('/cgi-bin/echo.sh?a+b%20c');
  assert.equal(await collect(noEq.body), 'argc=1 arg1=[a b%20c]\n');
  const empty = await run('/cgi-bin/echo.sh');
  assert.equal(await collect(empty.body), 'argc=1 arg1=[]\n');
  const withEq = await run('/cgi-bin/echo.sh?a=b');
  assert.equal(await collect(withEq.body), 'argc=0 arg1=[]\n');
  const post = await run('/cgi-bin/echo.sh?x=1', { stdin: Buffer.from('spam=1&eggs=2') }, 'POST', [['Content-Length', '13']]);
  assert.equal(await collect(post.body), 'argc=0 arg1=[]\nspam=1&eggs=2');
  async function* parts(): AsyncGenerator<Buffer> {
    yield Buffer.from('a');
    yield Buffer.from('b');
  }
  const streamed = await run('/cgi-bin/echo.sh?x=1', { stdin: parts() }, 'POST');
  assert.equal(await collect(streamed.body), 'argc=0 arg1=[]\nab');
});

test('.py runs with python3 -u; argv, stdin and PATH_INFO', async () => {
  const r = await run('/cgi-bin/argv.py/p%20i?q+r', { stdin: Buffer.from('body') }, 'POST', [['Content-Length', '4']]);
  assert.equal(r.failure, undefined, r.failure?.message);
  assert.equal(await collect(r.body), "['q r'] body /p i");
});

test("python mode: 3.11's status line, then the script's bytes untouched", async () => {
  const r = await run('/cgi-bin/hello.sh', { mode: 'python' });
  assert.deepEqual([r.status, r.reason, r.headers, r.raw], [200, 'Script output follows', [], true]);
  assert.equal(await collect(r.body), 'Content-Type: text/plain\r\nX-A: 1\r\n\r\nhello\n');
  const bad = await run('/cgi-bin/malformed.sh', { mode: 'python' });
  assert.equal(bad.failure, undefined);
  assert.equal(await collect(bad.body), 'this is not a header\n\nbody');
});

test('abort kills the script and cuts the body', async () => {
  const r = await run('/cgi-bin/flood.sh', { holdBytes: 0 });
  assert.equal(r.status, 200);
  await assert.rejects(
    (async () => {
      for await (const _ of r.body) r.abort();
    })(),
    (e: unknown) => e instanceof CgiTruncatedError && e.failure.kind === 'aborted',
  );
  assert.equal((await r.completion).failure?.kind, 'aborted');
});
