// The HTTP client engine against a real nginx (test/peers/nginx.ts): byte-exact GETs (1 MiB
// too), HEAD, 404, keep-alive reuse, gzip decoding, Range, HTTPS verified and rejected,
// basic auth, and one GET compared with python3's urllib.request on the same URL. HTTPS is
// nginx serving a server certificate signed by a CA generated for the run: the client trusts
// only the CA (the engine's `ca`, the CLI's --cacert) and fails without it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectionPool, request } from '../../src/protocols/http/client/index.js';
import { runCli } from '../helpers/cli.js';
import { requireBundle, requirePeer } from '../helpers/peers.js';
import { startNginx, type Nginx } from './nginx.js';

const skip = requirePeer('nginx') || requirePeer('openssl');
const BIN_NETKIT = fileURLToPath(new URL('../../bin/netkit', import.meta.url));
const T = 10_000;
let nginx: Nginx | undefined;
let http = '';
let https = '';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
/** The basicConstraints and keyUsage extensions as `openssl x509 -ext` prints them. */
const extensions = (pem: string): string => {
  const r = spawnSync('openssl', ['x509', '-noout', '-ext', 'basicConstraints,keyUsage'], { input: pem, encoding: 'utf8', timeout: T });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
const file = (name: string): Buffer => readFileSync(join(nginx!.docroot, name));

before(async () => {
  if (skip) return;
  nginx = await startNginx();
  http = `http://127.0.0.1:${nginx.httpPort}`;
  https = `https://127.0.0.1:${nginx.httpsPort}`;
});

after(async () => {
  await nginx?.stop();
});

test('GET small and 1 MiB files byte-exact', { skip, timeout: 30_000 }, async () => {
  for (const name of ['hello.txt', 'random.bin']) {
    const res = await request({ url: `${http}/${name}`, pool: false, timeout: T });
    assert.equal(res.status, 200);
    assert.equal(res.reason, 'OK');
    assert.equal(res.httpVersion, 'HTTP/1.1');
    assert.match(res.headers.get('server') ?? '', /^nginx/);
    const body = await res.bytes();
    assert.equal(body.length, file(name).length);
    assert.equal(Number(res.headers.get('content-length')), body.length);
    assert.equal(sha256(body), sha256(file(name)));
    assert.ok(res.timings.total !== undefined && res.timings.total >= res.timings.firstByte);
  }
});

test('HEAD has the headers and no body', { skip, timeout: 30_000 }, async () => {
  const res = await request({ url: `${http}/random.bin`, method: 'HEAD', pool: false, timeout: T });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-length'), String(1024 * 1024));
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  assert.equal((await res.bytes()).length, 0);
});

test('404 has its status and nginx error page', { skip, timeout: 30_000 }, async () => {
  const res = await request({ url: `${http}/no-such-file`, pool: false, timeout: T });
  assert.equal(res.status, 404);
  assert.equal(res.reason, 'Not Found');
  assert.match((await res.bytes()).toString(), /<title>404 Not Found<\/title>/);
});

test('autoindex lists the directory', { skip, timeout: 30_000 }, async () => {
  const res = await request({ url: `${http}/dir/`, pool: false, timeout: T });
  assert.equal(res.status, 200);
  const html = (await res.bytes()).toString();
  assert.match(html, /<a href="a\.txt">a\.txt<\/a>/);
  assert.match(html, /<a href="b\.txt">b\.txt<\/a>/);
});

test('keep-alive: later requests reuse the connection', { skip, timeout: 30_000 }, async () => {
  const pool = new ConnectionPool();
  const reused: boolean[] = [];
  for (const name of ['hello.txt', 'random.bin', 'no-such-file', 'hello.txt', 'text.txt']) {
    const res = await request({ url: `${http}/${name}`, pool, timeout: T });
    const body = await res.bytes();
    if (res.status === 200) assert.equal(sha256(body), sha256(file(name)));
    reused.push(res.reused);
    if (res.reused) assert.equal(res.timings.connect, 0);
  }
  assert.deepEqual(reused, [false, true, true, true, true]);
});

test('gzip: decoded byte-exact with decompress, identity without', { skip, timeout: 30_000 }, async () => {
  const original = file('text.txt');
  const gz = await request({ url: `${http}/text.txt`, decompress: true, pool: false, timeout: T });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gz.decoded, true);
  const decoded = await gz.bytes();
  assert.equal(sha256(decoded), sha256(original));

  // The raw compressed stream when asked for gzip but not decoding: smaller than the text.
  const raw = await request({ url: `${http}/text.txt`, headers: { 'Accept-Encoding': 'gzip' }, pool: false, timeout: T });
  assert.equal(raw.headers.get('content-encoding'), 'gzip');
  assert.equal(raw.decoded, false);
  const compressed = await raw.bytes();
  assert.ok(compressed.length < original.length / 4, `gzip body ${compressed.length} bytes`);
  assert.deepEqual([...compressed.subarray(0, 2)], [0x1f, 0x8b]);

  const plain = await request({ url: `${http}/text.txt`, pool: false, timeout: T });
  assert.equal(plain.headers.get('content-encoding'), undefined);
  assert.equal(sha256(await plain.bytes()), sha256(original));
});

