// parseRequestHead: BaseHTTPRequestHandler.parse_request's decisions and http.server's
// limits (65536-byte lines, 100 header lines counting the blank one), byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestHead, reprLatin1 } from '../../src/protocols/http/server/request-head.js';

const parse = (text: string, protocol = 'HTTP/1.1') => {
  const b = Buffer.from(text, 'latin1');
  return parseRequestHead(b, 0, b.length, protocol);
};

test('a complete head: method, path, version, headers, end offset', () => {
  const r = parse('GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\nNEXT');
  assert.equal(r.kind, 'head');
  if (r.kind !== 'head') return;
  assert.equal(r.head.method, 'GET');
  assert.equal(r.head.path, '/a?b=1');
  assert.equal(r.head.version, 'HTTP/1.1');
  assert.equal(r.head.headers.get('x-multi'), '1');
  assert.equal(r.head.close, false);
  assert.equal(r.end, r.end > 0 ? 'GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\n'.length : -1);
});

test('bare LF line ends and incomplete heads', () => {
  assert.equal(parse('GET / HTTP/1.1\nHost: x\n\n').kind, 'head');
  assert.equal(parse('GET / HTTP/1.1\r\nHost: x\r\n').kind, 'more');
  assert.equal(parse('GET / HTT').kind, 'more');
  assert.equal(parse('\r\n').kind, 'empty');
});

test('keep-alive follows protocol_version, the request version and Connection', () => {
  const close = (t: string, p?: string) => {
    const r = parse(t, p);
    assert.equal(r.kind, 'head', t);
    return r.kind === 'head' && r.head.close;
  };
  assert.equal(close('GET / HTTP/1.1\r\n\r\n', 'HTTP/1.0'), true);
  assert.equal(close('GET / HTTP/1.0\r\n\r\n'), true);
  assert.equal(close('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n'), false);
  assert.equal(close('GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n', 'HTTP/1.0'), true);
  assert.equal(close('GET / HTTP/1.1\r\nConnection: Close\r\n\r\n'), true);
  assert.equal(close('GET /\r\n\r\n'), true);
  // HTTP/0.9 too reads headers (parse_request always does): more bytes are needed.
  assert.equal(parse('GET /\r\n').kind, 'more');
});

test("errors carry Python's messages and say whether a status line goes out", () => {
  const err = (t: string) => {
    const r = parse(t);
    assert.equal(r.kind, 'error', t);
    return r.kind === 'error' ? r.error : undefined;
  };
  assert.deepEqual(
    [err('GARBAGE\r\n\r\n')!.code, err('GARBAGE\r\n\r\n')!.message, err('GARBAGE\r\n\r\n')!.version],
    [400, "Bad request syntax ('GARBAGE')", 'HTTP/0.9'],
  );
  assert.equal(err('GET / HTTP/x.1\r\n\r\n')!.message, "Bad request version ('HTTP/x.1')");
  assert.equal(err('GET / HTTP/1\r\n\r\n')!.message, "Bad request version ('HTTP/1')");
  assert.equal(err('GET / HTTP/12345678901.1\r\n\r\n')!.message, "Bad request version ('HTTP/12345678901.1')");
  const v2 = err('GET / HTTP/2.0\r\n\r\n')!;
  assert.deepEqual([v2.code, v2.message, v2.version], [505, 'Invalid HTTP version (2.0)', 'HTTP/0.9']);
  const four = err('GET / x HTTP/1.1\r\n\r\n')!;
  assert.deepEqual([four.code, four.message, four.version], [400, "Bad request syntax ('GET / x HTTP/1.1')", 'HTTP/1.1']);
  assert.equal(err('POST /\r\n\r\n')!.message, "Bad HTTP/0.9 request type ('POST')");
  assert.equal(err("GET /a'b\" c\r\n\r\n")!.message, `Bad request version ('c')`);
});

test('CVE-2021-28861: a leading // is reduced to one /', () => {
  const r = parse('GET //evil.com/..%2f..%2f/sub HTTP/1.1\r\n\r\n');
  assert.equal(r.kind === 'head' && r.head.path, '/evil.com/..%2f..%2f/sub');
});

test('request line limit: 65536 bytes with its CRLF is fine, one more is 414 logged as ""', () => {
  const ok = 'GET /' + 'a'.repeat(65536 - 'GET / HTTP/1.1\r\n'.length) + ' HTTP/1.1\r\n\r\n';
  assert.equal(parse(ok).kind, 'head');
  const long = 'GET /' + 'a'.repeat(65537 - 'GET / HTTP/1.1\r\n'.length) + ' HTTP/1.1\r\n\r\n';
  const r = parse(long);
  assert.equal(r.kind === 'error' && r.error.code, 414);
  assert.equal(r.kind === 'error' && r.error.requestLine, '');
  // No newline yet, but already too long: 414 without waiting for more.
  assert.equal(parse('GET /' + 'a'.repeat(70000)).kind, 'error');
});

test('header limits: line too long, 99 headers fine, 100 (with the blank line 101) too many', () => {
  const line = 'X: ' + 'a'.repeat(65536 - 5) + '\r\n';
  assert.equal(parse('GET / HTTP/1.1\r\n' + line + '\r\n').kind, 'head');
  const long = parse('GET / HTTP/1.1\r\nX: ' + 'a'.repeat(65536) + '\r\n\r\n');
  assert.deepEqual(long.kind === 'error' && [long.error.code, long.error.message, long.error.explain], [431, 'Line too long', 'got more than 65536 bytes when reading header line']);
  const many = (n: number) => 'GET / HTTP/1.1\r\n' + Array.from({ length: n }, (_, i) => `H${i}: v\r\n`).join('') + '\r\n';
  assert.equal(parse(many(99)).kind, 'head');
  const r = parse(many(100));
  assert.deepEqual(r.kind === 'error' && [r.error.code, r.error.message, r.error.explain], [431, 'Too many headers', 'got more than 100 headers']);
});

test('header lines: folding continues a field, a line without a name ends the fields', () => {
  const r = parse('GET / HTTP/1.1\r\nA: 1\r\n  more\r\nBad Line\r\nB: 2\r\n\r\n');
  assert.equal(r.kind, 'head');
  if (r.kind !== 'head') return;
  assert.equal(r.head.headers.get('a'), '1\r\n  more');
  assert.equal(r.head.headers.get('b'), undefined);
});

test("reprLatin1 is Python's repr of a latin-1 str", () => {
  assert.equal(reprLatin1("a'b"), `"a'b"`);
  assert.equal(reprLatin1('a\x1b\x85\xe9\\'), "'a\\x1b\\x85é\\\\'");
});
