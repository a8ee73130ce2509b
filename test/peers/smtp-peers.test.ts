// The SMTP peer harnesses proved with python3's smtplib as the client: a private postfix
// (test/peers/postfix.ts) delivers to its Maildirs, over plain SMTP and over STARTTLS
// verified against the generated CA, and refuses relaying (554) and unknown users (550);
// python3 -m smtpd's DebuggingServer (test/peers/pysmtpd.ts) prints what it receives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postfixSkip, startPostfix, type Postfix } from './postfix.js';
import { pysmtpdSkip, startPySmtpd, END_MESSAGE, type PySmtpd } from './pysmtpd.js';
import { requirePeer } from './nginx.js';

const skipPostfix = postfixSkip() || requirePeer('python3') || requirePeer('openssl');
const skipPy = pysmtpdSkip();
const T = 20_000;

let postfix: Postfix | undefined;
let pysmtpd: PySmtpd | undefined;
let dir = '';
let caFile = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-peers-'));
  if (!skipPostfix) {
    postfix = await startPostfix();
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, postfix!.caPem);
  }
  if (!skipPy) pysmtpd = await startPySmtpd();
});

after(async () => {
  await postfix?.stop();
  await pysmtpd?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One smtplib session: EHLO, optional STARTTLS (cafile "" = system store), sendmail. */
const PY = `
import json, smtplib, ssl, sys
host, port, tls, cafile, sender, rcpts, msg = sys.argv[1:8]
out = {}
try:
    with smtplib.SMTP(host, int(port), timeout=10) as s:
        s.ehlo()
        out["starttls_advertised"] = s.has_extn("starttls")
        if tls == "1":
            s.starttls(context=ssl.create_default_context(cafile=cafile or None))
            out["tls_version"] = s.sock.version()
        out["refused"] = {k: [c, m.decode()] for k, (c, m) in s.sendmail(sender, rcpts.split(","), msg).items()}
except smtplib.SMTPRecipientsRefused as e:
    out["error"] = "SMTPRecipientsRefused"
    out["refused"] = {k: [c, m.decode()] for k, (c, m) in e.recipients.items()}
except ssl.SSLCertVerificationError as e:
    out["error"] = "SSLCertVerificationError"
    out["message"] = e.verify_message
print(json.dumps(out))
`;

interface Outcome {
  starttls_advertised?: boolean;
  tls_version?: string;
  refused?: Record<string, [number, string]>;
  error?: string;
  message?: string;
}

function smtplib(port: number, rcpts: string[], message: string, tls?: { cafile: string }): Promise<Outcome> {
  const args = ['-c', PY, '127.0.0.1', String(port), tls ? '1' : '0', tls?.cafile ?? '', 'peer@client.test', rcpts.join(','), message];
  return new Promise((resolve, reject) => {
    execFile('python3', args, { timeout: 15_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`python3 smtplib: ${stderr || err.message}`));
      else resolve(JSON.parse(stdout) as Outcome);
    });
  });
}

const message = (subject: string): string => `From: peer@client.test\r\nTo: someone\r\nSubject: ${subject}\r\n\r\nHello from smtplib.\r\n`;

test('postfix: plain SMTP delivers to alice\'s Maildir', { skip: skipPostfix, timeout: T }, async () => {
  const before = postfix!.countMessages('alice');
  const r = await smtplib(postfix!.port, ['alice@peers.test'], message('plain'));
  assert.deepEqual(r.refused, {});
  assert.equal(r.starttls_advertised, true);
  const got = await postfix!.waitForMessages('alice', before + 1, 10_000);
  assert.equal(got.length, before + 1);
  const last = got[got.length - 1]!;
  assert.match(last, /^Subject: plain$/m);
  assert.match(last, /^Received: from .*\[127\.0\.0\.1\]/m);
  assert.match(last, /by mx\.peers\.test \(Postfix\) with ESMTP /);
});

test('postfix: STARTTLS verified against the generated CA delivers to bob', { skip: skipPostfix, timeout: T }, async () => {
  const before = postfix!.countMessages('bob');
  const r = await smtplib(postfix!.port, ['bob@peers.test'], message('tls'), { cafile: caFile });
  assert.deepEqual(r.refused, {});
  assert.match(r.tls_version ?? '', /^TLSv1\.[23]$/);
  const got = await postfix!.waitForMessages('bob', before + 1, 10_000);
  assert.match(got[got.length - 1]!, /with ESMTPS id/);
});

test('postfix: STARTTLS without the CA fails verification', { skip: skipPostfix, timeout: T }, async () => {
  const r = await smtplib(postfix!.port, ['bob@peers.test'], message('unverified'), { cafile: '' });
  assert.equal(r.error, 'SSLCertVerificationError');
  assert.match(r.message ?? '', /self.signed certificate/);
});

test('postfix: relaying to example.com is refused with 554', { skip: skipPostfix, timeout: T }, async () => {
  const r = await smtplib(postfix!.port, ['someone@example.com'], message('relay'));
  assert.equal(r.error, 'SMTPRecipientsRefused');
  const [code, text] = r.refused!['someone@example.com']!;
  assert.equal(code, 554);
  assert.match(text, /Relay access denied/);
});

test('postfix: an unknown user is refused with 550; the known one still gets it', { skip: skipPostfix, timeout: T }, async () => {
  const before = postfix!.countMessages('alice');
  const r = await smtplib(postfix!.port, ['carol@peers.test', 'alice@peers.test'], message('mixed'));
  assert.equal(r.error, undefined);
  const [code, text] = r.refused!['carol@peers.test']!;
  assert.equal(code, 550);
  assert.match(text, /User unknown in virtual mailbox table/);
  await postfix!.waitForMessages('alice', before + 1, 10_000);
});

test('python3 -m smtpd DebuggingServer prints the message with X-Peer', { skip: skipPy, timeout: T }, async () => {
  const r = await smtplib(pysmtpd!.port, ['bob@peers.test'], message('debugging'));
  assert.deepEqual(r.refused, {});
  assert.equal(r.starttls_advertised, false);
  const out = await pysmtpd!.waitForMessages(1, 10_000);
  // smtpd's CLI runs DebuggingServer with decode_data=False: each line is a bytes repr.
  const block = out.slice(out.indexOf('---------- MESSAGE FOLLOWS ----------'), out.indexOf(END_MESSAGE) + END_MESSAGE.length);
  assert.equal(
    block,
    [
      '---------- MESSAGE FOLLOWS ----------',
      "b'From: peer@client.test'",
      "b'To: someone'",
      "b'Subject: debugging'",
      "b'X-Peer: 127.0.0.1'",
      "b''",
      "b'Hello from smtplib.'",
      END_MESSAGE,
    ].join('\n'),
  );
});
