// `netkit uuid parse --json` end to end against CPython 3.11: a few hundred inputs of
// fixtures/uuid-parse.json, one a line on stdin; each NDJSON line must be the toRecord()
// record with Python's values, or the error record with Python's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { parseUUID } from '../../src/protocols/uuid/uuid.js';
import { toRecord } from '../../src/commands/uuid/record.js';
import { loadFixture, show, type Fixture } from './conformance.js';
import type { ParseCase } from './uuid-parse.test.js';

const fixture = loadFixture<Fixture<ParseCase>>('uuid-parse.json');

// Inputs that survive as one stdin line: not empty, no line break.
const lineSafe = fixture.cases.filter((c) => c.input !== '' && !/[\r\n]/.test(c.input));
const sample = lineSafe.filter((c, i) => i % 6 === 0 || c.tag === 'cpython' || c.tag === 'hostile');

function expectedLine(c: ParseCase): string {
  if (c.error) {
    return JSON.stringify({ input: c.input, error: { type: c.error.type, python: c.error.type, code: 'ERR_BAD_UUID', message: c.error.message } });
  }
  const { str, ...rest } = c.ok!;
  let timestamp: string | null = null;
  try {
    timestamp = toRecord(parseUUID(c.input)).timestamp; // beyond Python: not in the fixture
  } catch {
    // netkit rejects what Python accepts; the line comparison reports it
  }
  return JSON.stringify({ uuid: str, ...rest, timestamp });
}

test(`netkit uuid parse --json: ${sample.length} fixture inputs on stdin, one NDJSON line each`, async () => {
  assert.ok(sample.length >= 300, `only ${sample.length} line-safe inputs`);
  const r = await runCli(['uuid', 'parse', '--json'], { stdin: sample.map((c) => c.input + '\n').join('') });
  const lines = r.stdout.split('\n');
  assert.equal(lines.pop(), '', 'output ends with a newline');
  assert.equal(lines.length, sample.length, 'one line per input');
  const bad: string[] = [];
  sample.forEach((c, i) => {
    const want = expectedLine(c);
    if (lines[i] !== want) bad.push(`  input:  ${show(c.input)}\n  python: ${show(JSON.parse(want))}\n  netkit: ${show(JSON.parse(lines[i] ?? 'null'))}`);
  });
  assert.equal(bad.length, 0, `${bad.length} lines differ:\n${bad.slice(0, 10).join('\n\n')}`);
  assert.equal(r.code, sample.some((c) => c.error) ? 1 : 0);
  assert.equal(r.stderr, '');
});
