// netkit serve smtp end to end over raw sockets: Maildir/mbox/JSONL sinks together,
// --expect/--timeout exit codes, --exit-after, 421 on shutdown, usage errors, and a server
// killed (SIGKILL) mid-DATA that acknowledged nothing and left nothing in new/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawSmtp, bounded, serveSmtp, stopSmtp } from '../conformance/smtpd/harness.js';
import { runCli } from '../helpers/cli.js';

async function send(port: number, n = 1, body = 'Subject: hi\r\nFrom: a@x\r\n\r\nHello\r\n'): Promise<string> {
  const c = await RawSmtp.connect(port);
  let log = await c.replies(1);
  log += await c.step('EHLO t\r\n', 1);
  for (let i = 0; i < n; i++) log += await c.step(`MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n`, 3) + (await c.step(body + '.\r\n', 1));
  log += await c.step('QUIT\r\n', 1);
  c.close();
  return log;
}

test('maildir, mbox and jsonl at once; 250 only after they hold the message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-'));
  try {
    const s = await serveSmtp(['127.0.0.1:0', '--maildir', 'md', '--mbox', 'box', '--jsonl', 'out.jsonl'], dir);
    const log = await send(s.port, 2, 'Subject: hi\r\nFrom: a@x\r\n\r\nFrom here\r\n');
    assert.equal(log.match(/^250 OK\r\n/gm)?.length, 6);
    assert.equal(readdirSync(join(dir, 'md', 'new')).length, 2);
    assert.deepEqual(readdirSync(join(dir, 'md', 'tmp')), []);
    const file = readFileSync(join(dir, 'md', 'new', readdirSync(join(dir, 'md', 'new'))[0]!), 'utf8');
    assert.equal(file, 'Return-Path: <a@x>\nSubject: hi\nFrom: a@x\n\nFrom here\n');
    const mbox = readFileSync(join(dir, 'box'), 'utf8');
    assert.match(mbox, /^From a@x \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\nReturn-Path: <a@x>\n/);
    assert.equal(mbox.match(/^>From here$/gm)?.length, 2);
    const records = readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(records.length, 2);
    assert.equal(records[0].mail_from, 'a@x');
    assert.deepEqual(records[0].rcpt_tos, ['b@y']);
    assert.equal(records[0].subject, 'hi');
    assert.equal(records[0].peer.address, '127.0.0.1');
    assert.equal(s.stdout(), '');
    assert.equal(await stopSmtp(s), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--expect N exits 0 once N arrived; --timeout first exits 1', async () => {
  const ok = await serveSmtp(['127.0.0.1:0', '--expect', '2', '--timeout', '20']);
  await send(ok.port, 2);
  assert.equal(await bounded(ok.exit, 'exit'), 0);
  assert.match(ok.stdout(), /MESSAGE FOLLOWS[\s\S]*MESSAGE FOLLOWS/);
  const late = await serveSmtp(['127.0.0.1:0', '--expect', '2', '--timeout', '0.3']);
  await send(late.port, 1);
  assert.equal(await bounded(late.exit, 'exit'), 1);
  assert.match(late.stderr(), /timed out after 0.3 s: 1 of 2 messages/);
  const after = await serveSmtp(['127.0.0.1:0', '--exit-after', '1', '--json']);
  await send(after.port, 1);
  assert.equal(await bounded(after.exit, 'exit'), 0);
  assert.match(after.stdout(), /"event":"closed","reason":"closed","messages":1/);
});

test('421 to an idle session on shutdown', async () => {
  const s = await serveSmtp(['127.0.0.1:0', '--hostname', 'mx.test']);
  const c = await RawSmtp.connect(s.port);
  await c.replies(1);
  await c.step('HELO t\r\n', 1);
  s.interrupt();
  assert.equal(await c.replies(1), '421 mx.test Service not available, closing transmission channel\r\n');
  await c.waitClosed();
  assert.equal(await bounded(s.exit, 'exit'), 0);
});

test('usage errors: bad local spec, --jsonl - with DebuggingServer', async () => {
  let r = await runCli(['serve', 'smtp', 'foo']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Bad local spec: foo/);
  r = await runCli(['serve', 'smtp', '127.0.0.1:0', '-c', 'DebuggingServer', '--jsonl', '-']);
  assert.equal(r.code, 2);
});

test('killed with SIGKILL mid-DATA: no 250 was sent and nothing half-written is in new/', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-kill-'));
  // The server from source in its own process (runProcess is what bin/netkit's bundle runs).
  const run = new URL('../../src/cli/run.ts', import.meta.url).href;
  const args = ['netkit', 'serve', 'smtp', '127.0.0.1:0', '--maildir', join(dir, 'md'), '--port-file', join(dir, 'port')];
  const script = `process.argv.splice(1, process.argv.length, ...${JSON.stringify(args)}); (await import(${JSON.stringify(run)})).runProcess();`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url).pathname, stdio: 'ignore' });
  try {
    await bounded(new Promise<void>((resolve) => {
      const poll = (): void => (existsSync(join(dir, 'port')) ? resolve() : void setTimeout(poll, 20));
      poll();
    }), 'the port file');
    const port = Number(readFileSync(join(dir, 'port'), 'utf8'));
    const c = await RawSmtp.connect(port);
    await c.replies(1);
    await c.step('EHLO t\r\nMAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 4);
    await c.step('Subject: half\r\n\r\n' + 'x'.repeat(100_000) + '\r\n', 0);
    child.kill('SIGKILL');
    const rest = await c.replies(1);
    assert.equal(rest, '');
    assert.deepEqual(readdirSync(join(dir, 'md', 'new')), []);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
