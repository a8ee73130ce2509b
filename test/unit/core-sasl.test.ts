// core/sasl.ts, server side: PLAIN, LOGIN and CRAM-MD5 exchanges checked against a password
// lookup (right, wrong, unknown user, malformed answers, --auth-any), driven by the client
// side's own answers so both halves agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerMechanism, clientMechanism, decodeBase64Strict } from '../../src/protocols/core/sasl.js';

const users = new Map([['alice', 'secret']]);
const lookup = (u: string): string | undefined => users.get(u);

function run(mech: 'PLAIN' | 'LOGIN' | 'CRAM-MD5', user: string, password: string, any = false, initial = true): { ok: boolean; user: string } | 'malformed' {
  const server = new ServerMechanism(mech, lookup, any, 'test.host');
  const client = clientMechanism(mech, { user, password });
  const first = initial ? client(undefined, 0) : undefined;
  let step = server.start(first === undefined ? undefined : Buffer.from(first));
  for (let count = initial && first !== undefined ? 1 : 0; step.kind === 'challenge' && count < 5; ) {
    count++;
    step = server.next(Buffer.from(client(step.challenge, count)!));
  }
  if (step.kind === 'malformed') return 'malformed';
  assert.equal(step.kind, 'done');
  return { ok: step.ok, user: step.user };
}

test('each mechanism accepts the right password and refuses a wrong one or an unknown user', () => {
  for (const mech of ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const) {
    assert.deepEqual(run(mech, 'alice', 'secret'), { ok: true, user: 'alice' }, mech);
    assert.deepEqual(run(mech, 'alice', 'wrong'), { ok: false, user: 'alice' }, mech);
    assert.deepEqual(run(mech, 'mallory', 'secret'), { ok: false, user: 'mallory' }, mech);
    assert.deepEqual(run(mech, 'mallory', 'x', true), { ok: true, user: 'mallory' }, `${mech} with anyPassword`);
  }
  assert.deepEqual(run('PLAIN', 'alice', 'secret', false, false), { ok: true, user: 'alice' }, 'PLAIN without an initial response');
});

test('malformed answers are told apart from wrong passwords', () => {
  const plain = new ServerMechanism('PLAIN', lookup, false, 'h');
  assert.deepEqual(plain.start(Buffer.from('no-nuls')), { kind: 'malformed' });
  const cram = new ServerMechanism('CRAM-MD5', lookup, false, 'h');
  assert.equal(cram.start(undefined).kind, 'challenge');
  assert.deepEqual(cram.next(Buffer.from('nospace')), { kind: 'malformed' });
  assert.deepEqual(new ServerMechanism('PLAIN', lookup, false, 'h').start(Buffer.from('bob\0alice\0secret')), { kind: 'done', user: 'alice', ok: false });
});

test('decodeBase64Strict refuses what base64.b64decode(validate=True) refuses', () => {
  assert.equal(decodeBase64Strict('YWxpY2U=')?.toString(), 'alice');
  assert.equal(decodeBase64Strict('=')?.length, 0);
  assert.equal(decodeBase64Strict('YWxpY2U'), undefined);
  assert.equal(decodeBase64Strict('YW*pY2U='), undefined);
});
