// netkit through a real proxy: tinyproxy (test/peers/tinyproxy.ts) in front of a real nginx
// (test/peers/nginx.ts). The CLI (`netkit http get --proxy`, http_proxy/https_proxy,
// no_proxy, --noproxy, -i, -o, --cacert) and the urlopen engine (proxyCredentials answering
// tinyproxy's 407), each compared with python3's urllib.request through the same proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTPError, URLError, urlopen, type UrlopenOptions } from '../../src/protocols/http/urllib/index.js';
import { runCli } from '../helpers/cli.js';
import { startNginx, type Nginx } from './nginx.js';
import { requirePeer } from '../helpers/peers.js';
import { startTinyproxy, type Tinyproxy } from './tinyproxy.js';

const skip = requirePeer('tinyproxy') || requirePeer('nginx') || requirePeer('openssl');
const skipPy = skip || requirePeer('python3');
const T = 10_000;
const AUTH = { user: 'peer', password: 'peerpass' };
/** The status line tinyproxy 1.11 answers a request without credentials with. */
const REASON_407 = 'Proxy Authentication Required';
// tinyproxy 1.11 answers *wrong* credentials with `401 Unauthorized` and WWW-Authenticate
// (not 407), to plain requests and to CONNECT alike; urllib then raises HTTPError 401.
const VIA = /^Via: 1\.1 tinyproxy \(tinyproxy\/1\.\d+\.\d+\)\r?$/im;

let nginx: Nginx | undefined;
let open: Tinyproxy | undefined;
let guarded: Tinyproxy | undefined;
let dir = '';
let caFile = '';
let http = '';
let https = '';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const file = (name: string): Buffer => readFileSync(join(nginx!.docroot, name));
/** The proxy URL with the credentials as userinfo. */
const withUserinfo = (p: Tinyproxy, password = AUTH.password): string => `http://${AUTH.user}:${password}@127.0.0.1:${p.port}`;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'netkit-proxy-peer-'));
  nginx = await startNginx();
  open = await startTinyproxy();
  guarded = await startTinyproxy({ auth: AUTH });
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, nginx.caPem);
  http = `http://127.0.0.1:${nginx.httpPort}`;
  https = `https://127.0.0.1:${nginx.httpsPort}`;
});