test('Range gives 206 with the requested bytes', { skip, timeout: 30_000 }, async () => {
  const original = file('random.bin');
  const res = await request({ url: `${http}/random.bin`, headers: { Range: 'bytes=1000-4999' }, pool: false, timeout: T });
  assert.equal(res.status, 206);
  assert.equal(res.reason, 'Partial Content');
  assert.equal(res.headers.get('content-range'), `bytes 1000-4999/${original.length}`);
  assert.deepEqual(await res.bytes(), original.subarray(1000, 5000));

  const tail = await request({ url: `${http}/random.bin`, headers: { Range: 'bytes=-100' }, pool: false, timeout: T });
  assert.equal(tail.status, 206);
  assert.deepEqual(await tail.bytes(), original.subarray(original.length - 100));
});

test('the generated CA signs, the server certificate serves: CA:TRUE with keyCertSign, and a separate leaf', { skip }, () => {
  const ca = new X509Certificate(nginx!.caPem);
  const leaf = new X509Certificate(nginx!.certPem);
  assert.equal(ca.ca, true);
  assert.match(extensions(nginx!.caPem), /X509v3 Basic Constraints: critical\n\s*CA:TRUE\n\s*X509v3 Key Usage: critical\n\s*Certificate Sign, CRL Sign\n/);
  assert.equal(leaf.ca, false);
  assert.match(extensions(nginx!.certPem), /X509v3 Basic Constraints: critical\n\s*CA:FALSE\n/);
  assert.notEqual(leaf.fingerprint256, ca.fingerprint256);
  assert.equal(leaf.issuer, ca.subject);
  assert.ok(leaf.checkIssued(ca));
  assert.ok(leaf.verify(ca.publicKey));
  assert.match(leaf.subjectAltName ?? '', /DNS:localhost/);
  assert.match(leaf.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
});

test('HTTPS verified with the generated CA: version and peer certificate', { skip, timeout: 30_000 }, async () => {
  const pool = new ConnectionPool();
  const res = await request({ url: `${https}/random.bin`, ca: nginx!.caPem, pool, timeout: T });
  assert.equal(res.status, 200);
  assert.equal(sha256(await res.bytes()), sha256(file('random.bin')));
  assert.ok(res.tls);
  assert.equal(res.tls.authorized, true);
  assert.match(res.tls.version, /^TLSv1\.[23]$/);
  const peer = res.tls.peerCertificate;
  assert.ok(peer);
  assert.equal(peer.subject['CN'], 'localhost');
  assert.equal(peer.issuer['CN'], 'netkit test CA');
  // What nginx served is the leaf the CA signed, not the CA itself.
  assert.equal(peer.fingerprint256, new X509Certificate(nginx!.certPem).fingerprint256);
  assert.notEqual(peer.fingerprint256, new X509Certificate(nginx!.caPem).fingerprint256);
  assert.match(peer.subjectAltName ?? '', /DNS:localhost/);
  assert.match(peer.subjectAltName ?? '', /IP Address:127\.0\.0\.1/);
  assert.ok(res.timings.tls > 0);

  // Kept alive over TLS too.
  const again = await request({ url: `${https}/hello.txt`, ca: nginx!.caPem, pool, timeout: T });
  assert.equal((await again.bytes()).toString(), 'Hello from nginx!\n');
  assert.equal(again.reused, true);

  // The DNS SAN: the name localhost checked while connecting to 127.0.0.1.
  const named = await request({ url: `${https}/hello.txt`, ca: nginx!.caPem, servername: 'localhost', pool: false, timeout: T });
  assert.equal(named.tls?.authorized, true);
  assert.equal((await named.bytes()).toString(), 'Hello from nginx!\n');
});

test('HTTPS without the CA is rejected (kind tls)', { skip, timeout: 30_000 }, async () => {
  await assert.rejects(request({ url: `${https}/hello.txt`, pool: false, timeout: T }), (err: Error & { kind?: string; python?: string }) => {
    assert.equal(err.kind, 'tls');
    assert.equal(err.python, 'ssl.SSLCertVerificationError');
    assert.match(err.message, /CERTIFICATE_VERIFY_FAILED/);
    return true;
  });
});

/** Writes the CA and the server certificate where --cacert can name them; returns the directory. */
function pemDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-nginx-ca-'));
  writeFileSync(join(dir, 'ca.pem'), nginx!.caPem);
  writeFileSync(join(dir, 'leaf.pem'), nginx!.certPem);
  return dir;
}

