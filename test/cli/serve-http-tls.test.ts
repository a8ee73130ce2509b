// `netkit serve http --tls-self-signed`: an ephemeral certificate whose SHA-256 fingerprint
// is printed on stderr and in the --json readiness record; --tls-cert-out writes its PEM,
// which netkit's client engine and curl --cacert then trust. Port 0, loopback, bounded waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '../../src/protocols/http/client/index.js';
import { serve, stop, WAIT_MS } from '../peers/serve-http-harness.js';

test('--tls-self-signed: fingerprint on stderr and in --json, PEM via --tls-cert-out trusted by netkit and curl', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-tls-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  mkdirSync(root);
  writeFileSync(join(root, 'a.txt'), 'over tls');
  const r = await serve(['0', '-d', root, '--tls-self-signed', '--tls-cert-out', 'cert.pem', '--json'], base);
  t.after(() => void stop(r).catch(() => {}));
  const pem = readFileSync(join(base, 'cert.pem'), 'utf8');
  const fingerprint = new X509Certificate(pem).fingerprint256;
  const lines = r.stderr().split('\n');
  assert.equal(lines[0], `TLS: self-signed certificate, SHA-256 fingerprint ${fingerprint}`);
  assert.equal(lines[1], `Serving HTTPS on 127.0.0.1 port ${r.port} (https://127.0.0.1:${r.port}/) ...`);
  const record = JSON.parse(r.stdout().split('\n')[0]!);
  assert.deepEqual([record.event, record.fingerprint256, record.url], ['listening', fingerprint, `https://127.0.0.1:${r.port}/`]);

  const res = await request({ url: `https://127.0.0.1:${r.port}/a.txt`, ca: pem, pool: false });
  assert.equal((await res.bytes()).toString(), 'over tls');
  await assert.rejects(request({ url: `https://127.0.0.1:${r.port}/a.txt`, pool: false }));

  const out = await new Promise<string>((resolve, reject) =>
    execFile('curl', ['-sS', '--max-time', String(WAIT_MS / 1000), '--cacert', join(base, 'cert.pem'), `https://localhost:${r.port}/a.txt`], (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))),
  );
  assert.equal(out, 'over tls');
});
