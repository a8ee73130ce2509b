// Python text rules: int(text, base), str.strip(), repr().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intErrorMessage, parsePyInt, pyRepr, pyStrip } from '../../src/protocols/core/py-text.js';

test('int(text, 10)', () => {
  const cases: Array<[string, bigint | undefined]> = [
    ['404', 404n],
    [' 0404 ', 404n],
    ['-1', -1n],
    ['+7', 7n],
    ['1_000', 1000n],
    ['1__0', undefined],
    ['_1', undefined],
    ['1_', undefined],
    ['', undefined],
    [' ', undefined],
    ['٤٠٤', 404n],
    ['\u3000404\u2028', 404n],
    ['4 04', undefined],
    ['0x10', undefined],
    ['１２', 12n],
  ];
  for (const [text, want] of cases) assert.equal(parsePyInt(text, 10), want, JSON.stringify(text));
});

test('int(text, 16)', () => {
  assert.equal(parsePyInt('0xff', 16), 255n);
  assert.equal(parsePyInt('0X_f_f', 16), 255n);
  assert.equal(parsePyInt('ff', 16), 255n);
  assert.equal(parsePyInt('0x', 16), undefined);
  assert.equal(parsePyInt('Ａ', 16), undefined);
  assert.equal(parsePyInt('𝟗', 16), 9n);
});

test('str.strip() uses Python whitespace, not JavaScript\'s', () => {
  assert.equal(pyStrip('\x1c a \x85'), 'a');
  assert.equal(pyStrip('\ufeffa'), '\ufeffa');
});

test('repr()', () => {
  assert.equal(pyRepr('abc'), "'abc'");
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\'b"c'), "'a\\'b\"c'");
  assert.equal(pyRepr('\t\n\\\x00\x7f'), "'\\t\\n\\\\\\x00\\x7f'");
  assert.equal(pyRepr('é\u200b\ud800😀'), "'é\\u200b\\ud800😀'");
});

test('int() treats \\x1c-\\x1f as junk but non-ASCII spaces as spaces', () => {
  assert.equal(parsePyInt('\x1c12', 16), undefined);
  assert.equal(parsePyInt('\x8512', 16), 0x12n);
  assert.equal(parsePyInt('12\u2000', 16), 0x12n);
});

test('repr() follows Unicode 14: characters added later are escaped', () => {
  assert.equal(pyRepr('\u{1f6dc}'), "'\\U0001f6dc'");
  assert.equal(pyRepr('\u{1f600}'), "'\u{1f600}'");
});

test("int()'s error quotes at most 200 characters of the repr", () => {
  const msg = intErrorMessage('\u{f0000}'.repeat(32), 16);
  assert.equal(msg, 'invalid literal for int() with base 16: ' + ("'" + '\\U000f0000'.repeat(32)).slice(0, 200));
});

test('int() refuses decimal literals over 4300 digits (CVE-2020-10735), not hex ones', () => {
  assert.equal(parsePyInt('1'.repeat(4300), 10), BigInt('1'.repeat(4300)));
  assert.equal(parsePyInt('1'.repeat(4301), 10), undefined);
  assert.equal(parsePyInt('1_'.repeat(4300) + '1', 10), undefined);
  assert.equal(parsePyInt('f'.repeat(5000), 16), BigInt('0x' + 'f'.repeat(5000)));
});
