// urllib proxies: getproxies_environment / proxy_bypass_environment / _parse_proxy tables
// (expected values printed by python3.11's urllib.request), and requests through proxies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseProxy, getproxiesEnvironment, parseProxy, proxyBypassEnvironment, urlopen, URLError } from '../../src/protocols/http/urllib/index.js';
import { startFakeHTTPServer, ok } from '../fakes/http-server.js';
import { startConnectProxy } from '../fakes/connect-proxy.js';

test('getproxies_environment matches python3', () => {
  const table: Array<[Record<string, string>, Record<string, string>]> = [
    [{ http_proxy: 'http://a:1', HTTP_PROXY: 'http://B:2' }, { http: 'http://a:1' }],
    [{ HTTP_PROXY: 'http://B:2' }, { http: 'http://B:2' }],
    [{ HTTP_PROXY: 'http://B:2', REQUEST_METHOD: 'GET' }, {}],
    [{ http_proxy: 'http://a:1', REQUEST_METHOD: 'GET' }, { http: 'http://a:1' }],
    [{ HTTPS_PROXY: 'http://s:3', https_proxy: '' }, {}],
    [{ https_proxy: '', HTTPS_PROXY: 'http://s:3' }, {}],
    [{ no_proxy: 'localhost,.example.com', NO_PROXY: 'x', Ftp_Proxy: 'ftp://f' }, { no: 'localhost,.example.com', ftp: 'ftp://f' }],
    [{ ALL_PROXY: 'socks5://h:1', foo: 'bar', _proxy: 'empty-scheme' }, { all: 'socks5://h:1', '': 'empty-scheme' }],
  ];
  for (const [env, expected] of table) assert.deepEqual(getproxiesEnvironment(env), expected, JSON.stringify(env));
});

test('proxy_bypass_environment matches python3', () => {
  const table: Array<[string, string, boolean]> = [
    ['example.com', 'example.com', true],
    ['www.example.com', 'example.com', true],
    ['www.example.com', '.example.com', true],
    ['example.com', '.example.com', true],
    ['notexample.com', 'example.com', false],
    ['EXAMPLE.com:8080', 'example.com', true],
    ['example.com:8080', 'example.com:8080', true],
    ['example.com:80', 'example.com:8080', false],
    ['anything', '*', true],
    ['anything', '*,foo', false],
    ['a.b.c', ' ..b.c , x', true],
    ['localhost:3128', 'localhost', true],
    ['[::1]:80', '::1', false],
    ['::1', '::1', true],
    ['10.0.0.1', '10.0.0.0/8', false],
    ['host', '', false],
  ];
  for (const [host, no, expected] of table) assert.equal(proxyBypassEnvironment(host, { no }), expected, `${host} / ${no}`);
  assert.equal(proxyBypassEnvironment('x', {}), false);
});

test('_parse_proxy matches python3', () => {
  assert.deepEqual(parseProxy('http://u:p%40w@proxy:3128/'), { scheme: 'http', user: 'u', password: 'p%40w', hostport: 'proxy:3128' });
  assert.deepEqual(parseProxy('proxy:3128'), { scheme: undefined, user: undefined, password: undefined, hostport: 'proxy:3128' });
  assert.deepEqual(parseProxy('http://proxy'), { scheme: 'http', user: undefined, password: undefined, hostport: 'proxy' });
  assert.deepEqual(parseProxy('https://u@proxy:1'), { scheme: 'https', user: 'u', password: undefined, hostport: 'proxy:1' });
  assert.deepEqual(parseProxy('joe:password@proxy.example.com'), { scheme: undefined, user: 'joe', password: 'password', hostport: 'proxy.example.com' });
  assert.throws(() => parseProxy('file:/ftp.example.com'), { message: "proxy URL with no authority: 'file:/ftp.example.com'", python: 'ValueError' });
});

test('chooseProxy: credentials, default port, bypass', () => {
  const p = chooseProxy('http', 'h.test', { http: 'http://u:p%40w@proxy:3128/' })!;
  assert.equal(p.host, 'proxy');
  assert.equal(p.port, 3128);
  assert.equal(p.authorization, 'Basic ' + Buffer.from('u:p@w').toString('base64'));
  assert.equal(chooseProxy('https', 'h.test', { https: 'proxy' })!.port, 443);
  assert.equal(chooseProxy('http', 'h.test', { http: 'proxy:1', no: 'h.test' }), undefined);
  assert.equal(chooseProxy('https', 'h.test', { http: 'proxy:1' }), undefined);
});

test('http through a proxy: absolute-form target, origin Host, Proxy-Authorization', async () => {
  const proxy = await startFakeHTTPServer({ send: ok('via proxy') });
  try {
    const res = await urlopen('http://origin.test:8080/p?q=1#frag', { env: { http_proxy: `http://u:pw@127.0.0.1:${proxy.port}` }, timeout: 2000 });
    assert.equal((await res.bytes()).toString(), 'via proxy');
    assert.equal(res.proxy, `http://u:pw@127.0.0.1:${proxy.port}`);
    const r = proxy.received[0]!;
    assert.equal(r.target, 'http://origin.test:8080/p?q=1');
    assert.deepEqual(r.headers.find(([n]) => n === 'Host'), ['Host', 'origin.test:8080']);
    assert.deepEqual(r.headers.find(([n]) => n === 'Proxy-Authorization'), ['Proxy-Authorization', 'Basic dTpwdw==']);
  } finally {
    await proxy.close();
  }
});

test('no_proxy sends the request directly', async () => {
  const fake = await startFakeHTTPServer({ send: ok('direct') });
  try {
    const res = await urlopen(`${fake.url}/d`, { env: { http_proxy: 'http://127.0.0.1:1', no_proxy: '127.0.0.1' }, timeout: 2000 });
    assert.equal((await res.bytes()).toString(), 'direct');
    assert.equal(res.proxy, undefined);
    assert.equal(fake.received[0]!.target, '/d');
  } finally {
    await fake.close();
  }
});

test('https through a proxy uses CONNECT with the credentials; a refusal is URLError', async () => {
  const proxy = await startConnectProxy('407 Proxy Authentication Required');
  try {
    await assert.rejects(urlopen('https://secure.test/x', { env: { https_proxy: `http://u:pw@127.0.0.1:${proxy.port}` }, timeout: 2000, pool: false }), (err: unknown) => {
      assert.ok(err instanceof URLError);
      assert.equal(err.message, '<urlopen error Tunnel connection failed: 407 Proxy Authentication Required>');
      assert.equal(err.kind, 'network');
      return true;
    });
    assert.equal(proxy.received[0], 'CONNECT secure.test:443 HTTP/1.0\r\nProxy-Authorization: Basic dTpwdw==');
  } finally {
    await proxy.close();
  }
});
