// sendPipelined against the scripted fake: one group per message (the next envelope rides
// with the current content), sendmail()'s verdicts per message, RSET after a refusal, SIZE
// refusals without sending, a 421 ending the batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPClient } from '../../src/protocols/smtp/client/index.js';
import { canPipeline, sendPipelined, type BatchItem, type BatchOutcome } from '../../src/protocols/smtp/client/pipeline.js';
import { SMTPDataError, SMTPRecipientsRefused, SMTPSenderRefused, SMTPServerDisconnected } from '../../src/protocols/smtp/errors.js';
import { startFakeSMTP, type FakeSMTPOptions } from '../fakes/smtp-fake.js';

const msg = (n: number): Buffer => Buffer.from(`Subject: m${n}\r\n\r\nbody ${n}\r\n.dot\r\n`);

async function batch(opts: FakeSMTPOptions, items: BatchItem[]): Promise<{ outcomes: Array<[number, BatchOutcome]>; commands: string[]; messages: string[]; error?: unknown }> {
  const server = await startFakeSMTP({ ehlo: ['PIPELINING', 'SIZE 200'], ...opts });
  const client = await SMTPClient.connect({ host: '127.0.0.1', port: server.port, localHostname: 'client.test', timeoutMs: 5000 });
  const outcomes: Array<[number, BatchOutcome]> = [];
  let error: unknown;
  try {
    await client.ehloOrHeloIfNeeded();
    assert.equal(canPipeline(client), true);
    const queue = [...items];
    await sendPipelined(client, async () => queue.shift(), (item, o) => outcomes.push([items.indexOf(item), o]));
    await client.quit();
  } catch (err) {
    error = err;
  } finally {
    client.close();
    await server.close();
  }
  return { outcomes, commands: server.commands(), messages: server.messages().map((m) => m.toString()), error };
}

const item = (n: number, rcpt = ['b@x']): BatchItem => ({ mailFrom: 'a@x', rcptTo: rcpt, data: msg(n), mailOptions: [] });

test('three messages: every one delivered, commands in smtplib order with size=', async () => {
  const r = await batch({}, [item(1), item(2), item(3)]);
  assert.equal(r.error, undefined);
  assert.deepEqual(r.outcomes.map(([i, o]) => [i, 'ok' in o]), [[0, true], [1, true], [2, true]]);
  assert.deepEqual(r.messages, [msg(1), msg(2), msg(3)].map(String));
  assert.deepEqual(r.commands.slice(1, 4), [`mail FROM:<a@x> size=${msg(1).length}`, 'rcpt TO:<b@x>', 'data']);
  assert.equal(r.commands.filter((c) => c === 'data').length, 3);
});

test('refusals mid-batch: partial, all refused (RSET), sender refused, data refused; the rest still delivered', async () => {
  const on = {
    RCPT: (l: string) => (l.includes('bad') ? '550 no such user' : undefined),
    MAIL: (l: string) => (l.includes('evil') ? '553 sender rejected' : undefined),
  };
  const r = await batch({ on, afterData: (m) => (m.includes('Subject: m5') ? '554 content rejected' : '250 OK') }, [
    item(1, ['ok@x', 'bad@x']),
    item(2, ['bad1@x', 'bad2@x']),
    { ...item(3), mailFrom: 'evil@x' },
    item(4),
    item(5),
    item(6),
  ]);
  assert.equal(r.error, undefined);
  const kinds = r.outcomes.map(([i, o]) => [i, 'ok' in o ? [...o.ok.refused.keys()].join(',') : (o.error as Error).name]);
  assert.deepEqual(kinds, [[0, 'bad@x'], [1, 'SMTPRecipientsRefused'], [2, 'SMTPSenderRefused'], [3, ''], [4, 'SMTPDataError'], [5, '']]);
  const err1 = (r.outcomes[1]![1] as { error: Error }).error;
  assert.ok(err1 instanceof SMTPRecipientsRefused);
  assert.ok((r.outcomes[2]![1] as { error: Error }).error instanceof SMTPSenderRefused);
  assert.ok((r.outcomes[4]![1] as { error: Error }).error instanceof SMTPDataError);
  assert.equal(r.commands.filter((c) => c === 'rset').length, 2);
  // The fake says 354 even with no recipient or sender: each of those got an empty message.
  assert.deepEqual(r.messages.filter((m) => m.startsWith('Subject:')).length, 4);
});

test('a message over the advertised SIZE is refused unsent; the others go', async () => {
  const big: BatchItem = { ...item(2), data: Buffer.alloc(500, 0x61) };
  const r = await batch({}, [item(1), big, item(3)]);
  assert.deepEqual(r.outcomes.map(([i, o]) => [i, 'ok' in o ? 'ok' : (o.error as SMTPSenderRefused).smtpCode]), [[1, 552], [0, 'ok'], [2, 'ok']]);
  assert.equal(r.messages.length, 2);
});

test('a 421 ends the batch with SMTPServerDisconnected', async () => {
  const r = await batch({ on: { MAIL: (_l, s) => (s.count('MAIL') === 2 ? '421 4.3.2 shutting down' : undefined) } }, [item(1), item(2), item(3)]);
  assert.ok(r.error instanceof SMTPServerDisconnected);
  assert.equal(r.outcomes.length, 1);
});
