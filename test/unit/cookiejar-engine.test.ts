// Unit tables for the cookiejar engine: dates, header words, domain and request rules,
// Mozilla/LWP files and the return policy (expected values from CPython 3.11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Cookie,
  CookieJar,
  cookieRequest,
  decideCookies,
  domainMatch,
  effRequestHost,
  iso2time,
  joinHeaderWords,
  loadLwp,
  loadMozilla,
  requestPath,
  requestPort,
  saveLwp,
  saveMozilla,
  splitHeaderWords,
  time2isoz,
  detectFormat,
  LoadError,
  type CookieInit,
} from '../../src/protocols/cookiejar/index.js';

const ALL = { ignoreDiscard: true, ignoreExpires: true, now: 1700000000 };

function cookie(over: Partial<CookieInit> = {}): Cookie {
  return new Cookie({
    version: 0, name: 'n', value: 'v', port: null, port_specified: false, domain: 'example.com', domain_specified: false,
    domain_initial_dot: false, path: '/', path_specified: false, secure: false, expires: null, discard: true,
    comment: null, comment_url: null, rest: {}, ...over,
  });
}

test('time2isoz and iso2time', () => {
  assert.equal(time2isoz(0), '1970-01-01 00:00:00Z');
  assert.equal(time2isoz(1700000000), '2023-11-14 22:13:20Z');
  assert.equal(time2isoz(-1), '1969-12-31 23:59:59Z');
  assert.throws(() => time2isoz(253402300800), /year 10000 is out of range/);
  const table: [string, number | null][] = [
    ['1994-02-03 14:15:29 -0100', 760288529],
    ['1994-02-03', 760233600],
    ['19940203T141529Z', 760284929],
    ['1994-02-03T14:15:29', 760284929],
    ['2030-01-01 10:20:30 EST', null],
    ['1969-12-31', null],
    ['1994-13-03', null],
  ];
  for (const [text, t] of table) assert.equal(iso2time(text), t, text);
  assert.throws(() => iso2time('2030-01-01 10:20:30.5Z'), /invalid literal for int/);
});

test('split_header_words and join_header_words (CPython doctests)', () => {
  assert.deepEqual(splitHeaderWords(['foo="bar"; port="80,81"; discard, bar=baz']), [[['foo', 'bar'], ['port', '80,81'], ['discard', null]], [['bar', 'baz']]]);
  assert.deepEqual(splitHeaderWords(['Basic realm="\\"foo\\bar\\""']), [[['Basic', null], ['realm', '"foobar"']]]);
  assert.equal(joinHeaderWords([[['text/plain', null], ['charset', 'iso-8859-1']]]), 'text/plain; charset="iso-8859-1"');
  assert.equal(joinHeaderWords([[['a', 'x\n']], [['b', '']]]), 'a=x\n, b=""');
});

test('domain_match (RFC 2965 §1)', () => {
  const table: [string, string, boolean][] = [
    ['x.y.com', '.Y.com', true],
    ['x.y.com', 'y.com', false],
    ['a.b.c.com', '.c.com', true],
    ['.c.com', 'a.b.c.com', false],
    ['10.0.0.1', '10.0.0.1', true],
    ['1.2.3.4', '.3.4', false],
  ];
  for (const [a, b, ok] of table) assert.equal(domainMatch(a, b), ok, `${a} ${b}`);
});

test('request path, port and effective host as urllib.request.Request gives them', () => {
  const table: [string, string, string | null, [string, string]][] = [
    ['http://x/a b/%7e?q', '/a%20b/%7E', '80', ['x', 'x.local']],
    ['http://x', '/', '80', ['x', 'x.local']],
    ['http://x:8080/', '/', '8080', ['x', 'x.local']],
    ['http://x:abc/', '/', null, ['x:abc', 'x:abc.local']],
    ['https://[::1]:8080/', '/', null, ['[::1]', '[::1].local']],
  ];
  for (const [url, path, port, eff] of table) {
    const req = cookieRequest(url);
    assert.equal(requestPath(req), path, url);
    assert.equal(requestPort(req), port, url);
    assert.deepEqual(effRequestHost(req), eff, url);
  }
  assert.throws(() => cookieRequest('nourl'), { name: 'ValueError', message: "unknown url type: 'nourl'" });
});

