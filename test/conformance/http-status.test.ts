// netkit's http.HTTPStatus against CPython 3.11 (fixtures/http-status.json): every member's
// fields and 3.12 predicates, and lookupStatus() on values, names, phrases, status lines,
// odd numerals (int() rules) and junk. Cases netkit answers beyond Python say "extension".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTP_STATUSES, lookupStatus, statusByValue, type HTTPStatusInfo } from '../../src/protocols/http/status.js';
import { conformance, errorOutcome, loadFixture, without, type Fixture } from './conformance.js';

interface LookupCase {
  tag: string;
  input: string;
  value?: number;
  error?: { type: string; message: string };
  extension?: boolean;
}

const fixture = loadFixture<Fixture<LookupCase> & { members: HTTPStatusInfo[] }>('http-status.json');

test('HTTP_STATUSES: every HTTPStatus member, in order, with its fields and predicates', () => {
  assert.equal(JSON.stringify(HTTP_STATUSES), JSON.stringify(fixture.members));
});

test('statusByValue: each member by its value, as number and bigint', () => {
  for (const m of fixture.members) {
    assert.equal(JSON.stringify(statusByValue(m.value)), JSON.stringify(m));
    assert.equal(JSON.stringify(statusByValue(BigInt(m.value))), JSON.stringify(m));
  }
});

conformance('lookupStatus', fixture.cases, (c) => {
  let actual: unknown;
  try {
    actual = { value: lookupStatus(c.input).value };
  } catch (err) {
    actual = errorOutcome(err);
  }
  return { input: c.input, expected: without(c, 'tag', 'input', 'extension'), actual, note: c.extension ? 'netkit extension' : '' };
});
