// CGI script selection against real files in a temp dir: is_cgi's (dir, rest) split,
// run_cgi's walk into nested directories, SCRIPT_NAME / PATH_INFO / QUERY_STRING vectors
// from CPython's test_httpservers.py CGI tests, Python's 404/403 messages, and netkit's
// containment rule (traversal, double encoding, symlinks out of the CGI dir or the root).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCgi, isPython, selectCgi, type CgiSelection } from '../../src/protocols/http/server/cgi/index.js';

let base = '';
let root = '';
const SH = '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\nran\\n"\n';

before(() => {
  base = mkdtempSync(join(tmpdir(), 'netkit-cgi-select-'));
  root = join(base, 'root');
  mkdirSync(join(root, 'cgi-bin', 'child-dir'), { recursive: true });
  mkdirSync(join(root, 'htbin'));
  mkdirSync(join(root, 'sub', 'dir', 'cgi-bin'), { recursive: true });
  const exe = (p: string, text = SH): void => {
    writeFileSync(join(root, p), text);
    chmodSync(join(root, p), 0o755);
  };
  exe('cgi-bin/file1.py');
  exe('cgi-bin/child-dir/file3.py');
  exe('cgi-bin/env.sh');
  exe('htbin/h.sh');
  exe('sub/dir/cgi-bin/file5.py');
  exe('nocgi.py');
  exe('x.sh'); // in the root, outside every CGI directory
  writeFileSync(join(root, 'cgi-bin', 'plain.sh'), SH); // not executable
  chmodSync(join(root, 'cgi-bin', 'plain.sh'), 0o644);
  writeFileSync(join(base, 'outside.sh'), SH);
  chmodSync(join(base, 'outside.sh'), 0o755);
  symlinkSync(join(base, 'outside.sh'), join(root, 'cgi-bin', 'escape.sh'));
  symlinkSync(join(root, 'x.sh'), join(root, 'cgi-bin', 'to-root.sh'));
  symlinkSync(join(root, 'cgi-bin', 'env.sh'), join(root, 'cgi-bin', 'alias.sh'));
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'e.sh'), SH);
  chmodSync(join(base, 'elsewhere', 'e.sh'), 0o755);
  symlinkSync(join(base, 'elsewhere'), join(root, 'htbin', 'linked'));
});

after(() => rmSync(base, { recursive: true, force: true }));

function scriptOf(sel: CgiSelection): { scriptName: string; pathInfoRaw: string; query: string; file: string } {
  assert.equal(sel.kind, 'script', JSON.stringify(sel));
  if (sel.kind !== 'script') throw new Error('unreachable');
  return { scriptName: sel.script.scriptName, pathInfoRaw: sel.script.pathInfoRaw, query: sel.script.query, file: sel.script.scriptFile.slice(root.length) };
}

test('is_cgi: the collapsed path split at the CGI directory', () => {
  assert.deepEqual(isCgi('/cgi-bin/file1.py'), { dir: '/cgi-bin', rest: 'file1.py' });
  assert.deepEqual(isCgi('cgi-bin/file1.py'), { dir: '/cgi-bin', rest: 'file1.py' }); // issue2254
  assert.deepEqual(isCgi('/cgi-bin%2ffile1.py'), { dir: '/cgi-bin', rest: 'file1.py' });
  assert.deepEqual(isCgi('/htbin/a/b?q=1/2'), { dir: '/htbin', rest: 'a/b?q=1/2' });
  assert.deepEqual(isCgi('//cgi-bin/x'), { dir: '/cgi-bin', rest: 'x' });
  assert.deepEqual(isCgi('/a/../cgi-bin/./x'), { dir: '/cgi-bin', rest: 'x' });
  assert.equal(isCgi('/cgi-bin'), undefined); // '/cgi-bin' collapses to '//cgi-bin'
  assert.equal(isCgi('/cgi-binx/y'), undefined);
  assert.equal(isCgi('/docs/cgi-bin/y'), undefined);
  assert.deepEqual(isCgi('/sub/dir/cgi-bin/file5.py', ['/sub/dir/cgi-bin']), { dir: '/sub/dir/cgi-bin', rest: 'file5.py' });
  assert.throws(() => isCgi('/..'), { name: 'IndexError' });
});

test('is_python: splitext rules', () => {
  assert.equal(isPython('/cgi-bin/a.py'), true);
  assert.equal(isPython('/cgi-bin/a.PYW'), true);
  assert.equal(isPython('/cgi-bin/.py'), false);
  assert.equal(isPython('/cgi-bin/a.py.sh'), false);
  assert.equal(isPython('/cgi.py/a'), false);
});

