// netkit serve smtp -c DebuggingServer against CPython 3.11's smtpd: the same raw sessions
// (fixtures/sessions.json, recorded by generate.py) must get the same replies, the same
// connection closes, and byte-identical DebuggingServer output on stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RawSmtp, serveSmtp, stopSmtp } from './harness.js';

interface Step { send: string; wait: number; replies: string; closed: boolean }
interface Session { name: string; greeting: string; steps: Step[] }
interface Config { args: string[]; sessions: Session[]; stdout: string }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/sessions.json', import.meta.url), 'utf8')) as { fqdn: string; configs: Config[] };

for (const config of fixture.configs) {
  test(`smtpd ${config.args.join(' ') || '(defaults)'}: replies and DebuggingServer output as CPython 3.11's`, async () => {
    const server = await serveSmtp(['-n', '-c', 'DebuggingServer', ...config.args, '127.0.0.1:0', '--hostname', fixture.fqdn, '--no-pipelining']);
    try {
      for (const session of config.sessions) {
        const client = await RawSmtp.connect(server.port);
        try {
          assert.equal(await client.replies(1), session.greeting, `${session.name}: greeting`);
          for (const [i, step] of session.steps.entries()) {
            const got = await client.step(step.send, step.wait);
            assert.equal(got, step.replies, `${session.name} step ${i} (${JSON.stringify(step.send.slice(0, 40))})`);
            if (step.closed) await client.waitClosed();
            else assert.equal(client.closed, false, `${session.name} step ${i}: connection closed early`);
          }
        } finally {
          client.close();
        }
      }
    } finally {
      assert.equal(await stopSmtp(server), 0);
    }
    assert.equal(server.stdout(), config.stdout);
  });
}
