// cgi.test()'s report from netkit's engine compared byte for byte with python3 3.11
// running `python3 -W ignore -c 'import cgi; cgi.test()' ARG...` with the same
// environment, stdin, working directory and cgi.py path. Skips without python3 3.11
// unless NETKIT_REQUIRE_PEERS=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { cgiTestReport } from '../../src/protocols/cgi/index.js';

/** The python3 on PATH: its executable (the runs below have no PATH) and its cgi.py. */
function python(): { exe: string; cgiPath: string } | undefined {
  const r = spawnSync('python3', ['-W', 'ignore', '-c', 'import sys, cgi; print("%d.%d" % sys.version_info[:2]); print(sys.executable); print(cgi.__file__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return undefined;
  const [version, exe, cgiPath] = r.stdout.trim().split('\n');
  return version === '3.11' ? { exe: exe!, cgiPath: cgiPath! } : undefined;
}

const py = python();
const skip = process.env.NETKIT_REQUIRE_PEERS === '1' ? false : py === undefined ? 'python3 3.11 not found' : false;

const BOUNDARY_BODY = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nA & <b>\r\n--b\r\nContent-Disposition: form-data; name="up"; filename="x\'s.txt"\r\nContent-Type: text/plain\r\n\r\n\xff\x00bytes\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nsecond\r\n--b--\r\n';

const CASES: Array<{ title: string; env: Record<string, string>; body?: string; args?: string[] }> = [
  { title: 'GET with repeated fields and markup', env: { REQUEST_METHOD: 'GET', QUERY_STRING: 'a=1&b=<x>&a=2&\u00e9=%E9' } },
  { title: 'GET with no query: sys.argv[1] is the query', env: { REQUEST_METHOD: 'GET' }, args: ['q=1&r=2', 'extra'] },
  { title: 'no method at all', env: {} },
  { title: 'POST urlencoded under maxlen', env: { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '7', QUERY_STRING: 'z=9' }, body: 'x=1&y=2' },
  { title: 'POST urlencoded over maxlen: the second try raises', env: { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '60' }, body: 'a=' + 'x'.repeat(58) },
  { title: 'multipart with a file and repeated names', env: { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'multipart/form-data; boundary=b', CONTENT_LENGTH: String(Buffer.byteLength(BOUNDARY_BODY, 'latin1')) }, body: BOUNDARY_BODY },
  { title: 'multipart without a boundary', env: { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'multipart/form-data' }, body: 'a=1' },
  { title: 'nested part without a boundary', env: { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'multipart/form-data;boundary=b' }, body: '--b\r\nContent-Type: multipart/mixed\r\n\r\n--b--\r\n' },
  { title: 'text/plain without a length: not indexable', env: { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'text/plain' }, body: 'abc' },
  { title: 'text/plain with a length: read_binary TypeError', env: { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'text/plain', CONTENT_LENGTH: '3' }, body: 'abc' },
  { title: 'negative length', env: { REQUEST_METHOD: 'POST', CONTENT_LENGTH: '-4' }, body: 'a=1' },
];

for (const c of CASES) {
  test(`cgi.test() report: ${c.title}`, { skip }, () => {
    if (!py) assert.fail('python3 3.11 not found (NETKIT_REQUIRE_PEERS=1)');
    const env = { LANG: 'C.UTF-8', ...c.env };
    const body = Buffer.from(c.body ?? '', 'latin1');
    const cwd = tmpdir();
    const r = spawnSync(py.exe, ['-W', 'ignore', '-c', 'import cgi; cgi.test()', ...(c.args ?? [])], { env, cwd, input: body, timeout: 30_000 });
    assert.equal(r.status, 0, r.stderr.toString());
    const ours = cgiTestReport({ env, body, cwd, args: c.args ?? [], cgiPath: py.cgiPath });
    assert.equal(ours, r.stdout.toString('utf8'));
  });
}
