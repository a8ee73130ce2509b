// The CGI environment compared with python3 3.11's CGIHTTPRequestHandler: a small python3
// server (ThreadingHTTPServer on 127.0.0.1:0) runs a real sh script that dumps its
// environment; buildCgiEnv must give the same CGI variables for the same request (Python's
// copy of os.environ aside). Also Basic auth edge cases and the safe base environment.
// Skips without python3 3.11 unless NETKIT_REQUIRE_PEERS=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCgiEnv, safeBaseEnv, selectCgi } from '../../src/protocols/http/server/cgi/index.js';

const pyVersion = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8', timeout: 30_000 }).stdout?.trim();
const skip = process.env.NETKIT_REQUIRE_PEERS === '1' ? false : pyVersion === '3.11' ? false : 'python3 3.11 not found';

const SERVER_PY = `
import sys, http.server
class H(http.server.CGIHTTPRequestHandler):
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_port, flush=True)
srv.serve_forever()
`;

/** The variables run_cgi sets (besides os.environ). */
const CGI_VARS = /^(SERVER_SOFTWARE|SERVER_NAME|GATEWAY_INTERFACE|SERVER_PROTOCOL|SERVER_PORT|REQUEST_METHOD|PATH_INFO|PATH_TRANSLATED|SCRIPT_NAME|QUERY_STRING|REMOTE_ADDR|REMOTE_HOST|AUTH_TYPE|REMOTE_USER|CONTENT_TYPE|CONTENT_LENGTH|HTTP_[A-Z_]+)$/;

let base = '';
let root = '';
let server: ChildProcess | undefined;
let port = 0;

before(async () => {
  if (skip) return;
  base = mkdtempSync(join(tmpdir(), 'netkit-cgi-env-'));
  root = join(base, 'root');
  mkdirSync(join(root, 'cgi-bin', 'child-dir'), { recursive: true });
  for (const d of [base, root, join(root, 'cgi-bin'), join(root, 'cgi-bin', 'child-dir')]) chmodSync(d, 0o755); // 3.11 runs scripts as nobody when root
  for (const p of ['cgi-bin/env.sh', 'cgi-bin/child-dir/env.sh']) {
    writeFileSync(join(root, p), '#!/bin/sh\nprintf "Content-Type: text/plain\\n\\n"\nexec env -0\n');
    chmodSync(join(root, p), 0o755);
  }
  writeFileSync(join(base, 'server.py'), SERVER_PY);
  // Python's os.environ is copied into the script's env: keep it tiny and known.
  server = spawn('python3', [join(base, 'server.py')], { cwd: root, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: server!.stdout! });
    rl.once('line', resolve);
    server!.once('exit', () => reject(new Error('python3 server exited')));
  });
  port = Number(line);
});

after(() => {
  server?.kill('SIGKILL');
  if (base) rmSync(base, { recursive: true, force: true });
});

/** Sends raw request bytes to the python server and returns the script's env (HTTP/1.0: closes after). */
function pythonEnv(request: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.setTimeout(10_000, () => sock.destroy(new Error('python3 server timed out')));
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('close', () => {
      const all = Buffer.concat(chunks).toString('latin1');
      const start = all.indexOf('\n\n'); // the script's blank line (Python sends no blank line of its own)
      if (!all.startsWith('HTTP/1.0 200 Script output follows\r\n') || start < 0) return reject(new Error('unexpected reply: ' + all.slice(0, 300)));
      const env: Record<string, string> = {};
      for (const entry of all.slice(start + 2).split('\0')) {
        const eq = entry.indexOf('=');
        if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
      resolve(env);
    });
    sock.end(Buffer.from(request, 'latin1'));
  });
}

interface Case {
  title: string;
  method?: string;
  path: string;
  headers?: Array<[string, string]>;
  body?: string;
}

