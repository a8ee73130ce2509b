import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPARED_FIELDS, compareWhatwg } from '../../src/protocols/url/compare.js';

function field(url: string, name: string) {
  return compareWhatwg(url).fields.find((f) => f.field === name)!;
}

test('compareWhatwg: a plain URL agrees field by field', () => {
  const c = compareWhatwg('https://user:pw@Example.COM:8443/a/b?q=1#f');
  assert.deepEqual(c.fields.map((f) => f.field), [...COMPARED_FIELDS]);
  assert.equal(c.pythonError, null);
  assert.equal(c.whatwgError, null);
  assert.equal(c.agree, true);
  assert.equal(field('https://Example.COM/', 'hostname').python, 'example.com');
});

test('compareWhatwg: default ports and IPv6 brackets count as agreement', () => {
  const c = compareWhatwg('http://[::1]:80/');
  assert.equal(field('http://[::1]:80/', 'port').python, 80);
  assert.equal(field('http://[::1]:80/', 'port').whatwg, null);
  assert.equal(field('http://[::1]:80/', 'hostname').whatwg, '[::1]');
  assert.equal(c.agree, true);
});

test('compareWhatwg: the backslash confusion an SSRF filter trips on', () => {
  const host = field('http://a@evil.com:80\\@good.com/x', 'hostname');
  assert.equal(host.python, 'good.com');
  assert.equal(host.whatwg, 'evil.com');
  assert.equal(host.agree, false);
});

test('compareWhatwg: errors on either side', () => {
  const bad = compareWhatwg('nope');
  assert.deepEqual(bad.whatwgError, { type: 'TypeError', message: 'Invalid URL' });
  assert.equal(bad.agree, false);
  assert.ok(bad.fields.every((f) => f.whatwg === null && !f.agree));
  const port = field('http://h:99999/', 'port');
  assert.deepEqual(port.pythonError, { type: 'ValueError', message: 'Port out of range 0-65535' });
  assert.equal(port.agree, false);
  const py = compareWhatwg('http://[::1/');
  assert.deepEqual(py.pythonError, { type: 'ValueError', message: 'Invalid IPv6 URL' });
  assert.ok(py.fields.every((f) => f.python === null));
});

test('compareWhatwg: WHATWG rewrites numeric and IDN hosts, Python does not', () => {
  const num = field('http://0x7f.1/', 'hostname');
  assert.equal(num.python, '0x7f.1');
  assert.equal(num.whatwg, '127.0.0.1');
  assert.equal(num.agree, false);
  const idn = field('http://ex\u00e4mple.com/', 'hostname');
  assert.equal(idn.python, 'ex\u00e4mple.com');
  assert.equal(idn.whatwg, 'xn--exmple-cua.com');
});
