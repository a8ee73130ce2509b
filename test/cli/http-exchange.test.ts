// CLI goldens for `netkit http get|head|post|...|request` against the scripted fake server:
// bodies, -i, --json records, redirects, HTTPError (exit 5) and URLError (exit 3), -o.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { ok, startFakeHTTPServer } from '../fakes/http-server.js';

test('get: the body on stdout, exit 0', async () => {
  const server = await startFakeHTTPServer({ send: ok('hello\n', { 'Content-Type': 'text/plain' }) });
  try {
    assert.deepEqual(await runCli(['http', 'get', `${server.url}/x`]), { code: 0, stdout: 'hello\n', stderr: '' });
    assert.equal(server.received[0]!.method, 'GET');
    assert.equal(server.received[0]!.target, '/x');
  } finally {
    await server.close();
  }
});

test('get -i: status line and headers first', async () => {
  const server = await startFakeHTTPServer({ send: ok('hi', { 'X-A': '1' }) });
  try {
    const r = await runCli(['http', 'get', '-i', server.url]);
    assert.equal(r.stdout, 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\n\r\nhi');
  } finally {
    await server.close();
  }
});

test('post --form sends urlencoded data; --json-body JSON; -H adds headers', async () => {
  const server = await startFakeHTTPServer({ send: ok('done') });
  try {
    await runCli(['http', 'post', server.url, '--form', 'a=1 2', '--form', 'b=&']);
    const form = server.received[0]!;
    assert.equal(form.method, 'POST');
    assert.equal(form.body.toString(), 'a=1+2&b=%26');
    assert.ok(form.headers.some(([k, v]) => k.toLowerCase() === 'content-type' && v === 'application/x-www-form-urlencoded'));
    await runCli(['http', 'put', server.url, '--json-body', '{"a":1}', '-H', 'X-Trace: t1']);
    const json = server.received[1]!;
    assert.equal(json.method, 'PUT');
    assert.equal(json.body.toString(), '{"a":1}');
    assert.ok(json.headers.some(([k, v]) => k === 'X-Trace' && v === 't1'));
    assert.equal((await runCli(['http', 'post', server.url, '-d', 'x', '--form', 'a=1'])).code, 2);
  } finally {
    await server.close();
  }
});

test('--json: a record of the exchange with the body size and sha256', async () => {
  const server = await startFakeHTTPServer({ send: ok('hello') });
  try {
    const r = await runCli(['http', 'get', '--json', server.url]);
    const rec = JSON.parse(r.stdout);
    assert.equal(rec.status, 200);
    assert.equal(rec.reason, 'OK');
    assert.deepEqual(rec.body, { size: 5, sha256: createHash('sha256').update('hello').digest('hex'), file: null });
  } finally {
    await server.close();
  }
});

test('redirects are followed and recorded; --no-follow stops', async () => {
  const server = await startFakeHTTPServer((req) =>
    req.target === '/old' ? { send: ok('', { Location: '/new' }, '301 Moved Permanently') } : { send: ok(`at ${req.target}`) },
  );
  try {
    const r = await runCli(['http', 'get', '--json', `${server.url}/old`]);
    const rec = JSON.parse(r.stdout);
    assert.equal(rec.url, `${server.url}/new`);
    assert.equal(rec.redirects.length, 1);
    assert.equal(rec.redirects[0].status, 301);
    assert.equal((await runCli(['http', 'get', `${server.url}/old`])).stdout, 'at /new');
    const stay = await runCli(['http', 'get', '-i', '--no-follow', `${server.url}/old`]);
    assert.match(stay.stdout, /^HTTP\/1\.1 301 Moved Permanently\r\n/);
  } finally {
    await server.close();
  }
});

test('a 404 is HTTPError: exit 5, Python message, body only with --show-error-body', async () => {
  const server = await startFakeHTTPServer({ send: ok('nope', {}, '404 Not Found') });
  try {
    assert.deepEqual(await runCli(['http', 'get', server.url]), { code: 5, stdout: '', stderr: 'netkit: http get: HTTP Error 404: Not Found\n' });
    const shown = await runCli(['http', 'get', '--show-error-body', server.url]);
    assert.equal(shown.code, 5);
    assert.equal(shown.stdout, 'nope');
  } finally {
    await server.close();
  }
});

test('a closed port is URLError: exit 3', async () => {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const r = await runCli(['http', 'get', `http://127.0.0.1:${port}/`]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^netkit: http get: <urlopen error \[Errno 111\] Connection refused>\n$/);
});

test('-o writes atomically; -O names the file after the URL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-http-'));
  const server = await startFakeHTTPServer({ send: ok('file body') });
  try {
    const out = join(dir, 'out.txt');
    assert.equal((await runCli(['http', 'get', '-o', out, server.url])).code, 0);
    assert.equal(readFileSync(out, 'utf8'), 'file body');
    assert.deepEqual(readdirSync(dir), ['out.txt']);
    const named = await runCli(['http', 'get', '-O', `${server.url}/dir/report.csv`], { cwd: dir });
    assert.equal(named.code, 0);
    assert.equal(readFileSync(join(dir, 'report.csv'), 'utf8'), 'file body');
  } finally {
    await server.close();
  }
});

