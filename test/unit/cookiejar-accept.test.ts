// Unit tables for the cookiejar accept side: parse_ns_headers, http2time, make_cookies,
// set_ok, extract_cookies, the Cookie header and CookieJar.clear (expected values from
// CPython 3.11's http.cookiejar with DefaultCookiePolicy()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addCookieHeader,
  Cookie,
  cookieAttrs,
  cookieHeader,
  CookieJar,
  cookieRequest,
  extractCookies,
  headerValues,
  http2time,
  isThirdParty,
  parseNsHeaders,
  reach,
  type CookieInit,
} from '../../src/protocols/cookiejar/index.js';

const NOW = 1700000000;

function cookie(over: Partial<CookieInit>): Cookie {
  return new Cookie({
    version: 0, name: 'n', value: 'v', port: null, port_specified: false, domain: 'www.acme.com', domain_specified: false,
    domain_initial_dot: false, path: '/', path_specified: false, secure: false, expires: null, discard: true, comment: null,
    comment_url: null, rest: {}, ...over,
  });
}

function names(jar: CookieJar): string[] {
  return [...jar].map((c) => `${c.name}@${c.domain}${c.path}`);
}

test('parseNsHeaders: quotes stripped, known attributes lowercased, version 0 added, the first pair kept as is', () => {
  const expected = [[['foo', 'bar'], ['expires', 2209069412], ['version', '0']]];
  assert.deepEqual(parseNsHeaders(['foo=bar; expires=01 Jan 2040 22:23:32 GMT']), expected);
  assert.deepEqual(parseNsHeaders(['foo=bar; expires="01 Jan 2040 22:23:32 GMT"']), expected);
  assert.deepEqual(parseNsHeaders(['foo=bar; Version="1"']), [[['foo', 'bar'], ['version', '1']]]);
  assert.deepEqual(parseNsHeaders(['expires=01 Jan 2040 22:23:32 GMT']), [[['expires', '01 Jan 2040 22:23:32 GMT'], ['version', '0']]]);
  assert.deepEqual(parseNsHeaders(['a; Max-Age; Secure=; X=1; ;']), [[['a', null], ['max-age', null], ['secure', ''], ['X', '1'], ['version', '0']]]);
  assert.deepEqual(parseNsHeaders(['', '=value; path=/']), []);
  assert.throws(() => parseNsHeaders(['a=1; expires=Wed, 09 Foo 2033 23:12:40 GMT']), { name: 'ValueError' });
});

test('http2time: the formats of CPython test_http2time_formats, garbage, the century of two-digit years', () => {
  for (const s of ['Thu, 03 Feb 1994 00:00:00 GMT', 'Thursday, 03-Feb-94 00:00:00 GMT', '03-Feb-1994 00:00', '02-Feb-1994 24:00', '03-Feb-94', '  03   Feb   1994  0:00  ']) {
    for (const t of [s, s.toLowerCase(), s.toUpperCase()]) assert.equal(http2time(t, NOW), 760233600, t);
  }
  for (const s of ['', 'Garbage', '01-00-1980', '32-01-1980', '01-01-1980 00:00:62', '08-Oct-3697739', 'Wed, 09 Feb 1994834 22:23:32 GMT', '01 Jan 2030 10:00 EST']) {
    assert.equal(http2time(s, NOW), null, s);
  }
  assert.equal(http2time('03-Feb-74', NOW), 129081600); // 1974 seen from 2023
  assert.equal(http2time('03-Feb-74', 1780000000), 3284841600); // 2074 seen from 2026
  assert.equal(http2time('01 Jan 2030 10:00:00 +0100', NOW), 1893488400);
  // LOOSE_HTTP_DATE_RE must not backtrack catastrophically (CPython's ReDoS regression input)
  assert.equal(http2time(`01 Jan 1970${' '.repeat(100000)}00:00:00 GMT!`, NOW), null);
  assert.equal(http2time(`01 Jan 1970 00:00:00${' '.repeat(100000)}GMT!`, NOW), null);
});

