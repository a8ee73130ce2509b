// `netkit smtp send` against CPython's own sink, python3 -m smtpd -c DebuggingServer: what
// it prints for netkit's message is what it prints for smtplib's same message (raw file
// with dots and bare LFs; a composed message with an attachment), and several messages go
// over one connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { pysmtpdSkip, startPySmtpd, END_MESSAGE, type PySmtpd } from './pysmtpd.js';

const skip = pysmtpdSkip();
const T = 20_000;
let py: PySmtpd | undefined;
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-send-py-'));
  if (!skip) py = await startPySmtpd();
});
after(async () => {
  await py?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** smtplib.SMTP(host, port).sendmail(from, to, open(file).read()) — a str message, as a script would. */
function smtplibSend(file: string, from: string, to: string[]): void {
  const script = `import smtplib, sys\nwith smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:\n    s.sendmail(sys.argv[2], sys.argv[3].split(','), open(sys.argv[4], newline='').read())\n`;
  const r = spawnSync('python3', ['-c', script, String(py!.port), from, to.join(','), file], { encoding: 'utf8', timeout: T });
  assert.equal(r.status, 0, r.stderr);
}

/** The blocks DebuggingServer printed, from `from` on. */
function blocks(out: string): string[] {
  return out
    .split(END_MESSAGE)
    .slice(0, -1)
    .map((b) => b.trim() + '\n' + END_MESSAGE);
}

test('a raw message prints as smtplib\'s does (dot-stuffing, CRLF normalisation)', { skip }, async () => {
  const file = join(dir, 'raw.eml');
  writeFileSync(file, 'From: alice@example.com\nTo: bob@example.com\nSubject: raw\n\nline one\n.leading dot\r\n..two dots\rbare CR\n');
  const before = blocks(py!.output()).length;
  const r = await runCli(['smtp', 'send', '--server', `127.0.0.1:${py!.port}`, '--mail-from', 'alice@example.com', '--rcpt', 'bob@example.com', '-m', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'accepted bob@example.com 250 OK\n');
  smtplibSend(file, 'alice@example.com', ['bob@example.com']);
  const all = blocks(await py!.waitForMessages(before + 2, T));
  const [mine, theirs] = all.slice(before);
  assert.equal(mine, theirs);
  assert.match(mine!, /b'\.leading dot'/);
  assert.match(mine!, /b'bare CR'/);
});

test('a composed message (Bcc stripped, attachment) prints as smtplib sending the same bytes', { skip }, async () => {
  const attachment = join(dir, 'notes.txt');
  writeFileSync(attachment, 'attached text\n');
  const args = ['--from', 'Alice <alice@example.com>', '--to', 'bob@example.com', '--bcc', 'secret@example.com', '--subject', 'composed', '--body', 'Hello\n.dot', '--attach', attachment, '-H', 'X-Test: 1'];
  const dry = await runCli(['smtp', 'send', '--dry-run', '--json', ...args]);
  assert.equal(dry.code, 0, dry.stderr);
  const planned = JSON.parse(dry.stdout).messages[0];
  assert.deepEqual(planned.rcpt_to, ['bob@example.com', 'secret@example.com']);
  assert.doesNotMatch(planned.message, /secret@/);
  // The message netkit will send, given to smtplib as the same str.
  const file = join(dir, 'composed.eml');
  writeFileSync(file, planned.message);
  const before = blocks(py!.output()).length;
  smtplibSend(file, 'alice@example.com', ['bob@example.com', 'secret@example.com']);
  const r = await runCli(['smtp', 'send', '--server', `127.0.0.1:${py!.port}`, '-m', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'accepted bob@example.com 250 OK\n');
  const all = blocks(await py!.waitForMessages(before + 2, T));
  const [theirs, mine] = all.slice(before);
  assert.equal(mine, theirs);
  assert.match(mine!, /b'X-Test: 1'/);
  assert.match(mine!, /b'Content-Disposition: attachment; filename=notes.txt'/);
});

test('twenty messages over one connection all arrive', { skip }, async () => {
  const files: string[] = [];
  for (let i = 0; i < 20; i++) {
    const f = join(dir, `m${i}.eml`);
    writeFileSync(f, `From: a@example.com\nTo: b@example.com\nSubject: n${i}\n\nbody ${i}\n`);
    files.push('-m', f);
  }
  const before = blocks(py!.output()).length;
  const r = await runCli(['smtp', 'send', '--server', `smtp://127.0.0.1:${py!.port}`, ...files, '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).messages.length, 20);
  const all = blocks(await py!.waitForMessages(before + 20, T)).slice(before);
  assert.deepEqual(all.map((b) => /b'Subject: (n\d+)'/.exec(b)![1]), Array.from({ length: 20 }, (_, i) => `n${i}`));
});