test('vectors from test_httpservers.py run the right file', async () => {
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin/file1.py', { root })), { scriptName: '/cgi-bin/file1.py', pathInfoRaw: '', query: '', file: '/cgi-bin/file1.py' });
  assert.deepEqual(scriptOf(await selectCgi('cgi-bin/file1.py', { root })).file, '/cgi-bin/file1.py');
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin%2ffile1.py', { root })).file, '/cgi-bin/file1.py');
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin/child-dir/file3.py', { root })), { scriptName: '/cgi-bin/child-dir/file3.py', pathInfoRaw: '', query: '', file: '/cgi-bin/child-dir/file3.py' });
  assert.equal(scriptOf(await selectCgi('/cgi-bin/file1.py?a=b?c=d', { root })).query, 'a=b?c=d');
  const slashes = scriptOf(await selectCgi('/cgi-bin/file1.py?k=aa%2F%2Fbb&//q//p//=//a//b//', { root }));
  assert.equal(slashes.query, 'k=aa%2F%2Fbb&//q//p//=//a//b//');
  assert.equal(slashes.pathInfoRaw, '');
  const sub = await selectCgi('/sub/dir/cgi-bin/file5.py', { root, cgiDirectories: ['/cgi-bin', '/htbin', '/sub/dir/cgi-bin'] });
  assert.equal(scriptOf(sub).file, '/sub/dir/cgi-bin/file5.py');
});

test('PATH_INFO and QUERY_STRING splitting', async () => {
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin/env.sh/a/b%20c?x=1', { root })), { scriptName: '/cgi-bin/env.sh', pathInfoRaw: '/a/b c', query: 'x=1', file: '/cgi-bin/env.sh' });
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin/env.sh/a%252Fb/?', { root })), { scriptName: '/cgi-bin/env.sh', pathInfoRaw: '/a%2Fb/', query: '', file: '/cgi-bin/env.sh' });
  assert.deepEqual(scriptOf(await selectCgi('/cgi-bin/child-dir/file3.py/more/../x', { root })), { scriptName: '/cgi-bin/child-dir/file3.py', pathInfoRaw: '/x', query: '', file: '/cgi-bin/child-dir/file3.py' });
  assert.deepEqual(scriptOf(await selectCgi('/htbin/h.sh?', { root })).scriptName, '/htbin/h.sh');
});

test("Python's 404 and 403 messages", async () => {
  assert.deepEqual(await selectCgi('/cgi-bin/invalid', { root }), { kind: 'error', status: 404, message: "No such CGI script ('/cgi-bin/invalid')" });
  assert.deepEqual(await selectCgi('///////////nocgi.py/../cgi-bin/nothere.sh', { root }), { kind: 'error', status: 404, message: "No such CGI script ('/cgi-bin/nothere.sh')" });
  assert.deepEqual(await selectCgi('/cgi-bin/plain.sh', { root }), { kind: 'error', status: 403, message: "CGI script is not executable ('/cgi-bin/plain.sh')" });
  assert.deepEqual(await selectCgi('/cgi-bin/', { root }), { kind: 'error', status: 403, message: "CGI script is not a plain file ('/cgi-bin/')" });
  assert.deepEqual(await selectCgi('/cgi-bin/child-dir/', { root }), { kind: 'error', status: 403, message: "CGI script is not a plain file ('/cgi-bin/child-dir/')" });
  assert.deepEqual(await selectCgi('/nocgi.py', { root }), { kind: 'not-cgi' });
  assert.deepEqual(await selectCgi('/cgi-bin/../x.sh', { root }), { kind: 'not-cgi' });
});

test('traversal never selects a script outside the CGI directories', async () => {
  for (const path of ['/cgi-bin/../../etc/passwd', '/cgi-bin/%2e%2e/%2e%2e/etc/passwd', '/cgi-bin/..%2f..%2fetc/passwd', '/../cgi-bin/x']) {
    const sel = await selectCgi(path, { root });
    assert.notEqual(sel.kind, 'script', path);
  }
  // Double encoding: 3.11 unquotes twice (is_cgi, then translate_path) and would run <root>/x.sh.
  assert.deepEqual(await selectCgi('/cgi-bin/%252e%252e/x.sh', { root }), { kind: 'error', status: 403, message: "CGI script is outside the CGI directories ('/cgi-bin/%2e%2e/x.sh')" });
  assert.deepEqual(await selectCgi('/htbin/%252e%252e/cgi-bin/env.sh', { root }), { kind: 'error', status: 403, message: "CGI script is outside the CGI directories ('/htbin/%2e%2e/cgi-bin/env.sh')" });
  // Symlinks: out of the root, to the root outside a CGI dir, a linked dir outside the root.
  assert.equal((await selectCgi('/cgi-bin/escape.sh', { root })).kind, 'error');
  assert.equal((await selectCgi('/cgi-bin/to-root.sh', { root })).kind, 'error');
  assert.equal((await selectCgi('/htbin/linked/e.sh', { root })).kind, 'error');
  // A symlink that stays inside the CGI directory is fine.
  assert.equal(scriptOf(await selectCgi('/cgi-bin/alias.sh', { root })).file, '/cgi-bin/alias.sh');
  // A CGI directory that is itself a link out of the root.
  const root2 = join(base, 'root2');
  mkdirSync(root2);
  symlinkSync(join(base, 'elsewhere'), join(root2, 'cgi-bin'));
  assert.deepEqual(await selectCgi('/cgi-bin/e.sh', { root: root2 }), { kind: 'error', status: 403, message: "CGI script is outside the CGI directories ('/cgi-bin/e.sh')" });
});

test("a '..' above the root is Python's IndexError: 400 here", async () => {
  assert.deepEqual(await selectCgi('/cgi-bin/../../x', { root }), { kind: 'error', status: 400, message: "Bad request path ('/cgi-bin/../../x')" });
});
