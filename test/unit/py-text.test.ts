// Python text rules: int(text, base), str.strip(), repr().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyInt, pyStrip } from '../../src/protocols/core/py-text.js';
import { pyRepr } from '../../src/protocols/core/errors.js';

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
