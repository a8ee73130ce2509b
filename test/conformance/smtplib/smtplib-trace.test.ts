// netkit's SMTPClient against the scripts python3's smtplib ran in generate.py: the same
// set_debuglevel(1) trace, line for line (Python's AUTH secrets masked as netkit masks
// them), and the same return values and exceptions (class and args).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { LineReader } from '../../../src/protocols/core/line-reader.js';
import { fixEols } from '../../../src/protocols/core/dot.js';
import { pyBytesRepr, pyRepr } from '../../../src/protocols/core/py-text.js';
import { SMTPClient } from '../../../src/protocols/smtp/client/index.js';
import { SMTPRecipientsRefused, SMTPResponseException, SMTPSenderRefused, type RefusedRecipients, type SMTPReply } from '../../../src/protocols/smtp/errors.js';

interface Session {
  name: string;
  greeting?: string;
  replies?: Record<string, string | string[]>;
  actions: Array<[string, ...unknown[]]>;
  trace: string[];
  results: Array<{ ok?: string; raised?: string; args?: string }>;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/sessions.json', import.meta.url), 'utf8')) as { sessions: Session[] };

// The script semantics of generate.py's server, kept in step with it.
const DEFAULTS: Record<string, string> = {
  EHLO: '250-fake.test\n250-SIZE 35882577\n250 8BITMIME',
  HELO: '250 fake.test',
  MAIL: '250 2.1.0 Ok',
  RCPT: '250 2.1.5 Ok',
  RSET: '250 2.0.0 Ok',
  NOOP: '250 2.0.0 Ok',
  QUIT: '221 2.0.0 Bye',
  VRFY: '252 2.0.0 Cannot VRFY user',
  EXPN: '502 5.5.2 not implemented',
  AUTH: '504 unknown mechanism',
  '*': '500 5.5.2 Error: command not recognized',
};
const wire = (text: string): Buffer => Buffer.from(text.split('\n').map((l) => l + '\r\n').join(''), 'latin1');

async function replayServer(session: Session): Promise<{ port: number; done: Promise<void>; close: () => void }> {
  const replies = session.replies ?? {};
  const server = net.createServer();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  server.on('connection', (conn) => {
    conn.on('error', () => undefined);
    const reader = new LineReader(conn, 10_000);
    const counts = new Map<string, number>();
    (async () => {
      conn.write(wire(session.greeting ?? '220 fake.test ESMTP ready'));
      for (;;) {
        const line = await reader.readLine(1 << 20);
        if (line.length === 0) break;
        const text = line.toString('utf8').replace(/\r?\n$/, '');
        const verb = text.split(' ')[0]!.toUpperCase();
        const known = verb in replies || verb in DEFAULTS || verb === 'DATA';
        const key = known ? verb : '*';
        const n = counts.get(key) ?? 0;
        counts.set(key, n + 1);
        if (verb === 'DATA' && !('DATA' in replies)) {
          conn.write(wire('354 End data with <CR><LF>.<CR><LF>'));
          for (;;) {
            const l = await reader.readLine(1 << 20);
            if (l.length === 0 || l.toString('latin1') === '.\r\n') break;
          }
          conn.write(wire('250 2.0.0 Ok: queued as 4F2A1C'));
          continue;
        }
        const r = replies[key] ?? DEFAULTS[key] ?? replies['*'] ?? DEFAULTS['*']!;
        conn.write(wire(Array.isArray(r) ? r[Math.min(n, r.length - 1)]! : r));
        if (verb === 'QUIT') break;
      }
      conn.end();
    })()
      .catch(() => conn.destroy())
      .finally(finish);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, done, close: () => server.close() };
}

/** Python's trace with AUTH secrets masked the way netkit masks them. */
function maskPython(trace: string[]): string[] {
  let after334 = false;
  return trace.map((line) => {
    let out = line;
    if (line.startsWith('send: ') && after334) out = "send: '****\\r\\n'";
    else out = line.replace(/^send: '(AUTH \S+) [^']+\\r\\n'$/, "send: '$1 ****\\r\\n'");
    if (line.startsWith('reply: retcode')) after334 = line.startsWith('reply: retcode (334)');
    return out;
  });
}

const replyRepr = (r: SMTPReply): string => `(${r.code}, ${pyBytesRepr(r.msg)})`;
const refusedRepr = (m: RefusedRecipients): string => `{${[...m].map(([k, r]) => `${pyRepr(k)}: ${replyRepr(r)}`).join(', ')}}`;

function errorArgs(err: unknown): string {
  if (err instanceof SMTPRecipientsRefused) return `(${refusedRepr(err.recipients)},)`;
  if (err instanceof SMTPSenderRefused) return `(${err.smtpCode}, ${pyBytesRepr(err.smtpError)}, ${pyRepr(err.sender)})`;
  if (err instanceof SMTPResponseException) return err.pyArgs;
  return `(${pyRepr((err as Error).message)},)`;
}

for (const session of fixture.sessions) {
  test(`smtplib conformance: ${session.name}`, async () => {
    const server = await replayServer(session);
    const trace: string[] = [];
    try {
      const client = await SMTPClient.connect({ host: '127.0.0.1', port: server.port, localHostname: 'client.test', timeoutMs: 5000, debug: (l) => trace.push(l) });
      const results: Session['results'] = [];
      for (const [name, ...args] of session.actions) {
        try {
          let ok: string;
          switch (name) {
            case 'sendmail': {
              const tr = await client.sendmail(args[0] as string, args[1] as string[], fixEols(Buffer.from(args[2] as string, 'latin1')));
              ok = refusedRepr(tr.refused);
              break;
            }
            case 'login':
              ok = replyRepr(await client.login({ user: args[0] as string, password: args[1] as string }));
              break;
            case 'verify':
              ok = replyRepr(await client.verify(args[0] as string));
              break;
            case 'expn':
              ok = replyRepr(await client.expn(args[0] as string));
              break;
            case 'noop':
              ok = replyRepr(await client.noop());
              break;
            case 'rset':
              ok = replyRepr(await client.rset());
              break;
            case 'quit':
              ok = replyRepr(await client.quit());
              break;
            default:
              throw new Error(`unknown action ${name}`);
          }
          results.push({ ok });
        } catch (err) {
          results.push({ raised: (err as Error).name, args: errorArgs(err) });
        }
      }
      await server.done;
      assert.deepEqual(trace.map((l) => l.replace(`, ${server.port})`, ', PORT)')), maskPython(session.trace));
      assert.deepEqual(results, session.results);
    } finally {
      server.close();
    }
  });
}
