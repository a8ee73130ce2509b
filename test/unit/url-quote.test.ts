import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQs, parseQsl, quote, quoteFromBytes, quotePlus, unquote, unquotePlus, unquoteToBytes, urlencode } from '../../src/protocols/url/quote.js';
import { decodeBytes, encodeText, lookupCodec } from '../../src/protocols/url/codec.js';

function raises(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, name);
    assert.equal(e.message, message);
    return true;
  });
}

test('quote / quotePlus', () => {
  assert.equal(quote('a b/\u00e9\u20ac'), 'a%20b/%C3%A9%E2%82%AC');
  assert.equal(quote('a b/', ''), 'a%20b%2F');
  assert.equal(quote('\u00e9', '/', 'latin-1'), '%E9');
  assert.equal(quote('~_.-'), '~_.-');
  assert.equal(quotePlus('a b+c'), 'a+b%2Bc');
  assert.equal(quotePlus('a b', '+'), 'a+b');
  assert.equal(quote('', '/', 'no-such-codec'), '');
  raises(() => quote('a b/\u00e9\u20ac', '/', 'latin-1'), 'UnicodeEncodeError', "'latin-1' codec can't encode character '\\u20ac' in position 5: ordinal not in range(256)");
  raises(() => quote('\u00e9\u20ac', '/', 'ascii'), 'UnicodeEncodeError', "'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)");
  raises(() => quote('\ud800'), 'UnicodeEncodeError', "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed");
  raises(() => quote('x', '/', 'nope'), 'LookupError', 'unknown encoding: nope');
  assert.equal(quote('\u20ac', '/', 'ascii', 'xmlcharrefreplace'), '%26%238364%3B');
  assert.equal(quote('\u20ac', '/', 'ascii', 'replace'), '%3F');
  assert.equal(quote('\u20acx', '/', 'ascii', 'ignore'), 'x');
});

test('unquote / unquotePlus', () => {
  assert.equal(unquote('abc%20def'), 'abc def');
  assert.equal(unquote('%C3%A9%e9x'), '\u00e9\ufffdx');
  assert.equal(unquote('%e9', 'latin1'), '\u00e9');
  assert.equal(unquote('%zz%4'), '%zz%4');
  assert.equal(unquote('\u00e9%41'), '\u00e9A');
  assert.equal(unquotePlus('a+b%2Bc'), 'a b+c');
  raises(() => unquote('%e9%zz%C3%A9', 'utf-8', 'strict'), 'UnicodeDecodeError', "'utf-8' codec can't decode byte 0xe9 in position 0: invalid continuation byte");
  raises(() => unquote('%e9', 'nope'), 'LookupError', 'unknown encoding: nope');
  raises(() => unquote('%e9', 'utf-8', 'nope'), 'LookupError', "unknown error handler name 'nope'");
  assert.equal(unquote('%e9', 'utf-8', 'backslashreplace'), '\\xe9');
});

test('codecs: names, UTF-8 error positions as CPython reports them', () => {
  assert.equal(lookupCodec(' UTF8 '), 'utf-8');
  assert.equal(lookupCodec('ISO-8859-1'), 'latin-1');
  assert.equal(lookupCodec('US_ASCII'), 'ascii');
  raises(() => lookupCodec('cp1252'), 'NetkitError', 'encoding cp1252 is not supported by netkit (only utf-8, latin-1 and ascii)');
  raises(() => decodeBytes(Uint8Array.of(0x61, 0xf0, 0x9f, 0x98), 'utf-8', 'strict'), 'UnicodeDecodeError', "'utf-8' codec can't decode bytes in position 1-3: unexpected end of data");
  raises(() => decodeBytes(Uint8Array.of(0xed, 0xa0, 0x80), 'utf-8', 'strict'), 'UnicodeDecodeError', "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  assert.equal(decodeBytes(Uint8Array.of(0xed, 0xa0, 0x80), 'utf-8', 'replace'), '\ufffd\ufffd\ufffd');
  assert.deepEqual([...encodeText('\udce9', 'ascii', 'surrogateescape')], [0xe9]);
});

test('urlencode', () => {
  assert.equal(urlencode([['a', ['1', '2']], ['b c', 'd&e']]), 'a=%5B%271%27%2C+%272%27%5D&b+c=d%26e');
  assert.equal(urlencode([['a', ['1', '2']]], { doseq: true, quoteVia: 'quote' }), 'a=1&a=2');
  assert.equal(urlencode([['k', 'a b/']], { quoteVia: 'quote', safe: '/' }), 'k=a%20b/');
  assert.equal(urlencode([]), '');
});

test('parseQsl / parseQs', () => {
  assert.deepEqual(parseQsl('a=1&b=&c&a=%20+x'), [['a', '1'], ['a', '  x']]);
  assert.deepEqual(parseQsl('a=1&b=&c', { keepBlankValues: true }), [['a', '1'], ['b', ''], ['c', '']]);
  assert.deepEqual(parseQsl('a=1;b=2', { separator: ';' }), [['a', '1'], ['b', '2']]);
  assert.deepEqual([...parseQs('b=1&a=2&b=3')], [['b', ['1', '3']], ['a', ['2']]]);
  raises(() => parseQsl('a=1&b', { strictParsing: true }), 'ValueError', "bad query field: 'b'");
  raises(() => parseQsl('a=1&&b=2', { strictParsing: true }), 'ValueError', "bad query field: ''");
  raises(() => parseQsl('a=1&b=2', { maxNumFields: 1 }), 'ValueError', 'Max number of fields exceeded');
  raises(() => parseQsl('a=1', { separator: '' }), 'ValueError', 'Separator must be of type string or bytes.');
});

test('quoteFromBytes / unquoteToBytes', () => {
  assert.equal(quoteFromBytes(Uint8Array.of(0x61, 0x20, 0xff, 0x2f), ''), 'a%20%FF%2F');
  assert.deepEqual([...unquoteToBytes('%41%e9\u00e9%zz')], [0x41, 0xe9, 0xc3, 0xa9, 0x25, 0x7a, 0x7a]);
  raises(() => unquoteToBytes('\udc00'), 'UnicodeEncodeError', "'utf-8' codec can't encode character '\\udc00' in position 0: surrogates not allowed");
});
