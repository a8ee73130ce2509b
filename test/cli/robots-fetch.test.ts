// `netkit robots check` with an http(s) SOURCE, against the scripted fake server: the
// robots.txt fetched with --agent as User-Agent, each status class handled as RFC 9309
// says (default) or as Python 3.11's RobotFileParser.read() does (--legacy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { runCli } from '../helpers/cli.js';
import { ok, startFakeHTTPServer, type Script } from '../fakes/http-server.js';

const ROBOTS = 'User-agent: *\nDisallow: /private\n';

async function withServer<T>(script: Script, fn: (url: string, received: () => number) => Promise<T>): Promise<T> {
  const server = await startFakeHTTPServer(script);
  try {
    return await fn(server.url, () => server.received.length);
  } finally {
    await server.close();
  }
}

/** allowed/disallowed for /public and /private, and the exit code. */
async function verdicts(argv: string[]): Promise<{ code: number; lines: string[]; stderr: string }> {
  const r = await runCli(['robots', 'check', ...argv, '/public', '/private']);
  return { code: r.code, lines: r.stdout.trim().split('\n').map((l) => l.split(' ')[0]!), stderr: r.stderr };
}

test('2xx: the fetched file is parsed; --agent is the User-Agent', async () => {
  const server = await startFakeHTTPServer({ send: ok(ROBOTS, { 'Content-Type': 'text/plain' }) });
  try {
    const r = await runCli(['robots', 'check', `${server.url}/robots.txt`, '/public', '/private', '--agent', 'NetkitBot/1.0']);
    assert.equal(r.stdout, 'allowed /public\ndisallowed /private (line 2: Disallow: /private)\n');
    assert.equal(r.code, 1);
    assert.equal(server.received[0]!.target, '/robots.txt');
    assert.ok(server.received[0]!.headers.some(([k, v]) => k === 'User-Agent' && v === 'NetkitBot/1.0'));
    await runCli(['robots', 'check', '--legacy', `${server.url}/robots.txt`, '/public']);
    assert.ok(server.received[1]!.headers.some(([k, v]) => k === 'User-Agent' && v === 'Python-urllib/3.11'));
    // parse and lint read an http(s) SOURCE too.
    const parsed = JSON.parse((await runCli(['robots', 'parse', `${server.url}/robots.txt`])).stdout);
    assert.equal(parsed.groups[0].rules[0].path, '/private');
  } finally {
    await server.close();
  }
});

test('3xx: redirects followed (at most 5 by RFC 9309, then allow all; 10 with --legacy)', async () => {
  const chain = (hops: number): Script => (req) => {
    const n = Number(/\/r(\d+)/.exec(req.target)?.[1] ?? -1);
    return n >= 0 && n < hops ? { send: ok('', { Location: `/r${n + 1}` }, '302 Found') } : { send: ok(ROBOTS) };
  };
  await withServer(chain(5), async (url) => {
    const v = await verdicts([`${url}/r0`]);
    assert.deepEqual(v.lines, ['allowed', 'disallowed']);
  });
  await withServer(chain(7), async (url) => {
    const rfc = await verdicts([`${url}/r0`]);
    assert.deepEqual(rfc.lines, ['allowed', 'allowed']);
    assert.equal(rfc.code, 0);
    const legacy = await verdicts(['--legacy', `${url}/r0`]);
    assert.deepEqual(legacy.lines, ['allowed', 'disallowed']);
  });
  // A loop: Python's HTTPError 302 leaves the file unread under --legacy (nothing allowed).
  await withServer({ send: ok('', { Location: '/loop' }, '302 Found') }, async (url) => {
    assert.deepEqual((await verdicts([`${url}/loop`])).lines, ['allowed', 'allowed']);
    const legacy = await verdicts(['--legacy', `${url}/loop`]);
    assert.deepEqual(legacy.lines, ['disallowed', 'disallowed']);
    assert.equal(legacy.code, 1);
  });
});

test('4xx: RFC 9309 allows all (401 and 403 too); --legacy: 401/403 disallow all, other 4xx allow all', async () => {
  for (const [status, legacyAllowed] of [
    ['404 Not Found', true],
    ['410 Gone', true],
    ['401 Unauthorized', false],
    ['403 Forbidden', false],
  ] as const) {
    await withServer({ send: ok('nope', {}, status) }, async (url) => {
      const rfc = await verdicts([`${url}/robots.txt`]);
      assert.deepEqual(rfc.lines, ['allowed', 'allowed'], status);
      assert.equal(rfc.code, 0);
      const legacy = await verdicts(['--legacy', `${url}/robots.txt`]);
      const word = legacyAllowed ? 'allowed' : 'disallowed';
      assert.deepEqual(legacy.lines, [word, word], status);
      assert.equal(legacy.code, legacyAllowed ? 0 : 1);
    });
  }
});

test('5xx: RFC 9309 disallows all; --legacy leaves the file unread (can_fetch False)', async () => {
  await withServer({ send: ok('down', {}, '503 Service Unavailable') }, async (url) => {
    const rfc = await verdicts([`${url}/robots.txt`]);
    assert.deepEqual(rfc.lines, ['disallowed', 'disallowed']);
    assert.equal(rfc.code, 1);
    assert.match(rfc.stderr, /HTTP Error 503: Service Unavailable/);
    const legacy = await verdicts(['--legacy', `${url}/robots.txt`]);
    assert.deepEqual(legacy.lines, ['disallowed', 'disallowed']);
    const json = await runCli(['robots', 'check', '--legacy', '--json', `${url}/robots.txt`, '/x']);
    assert.equal(JSON.parse(json.stdout).reason, 'not-read');
  });
});

test('unreachable: RFC 9309 disallows all; --legacy propagates the URLError (exit 3)', async () => {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  const url = `http://127.0.0.1:${port}/robots.txt`;
  const rfc = await verdicts([url]);
  assert.deepEqual(rfc.lines, ['disallowed', 'disallowed']);
  assert.equal(rfc.code, 1);
  assert.match(rfc.stderr, /<urlopen error/);
  const legacy = await runCli(['robots', 'check', '--legacy', url, '/x']);
  assert.equal(legacy.code, 3);
  assert.equal(legacy.stdout, '');
  assert.match(legacy.stderr, /<urlopen error/);
});
