// urlopen for data: (DataHandler) and file: (FileHandler) URLs; expected values from python3.11.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, utimesSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { urlopen, URLError, guessType } from '../../src/protocols/http/urllib/index.js';

test('data: URLs as DataHandler answers them', async () => {
  const table: Array<[string, string, string, string]> = [
    ['data:,hello%20world', 'text/plain;charset=US-ASCII', '11', 'hello world'],
    ['data:text/html;base64,PGI+aGk8L2I+', 'text/html', '9', '<b>hi</b>'],
    ['data:;base64,aGk=', 'text/plain;charset=US-ASCII', '2', 'hi'],
    ['data:;base64,a!Gk=', 'text/plain;charset=US-ASCII', '2', 'hi'],
    ['data:;base64,aGk=extra', 'text/plain;charset=US-ASCII', '2', 'hi'],
    ['data:;base64,YQ==YQ', 'text/plain;charset=US-ASCII', '1', 'a'],
    ['data:text/plain;base64,aGVsbG8gd29ybGQ%3D', 'text/plain', '11', 'hello world'],
    ['data:,a%2Cb,c', 'text/plain;charset=US-ASCII', '5', 'a,b,c'],
    ['data:text/plain;charset=utf-8,%E2%82%AC#frag', 'text/plain;charset=utf-8', '8', '\u20ac#frag'],
  ];
  for (const [url, type, length, body] of table) {
    const res = await urlopen(url);
    assert.equal(res.url, url);
    assert.equal(res.status, undefined);
    assert.deepEqual(res.headers.list, [['Content-type', type], ['Content-length', length]], url);
    assert.equal((await res.bytes()).toString('utf8'), body, url);
  }
});

test('malformed data: URLs raise Python errors', async () => {
  await assert.rejects(urlopen('data:foo'), { message: 'not enough values to unpack (expected 2, got 1)', python: 'ValueError' });
  await assert.rejects(urlopen('data:;base64,aGk'), { message: 'Incorrect padding', python: 'binascii.Error' });
  await assert.rejects(urlopen('data:;base64,a'), { message: 'Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a multiple of 4' });
});

test('file: URLs: headers, final URL, errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'urllib-'));
  try {
    const path = join(dir, '\u00fc x.json');
    writeFileSync(path, '{}');
    utimesSync(path, 1700000000, 1700000000);
    const quoted = dir + '/%C3%BC%20x.json';
    const res = await urlopen('file://' + quoted);
    assert.equal(res.url, 'file://' + quoted);
    assert.deepEqual(res.headers.list, [
      ['Content-type', 'application/json'],
      ['Content-length', '2'],
      ['Last-modified', 'Tue, 14 Nov 2023 22:13:20 GMT'],
    ]);
    assert.equal((await res.bytes()).toString(), '{}');
    assert.equal((await urlopen('file:' + quoted)).url, 'file://' + quoted);
    assert.equal((await urlopen('file://localhost' + quoted)).url, 'file://localhost' + quoted);
    await assert.rejects(urlopen('file://example.com' + quoted), (err: unknown) => {
      assert.ok(err instanceof URLError);
      assert.equal(err.message, '<urlopen error file not on local host>');
      assert.equal(err.kind, 'network');
      return true;
    });
    await assert.rejects(urlopen('file://localhost:80' + quoted), { message: '<urlopen error file not on local host>' });
    await assert.rejects(urlopen(`file://${dir}/nope.txt`), { message: `<urlopen error [Errno 2] No such file or directory: '${dir}/nope.txt'>` });
    await assert.rejects(urlopen(`file://${dir}`), { message: `<urlopen error [Errno 21] Is a directory: '${dir}'>` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mimetypes.guess_type subset', () => {
  assert.deepEqual(guessType('x.tar.gz'), ['application/x-tar', 'gzip']);
  assert.deepEqual(guessType('x.tgz'), ['application/x-tar', 'gzip']);
  assert.deepEqual(guessType('X.TXT'), ['text/plain', undefined]);
  assert.deepEqual(guessType('x.gz'), [undefined, 'gzip']);
  assert.deepEqual(guessType('x.yaml'), [undefined, undefined]);
  assert.deepEqual(guessType('/a.b/c'), [undefined, undefined]);
});