test('Mozilla: #HttpOnly_ lines, session cookies, a name-only cookie, byte-identical save', () => {
  const text = '# Netscape HTTP Cookie File\n# http://curl.haxx.se/rfc/cookie_spec.html\n# This is a generated file!  Do not edit.\n\n#HttpOnly_.example.com\tTRUE\t/\tTRUE\t2000000000\tsid\tabc\nexample.com\tFALSE\t/p\tFALSE\t\t\tflag\n';
  const jar = loadMozilla(text, 'c.txt', ALL);
  const [sid, flag] = [...jar];
  assert.deepEqual(sid!.rest, { HTTPOnly: '' });
  assert.equal(sid!.domain_initial_dot, true);
  assert.equal(flag!.name, 'flag');
  assert.equal(flag!.value, null);
  assert.equal(flag!.discard, true);
  assert.equal(saveMozilla(jar, ALL), text);
  assert.equal(loadMozilla(text, 'c.txt', { ...ALL, ignoreDiscard: false }).size, 1);
  assert.equal(loadMozilla(text, 'c.txt', { ...ALL, ignoreExpires: false, now: 2000000000 }).size, 1);
  assert.throws(() => loadMozilla('#x\n', 'c.txt', ALL), (e: unknown) => e instanceof LoadError && e.message === "'c.txt' does not look like a Netscape format cookies file");
  assert.throws(() => loadMozilla('# HTTP Cookie File\na\tb\n', 'c.txt', ALL), { name: 'LoadError', message: "invalid Netscape format cookies file 'c.txt': 'a\\tb'" });
});

test('LWP: Set-Cookie3 quoting, dates, nonstandard attributes sorted, round trip', () => {
  const jar = new CookieJar();
  jar.setCookie(cookie({ value: 'a "b"', port: '80,8080', port_specified: true, expires: 1700000000, discard: false, secure: true, rest: { Zed: null, HttpOnly: '' }, comment: 'hi there' }));
  const text = saveLwp(jar, ALL);
  assert.equal(text, '#LWP-Cookies-2.0\nSet-Cookie3: n="a \\"b\\""; path="/"; domain="example.com"; port="80,8080"; port_spec; secure; expires="2023-11-14 22:13:20Z"; comment="hi there"; HttpOnly=""; Zed=None; version=0\n');
  const back = [...loadLwp(text, 'j', ALL)][0]!;
  assert.equal(back.value, 'a "b"');
  assert.equal(back.expires, 1700000000);
  assert.deepEqual(back.rest, { HttpOnly: '', Zed: 'None' });
  assert.equal(detectFormat(text, 'j'), 'lwp');
});

test('return policy: each refusal code, in Python order', () => {
  const jar = new CookieJar();
  jar.setCookie(cookie({ name: 'ok' }));
  jar.setCookie(cookie({ name: 'sec', secure: true }));
  jar.setCookie(cookie({ name: 'old', expires: 10 }));
  jar.setCookie(cookie({ name: 'port', port: '8080' }));
  jar.setCookie(cookie({ name: 'v1', version: 1 }));
  jar.setCookie(cookie({ name: 'deep', path: '/a' }));
  jar.setCookie(cookie({ name: 'other', domain: 'other.org' }));
  const codes = decideCookies(jar, 'http://www.example.com/b', 1000).map((d) => [d.cookie.name, d.refusal?.code ?? null]);
  assert.deepEqual(codes, [
    ['ok', null],
    ['sec', 'secure'],
    ['old', 'expires'],
    ['port', 'port'],
    ['v1', 'version'],
    ['deep', 'path-mismatch'],
    ['other', 'domain-mismatch'],
  ]);
});