test('extractCookies: default paths and domains, RFC 2109 as Netscape, port defaults, max-age', () => {
  const jar = new CookieJar();
  const decisions = extractCookies(jar, { 'set-cookie': ['a=1', 'b=2; version=1', 'c=3; max-age=60; domain=acme.com; port', 'd=4; port=80,81'] }, 'http://www.acme.com/blah/rhubarb', NOW);
  assert.deepEqual(decisions.map((d) => d.refusal), [null, null, null, null]);
  assert.deepEqual(names(jar), ['a@www.acme.com/blah', 'd@www.acme.com/blah', 'b@www.acme.com/blah/', 'c@.acme.com/blah']);
  const [a, d, b, c] = [...jar];
  assert.equal(a!.discard, true);
  assert.deepEqual([b!.version, b!.rfc2109], [0, true]);
  assert.deepEqual([c!.expires, c!.port, c!.port_specified, c!.domain_specified, c!.domain_initial_dot], [NOW + 60, '80', false, true, false]);
  assert.deepEqual([d!.port, d!.port_specified], ['80,81', true]);
  // the Cookie header: longest path first, jar order among equals
  assert.equal(cookieHeader(jar, 'http://www.acme.com/blah/x', NOW), 'b=2; a=1; d=4; c=3');
  assert.equal(cookieHeader(jar, 'http://www.acme.com:8080/blah/x', NOW), 'b=2; a=1');
  assert.equal(cookieHeader(jar, 'http://www.acme.com/', NOW), null);
});

test('extractCookies: set_ok refusals carry the check and Python debug message', () => {
  const jar = new CookieJar();
  const refusals = (url: string, values: string[]) => extractCookies(jar, values.map((v): [string, string] => ['Set-Cookie', v]), url, NOW).map((d) => d.refusal);
  assert.deepEqual(refusals('http://evil.com/', ['foo=bar; domain=.localhost', 'x=1; domain=.acme.com', 'y=1; domain=.com']), [
    { code: 'domain', message: 'non-local domain .localhost contains no embedded dot' },
    { code: 'domain', message: 'effective request-host evil.com (even with added initial dot) does not end with .acme.com' },
    { code: 'domain', message: 'non-local domain .com contains no embedded dot' },
  ]);
  assert.deepEqual(refusals('http://www.acme.com:8080/', ['p=1; port=80', 'q=1; port=x,8080']), [
    { code: 'port', message: 'request port (8080) not found in 80' },
    { code: 'port', message: 'bad port x (not numeric)' },
  ]);
  // the .local rules: a dotless host may name itself as the domain, not a foreign one
  assert.deepEqual(refusals('http://localhost/', ['a=1; domain=localhost', 'b=1; domain=.evil.com']), [
    null,
    { code: 'domain', message: 'effective request-host localhost.local (even with added initial dot) does not end with .evil.com' },
  ]);
  assert.deepEqual(names(jar), ['a@.localhost/']);
});

test('extractCookies: an expired cookie deletes the stored one; a max-age past a double drops the whole response', () => {
  const jar = new CookieJar();
  extractCookies(jar, { 'Set-Cookie': ['sid=1; path=/', 'keep=1; path=/'] }, 'http://www.acme.com/', NOW);
  assert.deepEqual(extractCookies(jar, { 'Set-Cookie': ['sid=x; path=/; expires=Wed, 09 Nov 1994 23:12:40 GMT', 'nosuch=1; max-age=0'] }, 'http://www.acme.com/', NOW), []);
  assert.deepEqual(names(jar), ['keep@www.acme.com/']);
  // int(float(expires)) raises OverflowError: Python drops every Set-Cookie cookie of the response
  assert.deepEqual(extractCookies(jar, { 'Set-Cookie': [`a=1; max-age=${'9'.repeat(400)}`, 'b=2'] }, 'http://www.acme.com/', NOW), []);
  // a max-age without value raises TypeError there: the same
  assert.deepEqual(extractCookies(jar, { 'Set-Cookie': ['a=1', 'b=2; max-age'] }, 'http://www.acme.com/', NOW), []);
  // a bad max-age only drops its own cookie
  assert.deepEqual(extractCookies(jar, { 'Set-Cookie': ['a=1', 'b=2; max-age=oops'] }, 'http://www.acme.com/', NOW).map((d) => d.cookie.name), ['a']);
});

test('makeCookies: Set-Cookie2 alone is ignored; beside Set-Cookie it is read and refused unless version 0', () => {
  const jar = new CookieJar();
  assert.deepEqual(extractCookies(jar, { 'Set-Cookie2': ['x=1; version=0'] }, 'http://www.acme.com/', NOW), []);
  const ds = extractCookies(jar, { 'Set-Cookie2': ['x=1; version=1', 'y=1', 'z=1; version=0'], 'Set-Cookie': ['a=1'] }, 'http://www.acme.com/', NOW);
  assert.deepEqual(ds.map((d) => [d.cookie.name, d.refusal?.message ?? null]), [
    ['x', 'RFC 2965 cookies are switched off'],
    ['y', 'Set-Cookie2 without version attribute (y=1)'],
    ['z', null],
    ['a', null],
  ]);
});