const VERIFY_FAILED = '<urlopen error [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate>';

test('CLI: http get, url open and url retrieve trust the generated CA with --cacert; without it, or with only the server certificate, exit 6', { skip, timeout: 30_000 }, async () => {
  const dir = pemDir();
  try {
    const url = `${https}/hello.txt`;
    for (const argv of [['http', 'get'], ['url', 'open']]) {
      const r = await runCli([...argv, '--cacert', 'ca.pem', url], { cwd: dir });
      assert.deepEqual(r, { code: 0, stdout: 'Hello from nginx!\n', stderr: '' });
      for (const extra of [[], ['--cacert', 'leaf.pem']]) {
        const bad = await runCli([...argv, ...extra, url], { cwd: dir });
        assert.equal(bad.code, 6, bad.stderr);
        assert.equal(bad.stdout, '');
        assert.equal(bad.stderr, `netkit: ${argv.join(' ')}: ${VERIFY_FAILED}\n`);
      }
    }
    const got = await runCli(['url', 'retrieve', '--cacert', 'ca.pem', `${https}/random.bin`, 'out.bin'], { cwd: dir });
    assert.equal(got.code, 0, got.stderr);
    assert.equal(sha256(readFileSync(join(dir, 'out.bin'))), sha256(file('random.bin')));
    const refused = await runCli(['url', 'retrieve', `${https}/random.bin`, 'none.bin'], { cwd: dir });
    assert.equal(refused.code, 6, refused.stderr);
    assert.equal(refused.stderr, `netkit: url retrieve: ${VERIFY_FAILED}\n`);
    assert.deepEqual(readdirSync(dir).sort(), ['ca.pem', 'leaf.pem', 'out.bin']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const PY_TLS = `
import json, ssl, sys, urllib.error, urllib.request
url, cafile = sys.argv[1], sys.argv[2]
ctx = ssl.create_default_context(cafile=cafile) if cafile else None
try:
    with urllib.request.urlopen(url, timeout=10, context=ctx) as r:
        print(json.dumps({"status": r.status, "body": r.read().decode()}))
except urllib.error.URLError as e:
    print(json.dumps({"error": type(e.reason).__name__, "message": str(e)}))
`;

test('python3 urllib.request against the same nginx: the CA verifies, the server certificate alone does not, in the same words', { skip: skip || requirePeer('python3'), timeout: 30_000 }, async () => {
  const dir = pemDir();
  try {
    const url = `${https}/hello.txt`;
    const py = (cafile: string): Promise<{ status?: number; body?: string; error?: string; message?: string }> =>
      new Promise((resolve, reject) => {
        execFile('python3', ['-c', PY_TLS, url, cafile], { timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))));
      });
    assert.deepEqual(await py(join(dir, 'ca.pem')), { status: 200, body: 'Hello from nginx!\n' });
    for (const [cafile, extra] of [['', []], [join(dir, 'leaf.pem'), ['--cacert', 'leaf.pem']]] as const) {
      const theirs = await py(cafile);
      assert.equal(theirs.error, 'SSLCertVerificationError');
      const ours = await runCli(['url', 'open', ...extra, url], { cwd: dir });
      assert.equal(ours.code, 6);
      // The same text, but for the CPython source position it appends: " (_ssl.c:1006)".
      assert.equal(`netkit: url open: ${theirs.message!.replace(/ \(_ssl\.c:\d+\)>$/, '>')}\n`, ours.stderr);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('basic auth: 401 with a challenge, then 200 with an Authorization header', { skip, timeout: 30_000 }, async () => {
  const url = `${http}/private/secret.txt`;
  const denied = await request({ url, pool: false, timeout: T });
  assert.equal(denied.status, 401);
  assert.equal(denied.headers.get('www-authenticate'), 'Basic realm="netkit"');
  await denied.bytes();

  const wrong = Buffer.from(`${nginx!.user}:wrong`).toString('base64');
  const bad = await request({ url, headers: { Authorization: `Basic ${wrong}` }, pool: false, timeout: T });
  assert.equal(bad.status, 401);
  await bad.bytes();

  const token = Buffer.from(`${nginx!.user}:${nginx!.password}`).toString('base64');
  const ok = await request({ url, headers: { Authorization: `Basic ${token}` }, pool: false, timeout: T });
  assert.equal(ok.status, 200);
  assert.equal((await ok.bytes()).toString(), 'top secret\n');
});

const PY = `
import hashlib, json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r:
    body = r.read()
    print(json.dumps({"status": r.status, "length": len(body), "sha256": hashlib.sha256(body).hexdigest(), "type": r.headers.get("Content-Type")}))
`;

test('same status and body as python3 urllib.request', { skip: skip || requirePeer('python3'), timeout: 30_000 }, async () => {
  const url = `${http}/random.bin`;
  const out = await new Promise<string>((resolve, reject) => {
    execFile('python3', ['-c', PY, url], { timeout: 20_000, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
  const py = JSON.parse(out) as { status: number; length: number; sha256: string; type: string };
  const res = await request({ url, pool: false, timeout: T });
  const body = await res.bytes();
  assert.deepEqual({ status: res.status, length: body.length, sha256: sha256(body), type: res.headers.get('content-type') }, py);
  assert.equal(py.sha256, sha256(file('random.bin')));
});

// bin/netkit writes lent read buffers straight to its stdout (BufferedWriter.writeLent):
// through a pipe that fills up and to a file, the bytes must still be the file's.
test('bin/netkit http get: a 48 MiB download byte-exact through a pipe and into a file', { skip: skip || requireBundle(), timeout: 60_000 }, async () => {
  const big = randomBytes(48 * 1024 * 1024);
  writeFileSync(join(nginx!.docroot, 'big48.bin'), big);
  const url = `${http}/big48.bin`;
  const dir = mkdtempSync(join(tmpdir(), 'netkit-dl-'));
  try {
    const run = (script: string): Promise<string> =>
      new Promise((resolve, reject) => {
        execFile('sh', ['-c', script], { timeout: 50_000, env: { ...process.env, NODE: process.execPath, BIN: BIN_NETKIT, URL: url, OUT: join(dir, 'out.bin') } }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout.trim()),
        );
      });
    // sha256sum reads slower than netkit writes, so some writes find the pipe full.
    assert.equal(await run('"$NODE" "$BIN" http get "$URL" | sha256sum | cut -d" " -f1'), sha256(big));
    await run('"$NODE" "$BIN" http get "$URL" > "$OUT"');
    assert.equal(sha256(readFileSync(join(dir, 'out.bin'))), sha256(big));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
