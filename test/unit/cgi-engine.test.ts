// The CGI engine's own pieces: the capped body reader, upload saving and removal, field
// flattening of nested parts, and shell quoting that survives every character by sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { formFields, parseFieldStorage, readRequestBody, removeUploads, saveUploads, CgiLimitError, DEFAULT_MAX_DEPTH } from '../../src/protocols/cgi/index.js';
import { renderShell, shellName, shellQuote } from '../../src/commands/cgi/shell.js';

const stream = (...chunks: string[]): Readable => Readable.from(chunks.map((c) => Buffer.from(c)));

test('readRequestBody: nothing for GET/HEAD, CONTENT_LENGTH bytes at most, the cap otherwise', async () => {
  assert.equal((await readRequestBody(stream('a=1'), { REQUEST_METHOD: 'get' })).length, 0);
  assert.equal((await readRequestBody(stream('a=1'), { REQUEST_METHOD: 'HEAD' })).length, 0);
  assert.equal(Buffer.from(await readRequestBody(stream('ab', 'cdef'), { REQUEST_METHOD: 'POST', CONTENT_LENGTH: ' 3 ' })).toString(), 'abc');
  assert.equal(Buffer.from(await readRequestBody(stream('ab', 'cd'), { REQUEST_METHOD: 'POST', CONTENT_LENGTH: 'x' })).toString(), 'abcd');
  assert.equal(Buffer.from(await readRequestBody(stream('ab'), { REQUEST_METHOD: 'PUT', CONTENT_LENGTH: '10' })).toString(), 'ab');
  await assert.rejects(readRequestBody(stream('abcdef'), { REQUEST_METHOD: 'POST' }, 5), CgiLimitError);
  await assert.rejects(readRequestBody(stream(''), { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '6' }, 5), /over the limit of 5 bytes/);
  assert.equal((await readRequestBody(stream('abcde'), { REQUEST_METHOD: 'POST' }, 5)).length, 5);
});

const W3C =
  '--AaB03x\r\nContent-Disposition: form-data; name="submit-name"\r\n\r\nLarry\r\n--AaB03x\r\nContent-Disposition: form-data; name="files"\r\nContent-Type: multipart/mixed; boundary=BbC04y\r\n\r\n' +
  '--BbC04y\r\nContent-Disposition: file; filename="file1.txt"\r\nContent-Type: text/plain\r\n\r\n... contents of file1.txt ...\r\n--BbC04y\r\nContent-Disposition: file; filename="file2.gif"\r\nContent-Type: image/gif\r\n\r\nGIF\x00\xff\r\n--BbC04y--\r\n--AaB03x--\r\n';

test('uploads: nested parts flattened under their parent name, saved as file-N with modes 0700/0600, removed on request', () => {
  const form = parseFieldStorage({ REQUEST_METHOD: 'POST', CONTENT_TYPE: 'multipart/form-data; boundary=AaB03x' }, Buffer.from(W3C, 'latin1'));
  const fields = formFields(form);
  assert.deepEqual(fields.map((f) => [f.name, f.value ?? f.part?.filename]), [['submit-name', 'Larry'], ['files', 'file1.txt'], ['files', 'file2.gif']]);
  const parent = mkdtempSync(join(tmpdir(), 'netkit-cgi-unit-'));
  try {
    const uploads = saveUploads(form, parent);
    assert.ok(uploads.dir !== null && uploads.dir.startsWith(parent));
    assert.equal(statSync(uploads.dir).mode & 0o777, 0o700);
    const saved = fields.slice(1).map((f) => uploads.saved.get(f.part!)!);
    assert.deepEqual(saved.map((s) => [s.path, s.size]), [[join(uploads.dir, 'file-1'), 29], [join(uploads.dir, 'file-2'), 5]]);
    assert.deepEqual(readFileSync(saved[1]!.path!), Buffer.from('GIF\x00\xff', 'latin1'));
    assert.equal(statSync(saved[1]!.path!).mode & 0o777, 0o600);
    removeUploads(uploads);
    assert.equal(existsSync(uploads.dir), false);
    const none = saveUploads(form, parent, { discard: true });
    assert.equal(none.dir, null);
    assert.deepEqual([...none.saved.values()].map((s) => s.path), [null, null]);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('shell names: every character outside [A-Za-z0-9_] is one "_"', () => {
  assert.equal(shellName('a-b.c d'), 'a_b_c_d');
  assert.equal(shellName('\u00e9\u{1f600}x'), '__x');
  assert.equal(shellName(null), '');
  assert.equal(shellQuote("a'b"), "'a'\\''b'");
});

test('shell quoting: every character from U+0001 to U+00FF and beyond comes back exactly through sh eval', () => {
  let value = '';
  for (let c = 1; c < 0x100; c++) value += String.fromCharCode(c);
  value += "\u2603\u{1f600}'''\\'$(id)`id`\n\n";
  const { text } = renderShell([{ name: 'x', value }], { dir: null, saved: new Map() }, 'FORM_');
  const r = spawnSync('sh', ['-c', 'eval "$1"; printf %s "$FORM_x"', 'sh', text], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, value);
});

test('multipart nesting is capped (DEFAULT_MAX_DEPTH levels); Python would recurse until RecursionError', () => {
  const nest = (depth: number): string => {
    let body = 'leaf';
    for (let d = depth; d >= 1; d--) body = `--b${d}\r\nContent-Type: multipart/mixed; boundary=b${d + 1}\r\n\r\n${body}\r\n--b${d}--\r\n`;
    return body;
  };
  const env = { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'multipart/form-data; boundary=b1' };
  assert.doesNotThrow(() => parseFieldStorage(env, Buffer.from(nest(DEFAULT_MAX_DEPTH - 1))));
  assert.throws(() => parseFieldStorage(env, Buffer.from(nest(DEFAULT_MAX_DEPTH))), { name: 'CgiLimitError', message: `multipart nesting deeper than ${DEFAULT_MAX_DEPTH} levels` });
});