test('headerValues: records and [name, value] pairs, names case-insensitive', () => {
  assert.deepEqual(headerValues({ 'set-cookie': ['a', 'b'], 'SET-COOKIE': 'c', other: 'x' }, 'Set-Cookie'), ['a', 'b', 'c']);
  assert.deepEqual(headerValues([['Set-Cookie', 'a'], ['X', 'y'], ['set-cookie', 'b']], 'Set-Cookie'), ['a', 'b']);
  assert.deepEqual(headerValues(new Map([['Set-Cookie', 'a']]), 'set-cookie'), ['a']);
});

test('cookieAttrs: $Version, escaped values, $Path, $Domain and $Port for version 1 cookies', () => {
  const v1 = cookie({ version: 1, value: 'a "b"', domain: '.acme.com', domain_specified: true, path: '/p', path_specified: true });
  const v1b = cookie({ version: 1, name: 'm', port: '80,81', port_specified: true, domain: '.acme.com', domain_specified: true, domain_initial_dot: true });
  assert.deepEqual(cookieAttrs([v1b, v1]), ['$Version=1', 'n=a \\"b\\"', '$Path="/p"', '$Domain="acme.com"', 'm=v', '$Domain=".acme.com"', '$Port="80,81"']);
  assert.deepEqual(cookieAttrs([cookie({ value: null, name: 'flag' }), cookie({ value: 'a "b"' })]), ['flag', 'n=a "b"']);
});

test('addCookieHeader clears expired cookies after the header, as add_cookie_header does', () => {
  const jar = new CookieJar();
  jar.setCookie(cookie({ name: 'old', expires: NOW }));
  jar.setCookie(cookie({ name: 'new', expires: NOW + 1 }));
  assert.equal(addCookieHeader(jar, 'http://www.acme.com/', NOW), 'new=v');
  assert.deepEqual(names(jar), ['new@www.acme.com/']);
});

test('CookieJar.clear: KeyError and ValueError as Python; emptied domains keep their place', () => {
  const jar = new CookieJar();
  jar.setCookie(cookie({ domain: 'a.com', name: 'x' }));
  jar.setCookie(cookie({ domain: 'b.com', name: 'y' }));
  jar.clear('a.com', '/', 'x');
  jar.setCookie(cookie({ domain: 'a.com', name: 'z' }));
  assert.deepEqual(names(jar), ['z@a.com/', 'y@b.com/']);
  assert.throws(() => jar.clear('a.com', '/', 'x'), { name: 'KeyError', message: "'x'" });
  assert.throws(() => jar.clear('nosuch.com'), { name: 'KeyError' });
  assert.throws(() => jar.clear(null, '/', 'x'), { name: 'ValueError', message: 'domain and path must be given to remove a cookie by name' });
  assert.throws(() => jar.clear(undefined, '/'), { name: 'ValueError', message: 'domain must be given to remove cookies by path' });
  jar.clear('b.com', '/');
  assert.deepEqual(names(jar), ['z@a.com/']);
  jar.setCookie(cookie({ domain: 'b.com', name: 's', discard: true }));
  jar.setCookie(cookie({ domain: 'b.com', name: 'p', discard: false, expires: NOW + 10 }));
  jar.clearSessionCookies();
  assert.deepEqual(names(jar), ['p@b.com/']);
  jar.clearExpiredCookies(NOW + 10);
  assert.equal(jar.size, 0);
  jar.setCookie(cookie({}));
  jar.clear();
  assert.equal(jar.size, 0);
});

test('requests: unverifiable and origin_req_host, reach and third parties', () => {
  const req = cookieRequest('http://img.acme.com/x.png');
  assert.deepEqual([req.unverifiable, req.origin_req_host], [false, 'img.acme.com']);
  assert.deepEqual([reach('www.acme.com'), reach('acme.com'), reach('acme.local'), reach('10.0.0.1')], ['.acme.com', 'acme.com', '.local', '10.0.0.1']);
  assert.equal(isThirdParty(cookieRequest('http://img.acme.com/', { unverifiable: true, origin_req_host: 'www.acme.com' })), false);
  assert.equal(isThirdParty(cookieRequest('http://ads.evil.com/', { unverifiable: true, origin_req_host: 'www.acme.com' })), true);
  // with the default policy a third-party Netscape cookie is still accepted
  const jar = new CookieJar();
  const ds = extractCookies(jar, { 'Set-Cookie': ['t=1'] }, cookieRequest('http://ads.evil.com/', { unverifiable: true, origin_req_host: 'www.acme.com' }), NOW);
  assert.equal(ds[0]!.refusal, null);
});