test('request METHOD; CR/LF in a header is refused before anything is sent', async () => {
  const server = await startFakeHTTPServer({ send: ok('') });
  try {
    await runCli(['http', 'request', 'PROPFIND', server.url, '-H', 'Depth: 1']);
    assert.equal(server.received[0]!.method, 'PROPFIND');
    const bad = await runCli(['http', 'get', `${server.url}/a%0d%0aX: y`.replace('%0d%0a', '\r\n')]);
    assert.notEqual(bad.code, 0);
    assert.equal(server.received.length, 1);
  } finally {
    await server.close();
  }
});

test('URLs from stdin lines, over one kept-alive connection', async () => {
  const server = await startFakeHTTPServer((req) => ({ send: ok(`${req.target}\n`) }));
  try {
    const r = await runCli(['http', 'get'], { stdin: `${server.url}/a\n${server.url}/b\n\n${server.url}/c\n` });
    assert.equal(r.stdout, '/a\n/b\n/c\n');
    assert.equal(server.connections, 1);
    assert.equal((await runCli(['http', 'get'], { stdinTTY: true })).code, 2);
  } finally {
    await server.close();
  }
});

test('Basic auth: --user with --password-file, NETKIT_PASSWORD, URL userinfo (warned), --netrc', async () => {
  const expected = 'Basic ' + Buffer.from('alice:s3cret').toString('base64');
  const server = await startFakeHTTPServer((req) =>
    req.headers.some(([k, v]) => k.toLowerCase() === 'authorization' && v === expected)
      ? { send: ok('welcome') }
      : { send: ok('who?', { 'WWW-Authenticate': 'Basic realm="x"' }, '401 Unauthorized') },
  );
  const dir = mkdtempSync(join(tmpdir(), 'netkit-auth-'));
  try {
    writeFileSync(join(dir, 'pw'), 's3cret\n');
    const fromFile = await runCli(['http', 'get', '-u', 'alice', '--password-file', join(dir, 'pw'), server.url]);
    assert.deepEqual(fromFile, { code: 0, stdout: 'welcome', stderr: '' });
    const fromEnv = await runCli(['http', 'get', '-u', 'alice', server.url], { env: { NETKIT_PASSWORD: 's3cret' } });
    assert.equal(fromEnv.stdout, 'welcome');
    const inUrl = await runCli(['http', 'get', server.url.replace('http://', 'http://alice:s3cret@')]);
    assert.equal(inUrl.stdout, 'welcome');
    assert.match(inUrl.stderr, /warning: a password in the URL is visible/);
    writeFileSync(join(dir, '.netrc'), `machine 127.0.0.1 login alice password s3cret\n`, { mode: 0o600 });
    assert.equal((await runCli(['http', 'get', '--netrc', server.url], { env: { HOME: dir } })).stdout, 'welcome');
    const wrong = await runCli(['http', 'get', '-u', 'alice', server.url], { env: { NETKIT_PASSWORD: 'nope' } });
    assert.equal(wrong.code, 5);
    assert.equal(wrong.stderr, 'netkit: http get: HTTP Error 401: Unauthorized\n');
    assert.doesNotMatch(wrong.stderr, /nope/);
    const noTerminal = await runCli(['http', 'get', '-u', 'alice', server.url]);
    assert.equal(noTerminal.code, 2);
  } finally {
    await server.close();
  }
});

