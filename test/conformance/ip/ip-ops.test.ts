// Operations against CPython 3.11 (fixtures/ip-ops.json): subnets, supernet, hosts,
// summarize_address_range, collapse_addresses, address_exclude, overlaps / subnet_of /
// supernet_of, and sorted(key=get_mixed_type_key). collapse_addresses on mixed versions is a
// netkit extension (Python raises TypeError): those cases expect v4 collapsed, then v6.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conformance, loadFixture, type Fixture } from '../conformance.js';
import { expectedOp, loadEngine, runOp, type OpCase } from './engine.js';

const fixture = loadFixture<Fixture<OpCase>>('../ip/fixtures/ip-ops.json');
const engine = await loadEngine();

if (typeof engine === 'string') {
  test('ip engine loads (docs/dev/ip-engine.md)', () => assert.fail(engine));
} else {
  // The list operations live in ops.ts; until it lands they fail as one test, not per case.
  const listOps = new Set(['summarize_address_range', 'collapse_addresses', 'sorted_mixed']);
  const missing = engine.opsMissing;
  if (missing) test('ip ops.ts loads (collapseAddresses, summarizeAddressRange, getMixedTypeKey)', () => assert.fail(missing));
  const cases = missing ? fixture.cases.filter((c) => !listOps.has(c.op)) : fixture.cases;
  conformance('ip operations', cases, (c) => ({
    input: { op: c.op, args: c.args },
    expected: expectedOp(c),
    actual: runOp(engine, c),
    note: c.extension ? 'netkit extension: Python raises ' + JSON.stringify(c.error) : '',
  }));
  if (engine.sortByKey) {
    conformance(
      'sorted by getMixedTypeKey',
      cases.filter((c) => c.op === 'sorted_mixed'),
      (c) => ({ input: c.args, expected: expectedOp(c), actual: runOp(engine, { ...c, op: 'sorted_mixed_by_key' }) }),
    );
  }
}
