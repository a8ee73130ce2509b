// netkit serve smtp LOCAL REMOTE -c PureProxy end to end: what reaches the next hop (the
// envelope, the message with "X-Peer:" inserted after the headers as CPython 3.11's
// PureProxy.process_message does, dot-stuffed again, then QUIT), per-recipient refusals
// (250 to the client, logged on stderr), the reply when every recipient, the sender or the
// message is refused, and when the next hop is down. The next hop is a scripted fake that
// records raw bytes, or netkit's own serve smtp --maildir; one test compares with the
// real smtpd.PureProxy of python3 (skipped without it unless NETKIT_REQUIRE_PEERS=1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawSmtp, bounded, serveSmtp, stopSmtp, type RunningSmtp } from '../conformance/smtpd/harness.js';
import { freePort, supervise } from '../peers/daemon.js';
import { pysmtpdSkip } from '../peers/pysmtpd.js';

/** One session the fake next hop saw: every command line, and each message's raw DATA bytes (up to and including ".\r\n"). */
interface UpSession {
  commands: string[];
  data: Buffer[];
}

interface FakeScript {
  greeting?: string;
  mail?: (arg: string) => string;
  rcpt?: (arg: string) => string;
  /** The reply to the end of the message. */
  dataEnd?: string;
}

/** A scripted SMTP next hop on 127.0.0.1:0 that records what it got, byte for byte. */
async function fakeUpstream(script: FakeScript = {}): Promise<{ port: number; sessions: UpSession[]; close: () => Promise<void> }> {
  const sessions: UpSession[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const s: UpSession = { commands: [], data: [] };
    sessions.push(s);
    let buf = Buffer.alloc(0);
    let inData = false;
    const reply = (line: string): void => void socket.write(line + '\r\n');
    reply(script.greeting ?? '220 upstream.test ESMTP fake');
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          const atStart = buf.subarray(0, 3).equals(Buffer.from('.\r\n'));
          if (end === -1 && !atStart) return;
          const cut = atStart ? 3 : end + 5;
          s.data.push(buf.subarray(0, cut));
          buf = buf.subarray(cut);
          inData = false;
          reply(script.dataEnd ?? '250 2.0.0 queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl === -1) return;
        const line = buf.subarray(0, nl).toString('latin1');
        buf = buf.subarray(nl + 2);
        s.commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250 upstream.test');
        else if (verb === 'HELO') reply('250 upstream.test');
        else if (verb === 'MAIL') reply(script.mail?.(line) ?? '250 2.1.0 Ok');
        else if (verb === 'RCPT') reply(script.rcpt?.(line) ?? '250 2.1.5 Ok');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 Ok');
        else reply('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    sessions,
    close: async () => {
      for (const s of sockets) s.destroy();
      await bounded(new Promise<void>((resolve) => server.close(() => resolve())), 'the fake upstream to close');
    },
  };
}

async function proxy(upPort: number, extra: string[] = [], cwd?: string): Promise<RunningSmtp> {
  return serveSmtp(['127.0.0.1:0', `127.0.0.1:${upPort}`, '-c', 'PureProxy', '--hostname', 'proxy.test', ...extra], cwd);
}

/** One transaction through RawSmtp; returns the client's transcript from MAIL on. */
async function sendThrough(port: number, from: string, rcpts: string[], body: string): Promise<string> {
  const c = await RawSmtp.connect(port);
  try {
    assert.match(await c.replies(1), /^220 proxy\.test /);
    await c.step('EHLO client.test\r\n', 1);
    let log = await c.step(`MAIL FROM:<${from}>\r\n`, 1);
    for (const r of rcpts) log += await c.step(`RCPT TO:<${r}>\r\n`, 1);
    log += await c.step('DATA\r\n', 1);
    log += await c.step(body + '.\r\n', 1);
    log += await c.step('QUIT\r\n', 1);
    return log;
  } finally {
    c.close();
  }
}

/** The stderr of a running server once it contains `re` (the log is gathered for a moment). */
async function stderrMatching(s: RunningSmtp, re: RegExp): Promise<string> {
  return bounded(new Promise<string>((resolve) => {
    const poll = (): void => (re.test(s.stderr()) ? resolve(s.stderr()) : void setTimeout(poll, 10));
    poll();
  }), `stderr to match ${re}: ${JSON.stringify(s.stderr())}`);
}

const BODY = 'From: a@x\r\nSubject: relayed\r\nX-Two: folded\r\n  continuation\r\n\r\nfirst line\r\n..a dot-stuffed line\r\n\r\nafter an empty line\r\nlast\r\n';
/** BODY as the next hop must get it: X-Peer before the first empty line only, dots stuffed again. */
const RELAYED = 'From: a@x\r\nSubject: relayed\r\nX-Two: folded\r\n  continuation\r\nX-Peer: 127.0.0.1\r\n\r\nfirst line\r\n..a dot-stuffed line\r\n\r\nafter an empty line\r\nlast\r\n.\r\n';

test('PureProxy relays the envelope and the message byte for byte with X-Peer after the headers, then QUITs; 250 to the client', async () => {
  const up = await fakeUpstream();
  try {
    const s = await proxy(up.port);
    try {
      const log = await sendThrough(s.port, 'a@x', ['b@y', 'c@z'], BODY);
      assert.equal(log, '250 OK\r\n250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n250 OK\r\n221 Bye\r\n');
      // The 250 after DATA came after the relay finished: the next hop has it all already.
      assert.equal(up.sessions.length, 1);
      const [session] = up.sessions;
      assert.deepEqual(session!.commands, ['ehlo proxy.test', 'mail FROM:<a@x>', 'rcpt TO:<b@y>', 'rcpt TO:<c@z>', 'data', 'quit']);
      assert.equal(session!.data.length, 1);
      assert.equal(session!.data[0]!.toString('latin1'), RELAYED);
      const err = await stderrMatching(s, /"250 OK"/);
      assert.match(err, /^127\.0\.0\.1 - - \[[^\]]+\] from=<a@x> to=\['b@y', 'c@z'\] size=\d+ "250 OK"$/m);
      assert.doesNotMatch(err, /refused/);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await up.close();
  }
});

test('PureProxy: a message without a header/body separator gets X-Peer at its end; MAIL FROM:<> is relayed as <>', async () => {
  const up = await fakeUpstream();
  try {
    const s = await proxy(up.port);
    try {
      const log = await sendThrough(s.port, '', ['b@y'], 'Subject: no body\r\nX-A: 1\r\n');
      assert.match(log, /\r\n250 OK\r\n221 Bye\r\n$/);
      assert.deepEqual(up.sessions[0]!.commands.slice(1, 3), ['mail FROM:<>', 'rcpt TO:<b@y>']);
      assert.equal(up.sessions[0]!.data[0]!.toString('latin1'), 'Subject: no body\r\nX-A: 1\r\nX-Peer: 127.0.0.1\r\n.\r\n');
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await up.close();
  }
});

test('PureProxy: one recipient refused by the next hop: 250 to the client, the rest delivered, the refusal logged', async () => {
  const up = await fakeUpstream({ rcpt: (line) => (line.includes('nobody@') ? '550 5.1.1 <nobody@y>: Recipient address rejected' : '250 2.1.5 Ok') });
  try {
    const s = await proxy(up.port);
    try {
      const log = await sendThrough(s.port, 'a@x', ['b@y', 'nobody@y', 'c@z'], BODY);
      assert.match(log, /^354 .*\r\n250 OK\r\n221 Bye\r\n$/m);
      const session = up.sessions[0]!;
      assert.deepEqual(session.commands.filter((c) => c.startsWith('rcpt')), ['rcpt TO:<b@y>', 'rcpt TO:<nobody@y>', 'rcpt TO:<c@z>']);
      assert.equal(session.data[0]!.toString('latin1'), RELAYED);
      const err = await stderrMatching(s, /refused by /);
      assert.ok(err.includes(`refused by 127.0.0.1:${up.port}: {"nobody@y":{"smtp_code":550,"smtp_error":"5.1.1 <nobody@y>: Recipient address rejected"}}\n`), err);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await up.close();
  }
});

test('PureProxy: every recipient refused: the first refusal is the answer to the message, and no DATA went upstream', async () => {
  const up = await fakeUpstream({ rcpt: (line) => (line.includes('b@') ? '550 5.1.1 no such user b' : '451 4.3.0 try c later') });
  try {
    const s = await proxy(up.port);
    try {
      const log = await sendThrough(s.port, 'a@x', ['b@y', 'c@z'], BODY);
      assert.match(log, /\r\n354 [^\r]*\r\n550 5\.1\.1 no such user b\r\n221 Bye\r\n$/);
      assert.deepEqual(up.sessions[0]!.data, []);
      assert.ok(!up.sessions[0]!.commands.includes('data'));
      const err = await stderrMatching(s, /"550 5\.1\.1 no such user b"/);
      assert.ok(err.includes('{"b@y":{"smtp_code":550,"smtp_error":"5.1.1 no such user b"},"c@z":{"smtp_code":451,"smtp_error":"4.3.0 try c later"}}'), err);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await up.close();
  }
});

test("PureProxy: the next hop's refusal of the sender or of the message is passed on", async () => {
  const sender = await fakeUpstream({ mail: () => '553 5.7.1 sender not allowed' });
  const content = await fakeUpstream({ dataEnd: '554 5.7.1 message looks like spam' });
  try {
    let s = await proxy(sender.port);
    try {
      assert.match(await sendThrough(s.port, 'a@x', ['b@y'], BODY), /\r\n553 5\.7\.1 sender not allowed\r\n221 Bye\r\n$/);
      assert.deepEqual(sender.sessions[0]!.data, []);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
    s = await proxy(content.port);
    try {
      assert.match(await sendThrough(s.port, 'a@x', ['b@y'], BODY), /\r\n554 5\.7\.1 message looks like spam\r\n221 Bye\r\n$/);
      assert.equal(content.sessions[0]!.data[0]!.toString('latin1'), RELAYED);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await sender.close();
    await content.close();
  }
});

test('PureProxy with the next hop down: 451 naming it and the connect error, the session goes on, --expect does not count it', async () => {
  const port = await freePort();
  const s = await proxy(port, ['--expect', '1', '--timeout', '30']);
  let exited: number | undefined;
  void s.exit.then((code) => (exited = code));
  const c = await RawSmtp.connect(s.port);
  try {
    await c.replies(1);
    await c.step('HELO client.test\r\n', 1);
    const first = await c.step('MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nDATA\r\n', 3) + (await c.step('Subject: x\r\n\r\nbody\r\n.\r\n', 1));
    assert.equal(first, `250 OK\r\n250 OK\r\n354 End data with <CR><LF>.<CR><LF>\r\n451 Error: relay to 127.0.0.1:${port} failed: [Errno 111] Connection refused\r\n`);
    // A failed relay is no accepted message: the server is still there for the next one.
    assert.equal(await c.step('NOOP\r\n', 1), '250 OK\r\n');
    assert.equal(exited, undefined);
    const err = await stderrMatching(s, /"451 /);
    assert.match(err, new RegExp(`from=<a@x> to=\\['b@y'\\] size=\\d+ "451 Error: relay to 127\\.0\\.0\\.1:${port} failed: \\[Errno 111\\] Connection refused"`));
    assert.equal(await c.step('QUIT\r\n', 1), '221 Bye\r\n');
  } finally {
    c.close();
  }
  assert.equal(await stopSmtp(s), 1);
});

test('PureProxy into netkit serve smtp --maildir --max-recipients 1: the stored file, and the 452 for the second recipient logged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-relay-'));
  try {
    const sink = await serveSmtp(['127.0.0.1:0', '--maildir', 'md', '--max-recipients', '1', '--hostname', 'sink.test'], dir);
    try {
      const s = await proxy(sink.port);
      try {
        const log = await sendThrough(s.port, 'a@x', ['b@y', 'c@z'], 'Subject: via proxy\r\nFrom: a@x\r\n\r\nHello\r\n..dot\r\n');
        assert.match(log, /\r\n354 [^\r]*\r\n250 OK\r\n221 Bye\r\n$/);
        const files = readdirSync(join(dir, 'md', 'new'));
        assert.equal(files.length, 1);
        assert.equal(readFileSync(join(dir, 'md', 'new', files[0]!), 'utf8'), 'Return-Path: <a@x>\nSubject: via proxy\nFrom: a@x\nX-Peer: 127.0.0.1\n\nHello\n.dot\n');
        const err = await stderrMatching(s, /refused by /);
        assert.ok(err.includes(`refused by 127.0.0.1:${sink.port}: {"c@z":{"smtp_code":452,"smtp_error":"Error: too many recipients"}}`), err);
        const sinkErr = await stderrMatching(sink, /"250 OK"/);
        assert.match(sinkErr, /from=<a@x> to=\['b@y'\] size=\d+ "250 OK"/);
      } finally {
        assert.equal(await stopSmtp(s), 0);
      }
    } finally {
      assert.equal(await stopSmtp(sink), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// CPython 3.11's PureProxy cannot run under its own CLI (decode_data=False hands it bytes,
// and process_message splits them with a str), so it is started here with decode_data=True.
const PY_PUREPROXY = `
import asyncore, smtpd, sys
p = smtpd.PureProxy(('127.0.0.1', 0), ('127.0.0.1', int(sys.argv[1])), decode_data=True)
print(p.socket.getsockname()[1], flush=True)
asyncore.loop(timeout=0.2, count=int(sys.argv[2]))
`;

const pySkip = ((): string | false => {
  try {
    return pysmtpdSkip();
  } catch (err) {
    if (process.env['NETKIT_REQUIRE_PEERS'] === '1') return false;
    return (err as Error).message;
  }
})();

test("PureProxy next to python3 -m smtpd's PureProxy: the same envelope and the same bytes reach the next hop", { skip: pySkip }, async () => {
  // Under NETKIT_REQUIRE_PEERS=1 a missing python3/smtpd fails here, not silently.
  if (process.env['NETKIT_REQUIRE_PEERS'] === '1') assert.equal(pysmtpdSkip(), false);
  const dir = mkdtempSync(join(tmpdir(), 'netkit-smtp-pyproxy-'));
  const up = await fakeUpstream({ rcpt: (line) => (line.includes('nobody@') ? '550 5.1.1 unknown' : '250 2.1.5 Ok') });
  // asyncore.loop with a count bounds python's life: 600 turns of at most 0.2 s.
  const child = spawn('python3', ['-W', 'ignore', '-c', PY_PUREPROXY, String(up.port), '600'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const stopPython = supervise(child, 10_000);
  let pyErr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (pyErr += t));
  try {
    const pyPort = await bounded(new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => {
        out += t;
        if (out.includes('\n')) resolve(Number(out.trim()));
      });
      child.once('exit', (code) => reject(new Error(`python exited ${code}: ${pyErr}`)));
    }), 'python PureProxy to listen');
    const s = await proxy(up.port);
    try {
      const mine = await sendThrough(s.port, 'a@x', ['b@y', 'nobody@y'], BODY);
      assert.match(mine, /\r\n250 OK\r\n221 Bye\r\n$/);
      const theirs = await RawSmtp.connect(pyPort);
      try {
        await theirs.replies(1);
        await theirs.step('EHLO client.test\r\n', 1);
        await theirs.step('MAIL FROM:<a@x>\r\nRCPT TO:<b@y>\r\nRCPT TO:<nobody@y>\r\nDATA\r\n', 4);
        // smtpd answers only after process_message returned, so the relay is over then.
        assert.equal(await theirs.step(BODY + '.\r\n', 1), '250 OK\r\n');
      } finally {
        theirs.close();
      }
      assert.equal(up.sessions.length, 2);
      const [n, p] = up.sessions as [UpSession, UpSession];
      const envelope = (x: UpSession): string[] => x.commands.filter((c) => !/^(EHLO|HELO) /i.test(c));
      assert.deepEqual(envelope(n), envelope(p));
      assert.deepEqual(n.data.map((b) => b.toString('latin1')), p.data.map((b) => b.toString('latin1')));
      assert.equal(n.data[0]!.toString('latin1'), RELAYED);
    } finally {
      assert.equal(await stopSmtp(s), 0);
    }
  } finally {
    await stopPython();
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