after(async () => {
  await open?.stop();
  await guarded?.stop();
  await nginx?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What python3.11's urllib.request does with `url` through `proxy` (both schemes). */
const PY = `
import hashlib, json, ssl, sys, urllib.error, urllib.request as u
url, proxy, cafile, user, pw = sys.argv[1:6]
handlers = [u.ProxyHandler({"http": proxy, "https": proxy})]
if user:
    mgr = u.HTTPPasswordMgrWithDefaultRealm()
    mgr.add_password(None, proxy, user, pw)
    handlers += [u.ProxyDigestAuthHandler(mgr), u.ProxyBasicAuthHandler(mgr)]
if cafile:
    handlers.append(u.HTTPSHandler(context=ssl.create_default_context(cafile=cafile)))
try:
    with u.build_opener(*handlers).open(url, timeout=10) as r:
        body = r.read()
        print(json.dumps({"status": r.status, "sha256": hashlib.sha256(body).hexdigest()}))
except urllib.error.HTTPError as e:
    print(json.dumps({"error": "HTTPError", "status": e.code, "message": str(e)}))
except urllib.error.URLError as e:
    print(json.dumps({"error": "URLError", "message": str(e)}))
`;

type Outcome = { status: number; sha256: string } | { error: string; status?: number; message: string };

function python(url: string, proxy: string, creds?: { user: string; password: string }): Promise<Outcome> {
  const args = ['-c', PY, url, proxy, url.startsWith('https:') ? caFile : '', creds?.user ?? '', creds?.password ?? ''];
  return new Promise((resolve, reject) => {
    execFile('python3', args, { timeout: 20_000, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Outcome),
    );
  });
}

/** The same with netkit's urlopen. */
async function netkit(url: string, proxy: string, creds?: { user: string; password: string }): Promise<Outcome> {
  const options: UrlopenOptions = { env: { http_proxy: proxy, https_proxy: proxy }, ca: nginx!.caPem, timeout: T, pool: false };
  if (creds) options.proxyCredentials = creds;
  try {
    const res = await urlopen(url, options);
    return { status: res.status!, sha256: sha256(await res.bytes()) };
  } catch (err) {
    if (err instanceof HTTPError) {
      await err.read();
      return { error: 'HTTPError', status: err.status, message: err.message };
    }
    if (err instanceof URLError) return { error: 'URLError', message: err.message };
    throw err;
  }
}

test('CLI: http GET through tinyproxy with --proxy and with http_proxy, byte-exact, Via with -i', { skip, timeout: 60_000 }, async () => {
  const url = `${http}/hello.txt`;
  const byFlag = await runCli(['http', 'get', '-i', '--proxy', open!.url, url], { env: {} });
  assert.equal(byFlag.code, 0, byFlag.stderr);
  assert.match(byFlag.stdout, /^HTTP\/1\.1 200 OK\r?\n/);
  assert.match(byFlag.stdout, VIA);
  assert.ok(byFlag.stdout.endsWith('\r\n\r\nHello from nginx!\n') || byFlag.stdout.endsWith('\n\nHello from nginx!\n'));

  const byEnv = await runCli(['http', 'get', url], { env: { http_proxy: open!.url } });
  assert.equal(byEnv.code, 0, byEnv.stderr);
  assert.equal(byEnv.stdout, file('hello.txt').toString());
  assert.equal(byEnv.stderr, '');

  // 1 MiB of random bytes to a file, through the proxy, byte for byte.
  const out = join(dir, 'random-http.bin');
  const big = await runCli(['http', 'get', '-o', out, `${http}/random.bin`], { env: { HTTP_PROXY: open!.url } });
  assert.equal(big.code, 0, big.stderr);
  assert.equal(sha256(readFileSync(out)), sha256(file('random.bin')));
  assert.match(open!.log(), new RegExp(`GET ${http.replace(/[.]/g, '\\.')}/random\\.bin HTTP/1\\.1`));
});

test('CLI: https through a CONNECT tunnel, certificate verified end to end with --cacert', { skip, timeout: 60_000 }, async () => {
  const out = join(dir, 'random-https.bin');
  const res = await runCli(['http', 'get', '--cacert', caFile, '-o', out, `${https}/random.bin`], { env: { https_proxy: open!.url } });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(sha256(readFileSync(out)), sha256(file('random.bin')));
  assert.match(open!.log(), new RegExp(`CONNECT 127\\.0\\.0\\.1:${nginx!.httpsPort} HTTP/1\\.0`));

  // Without the CA the certificate check fails inside the tunnel: exit 6 (TLS).
  const unverified = await runCli(['http', 'get', '--proxy', open!.url, `${https}/hello.txt`], { env: {} });
  assert.equal(unverified.code, 6, unverified.stderr);
  assert.match(unverified.stderr, /CERTIFICATE_VERIFY_FAILED/);
});

test('CLI: no_proxy and --noproxy go straight to nginx', { skip, timeout: 60_000 }, async () => {
  const url = `${http}/hello.txt`;
  const marker = `/hello.txt?bypass=${Date.now()}`;
  const bypassed = await runCli(['http', 'get', '-i', `${http}${marker}`], { env: { http_proxy: open!.url, no_proxy: 'localhost,127.0.0.1' } });
  assert.equal(bypassed.code, 0, bypassed.stderr);
  assert.doesNotMatch(bypassed.stdout, VIA);
  assert.ok(bypassed.stdout.endsWith('Hello from nginx!\n'));

  const flag = await runCli(['http', 'get', '-i', '--noproxy', '127.0.0.1', `${http}${marker}&flag`], { env: { http_proxy: open!.url, https_proxy: open!.url } });
  assert.equal(flag.code, 0, flag.stderr);
  assert.doesNotMatch(flag.stdout, VIA);
  assert.ok(!open!.log().includes(marker), 'tinyproxy saw a request that should have bypassed it');

  // The same URL without the bypass does go through the proxy (the check above can fail).
  const proxied = await runCli(['http', 'get', '-i', url], { env: { http_proxy: open!.url } });
  assert.match(proxied.stdout, VIA);
});

test('CLI: a BasicAuth proxy without credentials: HTTP Error 407 (exit 5) for http, the tunnel URLError (exit 3) for https, as python3', { skip: skipPy, timeout: 60_000 }, async () => {
  const plain = await runCli(['http', 'get', '--proxy', guarded!.url, `${http}/hello.txt`], { env: {} });
  assert.equal(plain.code, 5);
  assert.equal(plain.stdout, '');
  assert.equal(plain.stderr, `netkit: http get: HTTP Error 407: ${REASON_407}\n`);
  const py = await python(`${http}/hello.txt`, guarded!.url);
  assert.deepEqual(py, { error: 'HTTPError', status: 407, message: `HTTP Error 407: ${REASON_407}` });
  assert.equal(plain.stderr, `netkit: http get: ${(py as { message: string }).message}\n`);

  const tunnel = await runCli(['http', 'get', '--cacert', caFile, '--proxy', guarded!.url, `${https}/hello.txt`], { env: {} });
  assert.equal(tunnel.code, 3);
  const pyTunnel = await python(`${https}/hello.txt`, guarded!.url);
  assert.deepEqual(pyTunnel, { error: 'URLError', message: `<urlopen error Tunnel connection failed: 407 ${REASON_407}>` });
  assert.equal(tunnel.stderr, `netkit: http get: ${(pyTunnel as { message: string }).message}\n`);
});

test('CLI: credentials as proxy URL userinfo pass a BasicAuth proxy, for http and CONNECT', { skip: skipPy, timeout: 60_000 }, async () => {
  const plain = await runCli(['http', 'get', '-i', '--proxy', withUserinfo(guarded!), `${http}/hello.txt`], { env: {} });
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, VIA);
  assert.ok(plain.stdout.endsWith('Hello from nginx!\n'));
  assert.ok(!plain.stderr.includes(AUTH.password));

  const tunnel = await runCli(['http', 'get', '--cacert', caFile, `${https}/hello.txt`], { env: { https_proxy: withUserinfo(guarded!) } });
  assert.equal(tunnel.code, 0, tunnel.stderr);
  assert.equal(tunnel.stdout, 'Hello from nginx!\n');

  // A wrong password in the userinfo is refused (tinyproxy says 401), as python3 sees it, and
  // the password is not shown.
  const wrongProxy = withUserinfo(guarded!, 'not-the-password');
  const wrong = await runCli(['http', 'get', '--proxy', wrongProxy, `${http}/hello.txt`], { env: {} });
  assert.equal(wrong.code, 5);
  assert.equal(wrong.stderr, 'netkit: http get: HTTP Error 401: Unauthorized\n');
  assert.deepEqual(await python(`${http}/hello.txt`, wrongProxy), { error: 'HTTPError', status: 401, message: 'HTTP Error 401: Unauthorized' });
  assert.ok(!wrong.stderr.includes('not-the-password'));
});

test('engine: proxyCredentials answer the 407 (ProxyBasicAuthHandler), for http and CONNECT, as python3', { skip: skipPy, timeout: 60_000 }, async () => {
  for (const url of [`${http}/random.bin`, `${https}/random.bin`]) {
    const ours = await netkit(url, guarded!.url, AUTH);
    assert.deepEqual(ours, { status: 200, sha256: sha256(file('random.bin')) }, url);
    if (url.startsWith('http:')) assert.deepEqual(await python(url, guarded!.url, AUTH), ours);
  }
  // 3.11 never answers a 407 to CONNECT (http.client raises first): netkit does, see README.
  assert.deepEqual(await python(`${https}/random.bin`, guarded!.url, AUTH), { error: 'URLError', message: `<urlopen error Tunnel connection failed: 407 ${REASON_407}>` });
});

test('engine: a wrong proxy password ends in the error python3 gives, without the password', { skip: skipPy, timeout: 60_000 }, async () => {
  const wrong = { user: AUTH.user, password: 'wrong-pr0xy-pass' };
  // 407, then the retry with the wrong password gets tinyproxy's 401: HTTPError 401.
  const plain = await netkit(`${http}/hello.txt`, guarded!.url, wrong);
  assert.deepEqual(plain, { error: 'HTTPError', status: 401, message: 'HTTP Error 401: Unauthorized' });
  assert.deepEqual(await python(`${http}/hello.txt`, guarded!.url, wrong), plain);

  // CONNECT: netkit retries (3.11 does not) and reports the proxy's answer to the retry.
  const tunnel = await netkit(`${https}/hello.txt`, guarded!.url, wrong);
  assert.deepEqual(tunnel, { error: 'URLError', message: '<urlopen error Tunnel connection failed: 401 Unauthorized>' });
  assert.deepEqual(await python(`${https}/hello.txt`, guarded!.url, wrong), { error: 'URLError', message: `<urlopen error Tunnel connection failed: 407 ${REASON_407}>` });
  assert.ok(!JSON.stringify([plain, tunnel]).includes(wrong.password));
});

test('CLI: -U/--proxy-user answers the 407, for http and CONNECT; the password from NETKIT_PROXY_PASSWORD stays out of output', { skip: skipPy, timeout: 60_000 }, async () => {
  const plain = await runCli(['http', 'get', '-i', '--proxy', guarded!.url, '-U', AUTH.user, `${http}/hello.txt`], { env: { NETKIT_PROXY_PASSWORD: AUTH.password } });
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, VIA);
  assert.ok(plain.stdout.endsWith('Hello from nginx!\n'));
  assert.equal(plain.stderr, '');

  const tunnel = await runCli(['http', 'get', '--cacert', caFile, '--proxy', guarded!.url, '--proxy-user', `${AUTH.user}:${AUTH.password}`, `${https}/hello.txt`], { env: {} });
  assert.equal(tunnel.code, 0, tunnel.stderr);
  assert.equal(tunnel.stdout, 'Hello from nginx!\n');
  // USER:PASS on the command line works, with a warning that never repeats the password.
  assert.match(tunnel.stderr, /visible to other users/);
  assert.ok(!tunnel.stderr.includes(AUTH.password));
});
