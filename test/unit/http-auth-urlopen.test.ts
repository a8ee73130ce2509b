// urlopen's `auth` option against the fake server: Basic and Digest retries (the fake checks
// the digest response with its own node:crypto computation), wrong passwords, prior auth,
// unsupported schemes. Counts and messages are those of CPython 3.11.7 (an opener with
// HTTPBasicAuthHandler and HTTPDigestAuthHandler on an HTTPPasswordMgrWithPriorAuth).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { urlopen, HTTPError } from '../../src/protocols/http/urllib/index.js';
import { startFakeHTTPServer, ok, type ReceivedRequest } from '../fakes/http-server.js';

const opts = { env: {}, timeout: 2000 };
const header = (r: ReceivedRequest, name: string): string | undefined => r.headers.find(([n]) => n.toLowerCase() === name)?.[1];
const unauthorized = (challenge: string | string[]): string | Buffer => {
  const list = Array.isArray(challenge) ? challenge : [challenge];
  let head = 'HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\n';
  for (const c of list) head += `WWW-Authenticate: ${c}\r\n`;
  return head + '\r\nnope';
};

/** The server side of RFC 2617 digest (qop=auth), written independently of auth.ts. */
function checkDigest(value: string | undefined, method: string, user: string, realm: string, password: string, nonce: string, algo: 'md5' | 'sha1'): boolean {
  if (!value?.startsWith('Digest ')) return false;
  const params: Record<string, string> = {};
  for (const m of value.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[m[1]!] = m[2] ?? m[3]!;
  const h = (s: string): string => createHash(algo).update(s).digest('hex');
  if (params['username'] !== user || params['realm'] !== realm || params['nonce'] !== nonce || params['qop'] !== 'auth') return false;
  const ha1 = h(`${user}:${realm}:${password}`);
  const ha2 = h(`${method}:${params['uri']}`);
  return params['response'] === h(`${ha1}:${nonce}:${params['nc']}:${params['cnonce']}:auth:${ha2}`);
}

test('Basic: 401 then 200 with Authorization', async () => {
  const want = 'Basic ' + Buffer.from('alice:pw').toString('base64');
  const fake = await startFakeHTTPServer((req) => ({ send: header(req, 'authorization') === want ? ok('in') : unauthorized('Basic realm="site"') }));
  try {
    const res = await urlopen(`${fake.url}/private`, { ...opts, auth: { user: 'alice', password: 'pw' } });
    assert.equal(res.status, 200);
    assert.equal((await res.bytes()).toString(), 'in');
    assert.equal(fake.received.length, 2);
    assert.equal(header(fake.received[0]!, 'authorization'), undefined);
    assert.equal(header(fake.received[1]!, 'authorization'), want);
  } finally {
    await fake.close();
  }
});

for (const [algorithm, algo] of [['MD5', 'md5'], ['SHA', 'sha1']] as const) {
  test(`Digest ${algorithm}: 401 then 200, the fake verifies the response`, async () => {
    const challenge = `Digest realm="users@x", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", qop="auth", opaque="5ccc069c403ebaf9f0171e9517f40e41", algorithm=${algorithm}`;
    const fake = await startFakeHTTPServer((req) =>
      checkDigest(header(req, 'authorization'), req.method, 'Mufasa', 'users@x', 'Circle Of Life', 'dcd98b7102dd2f0e8b11d0f600bfb0c093', algo) ? { send: ok('welcome') } : { send: unauthorized(challenge) },
    );
    try {
      const res = await urlopen(`${fake.url}/dir/index.html?q=1`, { ...opts, auth: { user: 'Mufasa', password: 'Circle Of Life' } });
      assert.equal((await res.bytes()).toString(), 'welcome');
      assert.equal(fake.received.length, 2);
      const auth = header(fake.received[1]!, 'authorization')!;
      assert.match(auth, /uri="\/dir\/index\.html\?q=1"/);
      assert.match(auth, /opaque="5ccc069c403ebaf9f0171e9517f40e41"/);
      assert.match(auth, new RegExp(`algorithm="${algorithm}", qop=auth, nc=00000001, cnonce="[0-9a-f]{16}"$`));
    } finally {
      await fake.close();
    }
  });
}

test('wrong password: Basic gives up after one retry with the server 401; Digest after 6 (digest auth failed)', async () => {
  const fake = await startFakeHTTPServer(() => ({ send: unauthorized('Basic realm="r"') }));
  try {
    await assert.rejects(urlopen(`${fake.url}/x`, { ...opts, auth: { user: 'bob', password: 'hunter2' } }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 401: Unauthorized');
      assert.equal(err.status, 401);
      assert.ok(!JSON.stringify({ m: err.message, s: err.stack, r: err.reason }).includes('hunter2'));
      return true;
    });
    assert.equal(fake.received.length, 2);
  } finally {
    await fake.close();
  }
  const dfake = await startFakeHTTPServer(() => ({ send: unauthorized('Digest realm="r", nonce="abc", qop="auth"') }));
  try {
    await assert.rejects(urlopen(`${dfake.url}/x`, { ...opts, auth: { user: 'bob', password: 'hunter2' } }), (err: unknown) => {
      assert.ok(err instanceof HTTPError);
      assert.equal(err.message, 'HTTP Error 401: digest auth failed');
      assert.ok(!err.message.includes('hunter2'));
      return true;
    });
    assert.equal(dfake.received.length, 7);
    assert.deepEqual(
      dfake.received.slice(1).map((r) => /nc=(\w+)/.exec(header(r, 'authorization')!)![1]),
      ['00000001', '00000002', '00000003', '00000004', '00000005', '00000006'],
    );
  } finally {
    await dfake.close();
  }
});

test('without auth a 401 is an HTTPError at once; an unsupported scheme is a ValueError as in 3.11', async () => {
  const fake = await startFakeHTTPServer((req) => ({ send: unauthorized(req.target === '/neg' ? 'Negotiate' : ['Bearer realm="x"', 'Basic realm="y"']) }));
  try {
    await assert.rejects(urlopen(`${fake.url}/x`, opts), /HTTP Error 401: Unauthorized/);
    await assert.rejects(urlopen(`${fake.url}/neg`, { ...opts, auth: { user: 'u', password: 'secretpw' } }), (err: unknown) => {
      assert.equal((err as Error).message, "AbstractDigestAuthHandler does not support the following scheme: 'Negotiate'");
      return true;
    });
    await assert.rejects(urlopen(`${fake.url}/b`, { ...opts, auth: { user: 'u', password: 'secretpw' } }), /does not support the following scheme: 'Bearer'/);
  } finally {
    await fake.close();
  }
});

test('priorAuth sends Basic on the first request; Authorization is not carried to another host', async () => {
  const other = await startFakeHTTPServer(() => ({ send: ok('other') }));
  const fake = await startFakeHTTPServer((req) => (req.target === '/go' ? { send: ok('', { Location: `${other.url}/there` }, '302 Found') } : { send: ok('first') }));
  try {
    const res = await urlopen(`${fake.url}/api`, { ...opts, auth: { user: 'carol', password: 'pw', priorAuth: true } });
    assert.equal((await res.bytes()).toString(), 'first');
    assert.equal(fake.received.length, 1);
    assert.equal(header(fake.received[0]!, 'authorization'), 'Basic ' + Buffer.from('carol:pw').toString('base64'));
    const res2 = await urlopen(`${fake.url}/go`, { ...opts, auth: { user: 'carol', password: 'pw', priorAuth: true } });
    assert.equal((await res2.bytes()).toString(), 'other');
    assert.equal(header(other.received[0]!, 'authorization'), undefined);
  } finally {
    await fake.close();
    await other.close();
  }
});

test('Digest through an http proxy signs the full URL (req.selector after set_proxy)', async () => {
  const challenge = 'Digest realm="p", nonce="n0", qop="auth"';
  const fake = await startFakeHTTPServer((req) =>
    checkDigest(header(req, 'authorization'), req.method, 'dan', 'p', 'pw', 'n0', 'md5') ? { send: ok('via proxy') } : { send: unauthorized(challenge) },
  );
  try {
    const url = 'http://origin.example/a?b=1#frag';
    const res = await urlopen(url, { ...opts, env: { http_proxy: fake.url }, auth: { user: 'dan', password: 'pw' } });
    assert.equal((await res.bytes()).toString(), 'via proxy');
    assert.equal(fake.received.length, 2);
    assert.equal(fake.received[1]!.target, 'http://origin.example/a?b=1');
    assert.match(header(fake.received[1]!, 'authorization')!, /uri="http:\/\/origin\.example\/a\?b=1"/);
  } finally {
    await fake.close();
  }
});

test('a redirect on the same host starts over: the new URL is challenged and answered again', async () => {
  const want = 'Basic ' + Buffer.from('eve:pw').toString('base64');
  const fake = await startFakeHTTPServer((req) => {
    if (header(req, 'authorization') !== want) return { send: unauthorized('Basic realm="r"') };
    return req.target === '/old' ? { send: ok('', { Location: '/new' }, '301 Moved Permanently') } : { send: ok('moved') };
  });
  try {
    const res = await urlopen(`${fake.url}/old`, { ...opts, auth: { user: 'eve', password: 'pw' } });
    assert.equal((await res.bytes()).toString(), 'moved');
    assert.deepEqual(fake.received.map((r) => [r.target, header(r, 'authorization') !== undefined]), [
      ['/old', false],
      ['/old', true],
      ['/new', false],
      ['/new', true],
    ]);
  } finally {
    await fake.close();
  }
});
