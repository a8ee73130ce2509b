// Content-Disposition file names (RFC 6266, RFC 8187 ext-values) and -O's naming rules:
// filename literal, filename* decoded and preferred, directories and leading dots dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeExtValue, dispositionFilename, dispositionParams } from '../../src/protocols/http/content-disposition.js';
import { remoteName, safeFileName } from '../../src/commands/http/remote-name.js';

/** A header value as the engine hands it over: each byte one latin1 character. */
const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

test('parameters: tokens and quoted-strings, names in any case, the first of a name kept', () => {
  assert.deepEqual([...dispositionParams('attachment; FileName="a;b \\"c\\".txt"; size=3; filename=second')], [
    ['filename', 'a;b "c".txt'],
    ['size', '3'],
  ]);
  assert.deepEqual([...dispositionParams('filename=plain.txt')], [['filename', 'plain.txt']]);
  assert.deepEqual([...dispositionParams('inline')], []);
  assert.deepEqual([...dispositionParams('attachment; novalue; filename = "x"')], [['filename', 'x']]);
});

test('filename is literal: no percent-decoding, quoted-string escapes undone', () => {
  assert.equal(dispositionFilename('attachment; filename="100%.txt"'), '100%.txt');
  assert.equal(dispositionFilename('attachment; filename="a%20b.txt"'), 'a%20b.txt');
  assert.equal(dispositionFilename('attachment; filename=report.csv'), 'report.csv');
  assert.equal(dispositionFilename('attachment; filename="say \\"hi\\".txt"'), 'say "hi".txt');
  assert.equal(dispositionFilename('attachment'), undefined);
  // Raw UTF-8 bytes in the header (as curl would write them), and raw latin1 that is not UTF-8.
  assert.equal(dispositionFilename(latin1('attachment; filename="café.txt"')), 'café.txt');
  assert.equal(dispositionFilename('attachment; filename="caf\u00e9.txt"'), 'caf\u00e9.txt');
});

test('filename* is an RFC 8187 ext-value: UTF-8 and ISO-8859-1, percent-decoded bytes', () => {
  assert.equal(decodeExtValue("UTF-8''%e2%82%ac%20rates.txt"), '€ rates.txt');
  assert.equal(decodeExtValue("utf-8'en'na%C3%AFve.txt"), 'naïve.txt');
  assert.equal(decodeExtValue("iso-8859-1'en'%A3%20rates"), '£ rates');
  assert.equal(decodeExtValue("latin1''caf%E9"), 'café');
  assert.equal(decodeExtValue("UTF-8''100%25.txt"), '100%.txt');
  // Malformed: no charset quotes, a bad escape, invalid UTF-8, an unknown charset, a space.
  assert.equal(decodeExtValue('plain.txt'), undefined);
  assert.equal(decodeExtValue("UTF-8''bad%zz"), undefined);
  assert.equal(decodeExtValue("UTF-8''%C3"), undefined);
  assert.equal(decodeExtValue("koi8-r''%C1"), undefined);
  assert.equal(decodeExtValue("UTF-8''a b"), undefined);
});

test('filename* wins over filename, in either order; a filename* that does not decode falls back', () => {
  assert.equal(dispositionFilename(`attachment; filename="EURO rates.txt"; filename*=utf-8''%e2%82%ac%20rates.txt`), '€ rates.txt');
  assert.equal(dispositionFilename(`attachment; filename*=UTF-8''new.txt; filename="old.txt"`), 'new.txt');
  assert.equal(dispositionFilename(`attachment; filename*=x-unknown''a.txt; filename="fallback.txt"`), 'fallback.txt');
});

test('safe names: directories dropped, leading dots stripped, nothing usable refused', () => {
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('C:\\Users\\x\\evil.exe'), 'evil.exe');
  assert.equal(safeFileName('.bashrc'), 'bashrc');
  assert.equal(safeFileName('...hidden.txt'), 'hidden.txt');
  assert.equal(safeFileName('a.b.txt'), 'a.b.txt');
  for (const bad of ['', '.', '..', '...', 'dir/', '/', 'a/..', '  ', 'x\ny', 'nul\u0000']) assert.equal(safeFileName(bad), undefined, JSON.stringify(bad));
});

test('remoteName: Content-Disposition when usable (fromHeader), else the URL path', () => {
  assert.deepEqual(remoteName('http://h/dl?id=1', 'attachment; filename="r.csv"'), { name: 'r.csv', fromHeader: true });
  assert.deepEqual(remoteName('http://h/files/a.txt', undefined), { name: 'a.txt', fromHeader: false });
  assert.deepEqual(remoteName('http://h/files/a.txt', 'attachment; filename=".."'), { name: 'a.txt', fromHeader: false });
  assert.deepEqual(remoteName('http://h/files/a.txt', 'inline'), { name: 'a.txt', fromHeader: false });
  assert.deepEqual(remoteName('http://h/x', 'attachment; filename="/etc/.profile"'), { name: 'profile', fromHeader: true });
  assert.throws(() => remoteName('http://h/', 'attachment; filename="..."'), { name: 'UsageError', message: '-O: http://h/ has no file name; use -o FILE' });
});
