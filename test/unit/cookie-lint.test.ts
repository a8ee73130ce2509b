// lintCookie: what Python drops or rejects, and the risky attributes browsers refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintCookie } from '../../src/protocols/cookies/index.js';

const codes = (header: string): string[] => lintCookie(header).map((f) => f.code);

test('a clean Set-Cookie has no findings', () => {
  assert.deepEqual(lintCookie('__Host-id=1; Path=/; Secure; HttpOnly; SameSite=Lax'), []);
  assert.deepEqual(lintCookie('a=b; '), []);
});

test('what Python drops, rejects or raises on, with positions', () => {
  assert.deepEqual(lintCookie('a=b; "c=d'), [
    { code: 'dropped-rest', message: `Python stops parsing at '"c=d': it is not a name[=value] pair it can read, so the rest of the header is silently dropped`, position: 5 },
  ]);
  assert.deepEqual(codes('Path=/; a=b'), ['rejected-attribute-before-cookie']);
  assert.deepEqual(codes('a=b; Domain'), ['rejected-attribute-without-value']);
  const p = lintCookie('a=b; Secure; Partitioned');
  assert.equal(p[0]!.code, 'rejected-key-without-value');
  assert.match(p[0]!.message, /Partitioned/);
  assert.equal(p[0]!.position, 13);
  assert.deepEqual(codes('a,b=c'), ['python-raises']);
  assert.deepEqual(codes('a=b; $Foo=1'), ['python-raises']);
  assert.deepEqual(codes('$Version=1; a=b; a=c'), ['ignored-dollar-attribute', 'duplicate-cookie']);
});

test('risky attributes', () => {
  assert.deepEqual(codes('a=b; SameSite=None'), ['samesite-none-without-secure']);
  assert.deepEqual(codes('a=b; SameSite=None; Secure'), []);
  assert.deepEqual(codes('__Secure-a=b'), ['secure-prefix-without-secure']);
  assert.deepEqual(codes('__Host-a=b; Domain=x.org; Path=/x'), ['host-prefix-without-secure', 'host-prefix-with-domain', 'host-prefix-path-not-root']);
  const host = lintCookie('__Host-a=b; Secure; Path=/x');
  assert.deepEqual(host.map((f) => [f.code, f.position]), [['host-prefix-path-not-root', 20]]);
  assert.deepEqual(codes('a=b; Partitioned=1'), ['partitioned-without-secure']);
});