const CASES: Case[] = [
  { title: 'bare GET, no headers', path: '/cgi-bin/env.sh' },
  { title: 'query and PATH_INFO with escapes', path: '/cgi-bin/env.sh/a%20b/%2e%2e/c%252F?x=1&y=%41+b' },
  { title: 'query without =', path: '/cgi-bin/env.sh?just+words' },
  { title: 'nested directory and a query holding slashes', path: '/cgi-bin/child-dir/env.sh/p?k=aa%2F%2Fbb&//q//p//=//a//b//' },
  { title: 'encoded slash after the CGI dir', path: '/cgi-bin%2fenv.sh/x' },
  {
    title: 'all the headers run_cgi reads',
    path: '/cgi-bin/env.sh/info',
    headers: [
      ['Authorization', 'Basic ' + Buffer.from('alice:s3cret').toString('base64')],
      ['Referer', 'http://example.com/ref?a=1'],
      ['Accept', 'text/html'],
      ['accept', 'application/json;q=0.5'],
      ['User-Agent', 'netkit-test/1.0'],
      ['Cookie', 'a=1'],
      ['Cookie', ''],
      ['COOKIE', 'b=2; c=3'],
      ['X-Other', 'not passed'],
      ['Proxy', 'http://evil/'],
    ],
  },
  { title: 'POST with a body', method: 'POST', path: '/cgi-bin/env.sh', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', '7']], body: 'a=1&b=2' },
  { title: 'Basic with bad base64', path: '/cgi-bin/env.sh', headers: [['Authorization', 'Basic !!!x']] },
  { title: 'Basic without a colon', path: '/cgi-bin/env.sh', headers: [['Authorization', 'Basic ' + Buffer.from('nocolon').toString('base64')]] },
  { title: 'Basic with two colons', path: '/cgi-bin/env.sh', headers: [['Authorization', 'Basic ' + Buffer.from('a:b:c').toString('base64')]] },
  { title: 'Bearer token', path: '/cgi-bin/env.sh', headers: [['Authorization', 'Bearer abc.def']] },
  { title: 'three-word Authorization', path: '/cgi-bin/env.sh', headers: [['Authorization', 'Basic a b']] },
  { title: 'empty Content-Type and Accept', path: '/cgi-bin/env.sh', headers: [['Content-Type', ''], ['Accept', '']] },
];

for (const c of CASES) {
  test(`environment as python3: ${c.title}`, { skip }, async () => {
    const method = c.method ?? 'GET';
    const headers = c.headers ?? [];
    const raw = `${method} ${c.path} HTTP/1.0\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n${c.body ?? ''}`;
    const py = await pythonEnv(raw);
    assert.equal(py.GATEWAY_INTERFACE, 'CGI/1.1');
    const sel = await selectCgi(c.path, { root });
    assert.equal(sel.kind, 'script');
    if (sel.kind !== 'script') return;
    const ours = buildCgiEnv(sel.script, { method, path: c.path, headers, clientAddress: '127.0.0.1' }, { serverSoftware: py.SERVER_SOFTWARE!, serverName: py.SERVER_NAME!, serverPort: port, protocolVersion: 'HTTP/1.0' }, {});
    const pick = (env: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(env).filter(([k]) => CGI_VARS.test(k)).sort());
    assert.deepEqual(pick(ours), pick(py));
    assert.deepEqual(Object.keys(ours).filter((k) => !CGI_VARS.test(k)), []);
  });
}

test('the base environment is minimal: PATH and locale only, no secrets', () => {
  const env = safeBaseEnv({ PATH: '/bin', LANG: 'C.UTF-8', HOME: '/root', NETKIT_PASSWORD: 'x', HTTP_PROXY: 'http://p/', AWS_SECRET_ACCESS_KEY: 'k' });
  assert.deepEqual(env, { PATH: '/bin', LANG: 'C.UTF-8' });
  assert.deepEqual(safeBaseEnv({}), { PATH: '/usr/local/bin:/usr/bin:/bin' });
});
