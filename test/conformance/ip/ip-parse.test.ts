// ip_address / ip_network (strict and not) / ip_interface and the four class constructors
// against CPython 3.11 (is_private, is_global, is_reserved: 3.13), fixtures/ip-parse.json:
// every attribute of the docs/dev/ip-engine.md contract, or Python's exception, per input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conformance, loadFixture, type Fixture } from '../conformance.js';
import { actualOf, difference, expectedOf, loadEngine, PARSE_FIELDS, type ParseCase, type ParseField } from './engine.js';

export const PYTHON_NAMES: Record<ParseField, string> = {
  address: 'ip_address',
  network: 'ip_network(strict=True)',
  network_loose: 'ip_network(strict=False)',
  interface: 'ip_interface',
  IPv4Address: 'IPv4Address',
  IPv6Address: 'IPv6Address',
  IPv4Network: 'IPv4Network',
  IPv6Network: 'IPv6Network',
};

const fixture = loadFixture<Fixture<ParseCase>>('../ip/fixtures/ip-parse.json');
const engine = await loadEngine();

if (typeof engine === 'string') {
  test('ip engine loads (docs/dev/ip-engine.md)', () => assert.fail(engine));
} else {
  for (const field of PARSE_FIELDS) {
    if (actualOf(engine, field, '1.2.3.4') === undefined) {
      test(`${PYTHON_NAMES[field]}`, { skip: engine.notes.find((n) => n.startsWith(field)) ?? 'not in the engine API' }, () => {});
      continue;
    }
    conformance(PYTHON_NAMES[field], fixture.cases, (c) => {
      const expected = expectedOf(c, field);
      const actual = actualOf(engine, field, c.input);
      const d = difference(expected, actual);
      return d ? { input: c.input, ...d } : { input: c.input, expected, actual: expected };
    });
  }
}