test('-F sends multipart/form-data that python3\'s email parser reads back', async () => {
  const server = await startFakeHTTPServer({ send: ok('ok') });
  const dir = mkdtempSync(join(tmpdir(), 'netkit-multipart-'));
  try {
    writeFileSync(join(dir, 'report.csv'), 'a,b\n1,2\n');
    const r = await runCli(['http', 'post', server.url, '-F', 'title=Q3 "final"', '-F', 'file=@report.csv'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const req = server.received[0]!;
    const type = req.headers.find(([k]) => k.toLowerCase() === 'content-type')![1];
    assert.match(type, /^multipart\/form-data; boundary=----netkit[0-9a-f]{24}$/);
    const script = [
      'import sys, json',
      'from email.parser import BytesParser',
      'from email.policy import HTTP',
      'msg = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + sys.argv[1].encode() + b"\\r\\n\\r\\n" + sys.stdin.buffer.read())',
      'print(json.dumps([[p.get_param("name", header="content-disposition"), p.get_filename(), p.get_content_type(), p.get_payload(decode=True).decode()] for p in msg.iter_parts()]))',
    ].join('\n');
    const py = spawnSync('python3', ['-c', script, type], { input: req.body, encoding: 'utf8', timeout: 30_000 });
    if (py.error) {
      if (process.env.NETKIT_REQUIRE_PEERS === '1') assert.fail('python3 is missing');
      return;
    }
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(JSON.parse(py.stdout), [
      ['title', null, 'text/plain', 'Q3 "final"'],
      ['file', 'report.csv', 'text/csv', 'a,b\n1,2\n'],
    ]);
  } finally {
    await server.close();
  }
});

test('--proxy sends an absolute-form request to the proxy; --noproxy HOSTS bypasses it for those hosts (* for all)', async () => {
  const proxy = await startFakeHTTPServer((req) => ({ send: ok(`via proxy: ${req.target}`) }));
  const origin = await startFakeHTTPServer({ send: ok('direct') });
  try {
    const via = await runCli(['http', 'get', '--proxy', proxy.url, 'http://example.invalid/x?y=1']);
    assert.equal(via.stdout, 'via proxy: http://example.invalid/x?y=1');
    const env = { http_proxy: proxy.url };
    assert.equal((await runCli(['http', 'get', origin.url], { env })).stdout, `via proxy: ${origin.url}/`);
    assert.equal((await runCli(['http', 'get', '--noproxy', '*', origin.url], { env })).stdout, 'direct');
    // As curl's: a list of hosts; another host still goes through the proxy.
    assert.equal((await runCli(['http', 'get', '--noproxy', 'example.com,127.0.0.1', origin.url], { env })).stdout, 'direct');
    assert.equal((await runCli(['http', 'get', '--noproxy', 'example.com', origin.url], { env })).stdout, `via proxy: ${origin.url}/`);
    // It replaces no_proxy from the environment.
    assert.equal((await runCli(['http', 'get', '--noproxy', 'example.com', origin.url], { env: { ...env, no_proxy: '127.0.0.1' } })).stdout, `via proxy: ${origin.url}/`);
  } finally {
    await proxy.close();
    await origin.close();
  }
});

test('-C resumes FILE.part with Range and renames it when complete; a server ignoring Range restarts it', async () => {
  const content = 'abcdefghijklmnopqrstuvwxyz';
  const server = await startFakeHTTPServer((req) => {
    const range = req.headers.find(([k]) => k.toLowerCase() === 'range')?.[1];
    const m = range && /^bytes=(\d+)-$/.exec(range);
    if (req.target === '/norange' || !m) return { send: ok(content) };
    const from = Number(m[1]);
    if (from >= content.length) return { send: ok('', { 'Content-Range': `bytes */${content.length}` }, '416 Range Not Satisfiable') };
    return { send: ok(content.slice(from), { 'Content-Range': `bytes ${from}-${content.length - 1}/${content.length}` }, '206 Partial Content') };
  });
  const dir = mkdtempSync(join(tmpdir(), 'netkit-resume-'));
  try {
    writeFileSync(join(dir, 'a.txt.part'), 'abcdefghij');
    const r = await runCli(['http', 'get', '-C', '-o', 'a.txt', `${server.url}/a`], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.received[0]!.headers.find(([k]) => k === 'Range')?.[1], 'bytes=10-');
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), content);
    assert.deepEqual(readdirSync(dir).sort(), ['a.txt']);
    writeFileSync(join(dir, 'b.txt.part'), 'XXXX');
    await runCli(['http', 'get', '-C', '-o', 'b.txt', `${server.url}/norange`], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'b.txt'), 'utf8'), content);
    writeFileSync(join(dir, 'c.txt.part'), content);
    const done = await runCli(['http', 'get', '-C', '-o', 'c.txt', `${server.url}/c`], { cwd: dir });
    assert.equal(done.code, 0, done.stderr);
    assert.equal(readFileSync(join(dir, 'c.txt'), 'utf8'), content);
    assert.equal((await runCli(['http', 'get', '-C', server.url])).code, 2);
  } finally {
    await server.close();
  }
});

test('--json: the method is the one the final request went out with (POST, then GET after a 303)', async () => {
  const server = await startFakeHTTPServer((req) => ({
    send: req.target === '/form' ? 'HTTP/1.1 303 See Other\r\nLocation: /done\r\nContent-Length: 0\r\n\r\n' : ok('thanks'),
  }));
  try {
    const r = await runCli(['http', 'post', `${server.url}/form`, '--form', 'a=1', '--json']);
    const rec = JSON.parse(r.stdout) as { method: string; url: string; redirects: Array<{ status: number }> };
    assert.equal(rec.method, 'GET');
    assert.equal(rec.url, `${server.url}/done`);
    assert.deepEqual(rec.redirects.map((h) => h.status), [303]);
    assert.equal(server.received[1]!.method, 'GET');
  } finally {
    await server.close();
  }
});
