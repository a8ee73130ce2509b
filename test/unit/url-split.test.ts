import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseResult, SplitResult, urldefrag, urlparse, urlsplit, urlunparse, urlunsplit } from '../../src/protocols/url/split.js';
import { urljoin } from '../../src/protocols/url/join.js';

function raises(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    return true;
  });
}

test('urlsplit: fields, attributes and geturl', () => {
  const r = urlsplit('HTTP://User:Pw@[FE80::1%25Eth0]:080/p?q=1#f');
  assert.ok(r instanceof SplitResult);
  assert.deepEqual(r.toTuple(), ['http', 'User:Pw@[FE80::1%25Eth0]:080', '/p', 'q=1', 'f']);
  assert.equal(r.username, 'User');
  assert.equal(r.password, 'Pw');
  assert.equal(r.hostname, 'fe80::1%25Eth0');
  assert.equal(r.port, 80);
  assert.equal(r.geturl(), 'http://User:Pw@[FE80::1%25Eth0]:080/p?q=1#f');
  const bare = urlsplit('path/only');
  assert.equal(bare.username, null);
  assert.equal(bare.hostname, null);
  assert.equal(bare.port, null);
});

test('urlsplit: leading C0 controls and spaces stripped, tab/CR/LF removed', () => {
  assert.deepEqual(urlsplit(' \x00http://h/a\tb\r\n?q#f').toTuple(), ['http', 'h', '/ab', 'q', 'f']);
  assert.equal(urlsplit('x', ' \tftp\x00 ').scheme, 'ftp');
  assert.deepEqual(urlsplit('http://h/p#f', '', false).toTuple(), ['http', 'h', '/p#f', '', '']);
});

test('urlsplit: Python errors for bad netlocs', () => {
  raises(() => urlsplit('http://[::1/'), 'ValueError', 'Invalid IPv6 URL');
  raises(() => urlsplit('http://[1.2.3.4]/'), 'ValueError', 'An IPv4 address cannot be in brackets');
  raises(() => urlsplit('http://[zz]/'), 'ValueError', "'zz' does not appear to be an IPv4 or IPv6 address");
  raises(() => urlsplit('http://[v1.]/'), 'ValueError', 'IPvFuture address is invalid');
  raises(() => urlsplit('http://\u2100.com/'), 'ValueError', "netloc '\u2100.com' contains invalid characters under NFKC normalization");
  assert.equal(urlsplit('http://[v1.x]/').hostname, 'v1.x');
});

test('port: Python ValueErrors', () => {
  raises(() => urlsplit('http://[::1]:99999/').port, 'ValueError', 'Port out of range 0-65535');
  raises(() => urlsplit('http://h:8a/').port, 'ValueError', "Port could not be cast to integer value as '8a'");
  raises(() => urlsplit('http://h:\u0663/').port, 'ValueError', "Port could not be cast to integer value as '\u0663'");
  raises(
    () => urlsplit('http://h:' + '1'.repeat(10000)).port,
    'ValueError',
    'Exceeds the limit (4300 digits) for integer string conversion: value has 10000 digits; use sys.set_int_max_str_digits() to increase the limit',
  );
  assert.equal(urlsplit('http://h:65535').port, 65535);
  assert.equal(urlsplit('http://h:').port, null);
});

test('urlparse: params of the last segment', () => {
  const r = urlparse('http://h/a;b/c;d?q#f');
  assert.ok(r instanceof ParseResult);
  assert.deepEqual(r.toTuple(), ['http', 'h', '/a;b/c', 'd', 'q', 'f']);
  assert.equal(urlparse('mailto:a;b').params, '');
  assert.equal(r.geturl(), 'http://h/a;b/c;d?q#f');
});

test('urlunsplit / urlunparse / urldefrag', () => {
  assert.equal(urlunsplit(['http', '', 'p', '', '']), 'http:///p');
  assert.equal(urlunsplit(['', 'h', 'p', 'q', 'f']), '//h/p?q#f');
  assert.equal(urlunparse(['http', 'h', '/p', 'x', 'q', '']), 'http://h/p;x?q');
  assert.deepEqual(urldefrag('http://h/p#frag'), { url: 'http://h/p', fragment: 'frag' });
  assert.deepEqual(urldefrag('http://h/p'), { url: 'http://h/p', fragment: '' });
});

test('urljoin: RFC 3986 examples as 3.11 resolves them', () => {
  const base = 'http://a/b/c/d;p?q';
  assert.equal(urljoin(base, '../../../g'), 'http://a/g');
  assert.equal(urljoin(base, 'g;x?y#s'), 'http://a/b/c/g;x?y#s');
  assert.equal(urljoin(base, ''), base);
  assert.equal(urljoin(base, '?y'), 'http://a/b/c/d;p?y');
  assert.equal(urljoin(base, '//g'), 'http://g');
  assert.equal(urljoin(base, '.'), 'http://a/b/c/');
  assert.equal(urljoin('mailto:a@b', 'x'), 'x');
  assert.equal(urljoin('', 'x'), 'x');
});
