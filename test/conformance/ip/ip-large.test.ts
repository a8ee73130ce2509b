// The large run the conformance issue asks for: generate.py --count writes well over 100,000
// random address/network/interface inputs (each asked as ip_address, ip_network strict and
// not, ip_interface and the four constructors) and ~38,000 operations into a temp dir, and
// netkit answers all of them. Needs python3 3.11 and CPython 3.13 (skipped without them,
// unless NETKIT_REQUIRE_PEERS=1). NETKIT_IP_COUNT overrides the count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { show } from '../conformance.js';
import { actualOf, difference, expectedOf, expectedOp, loadEngine, PARSE_FIELDS, runOp, type OpCase, type ParseCase } from './engine.js';
import { generator, missingPeers, skipUnlessPeers } from './peers.js';

const COUNT = Number(process.env.NETKIT_IP_COUNT ?? 125_000); // ~104,000 distinct inputs after dedupe
const MIN_INPUTS = process.env.NETKIT_IP_COUNT ? 0 : 100_000; // the floor, for the default count
const SHOWN = 5;

/** The cases of a generate.py file, one a line, parsed lazily so a 150 MB file stays cheap. */
function* cases<C>(path: string): Generator<C> {
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('{"tag"')) yield JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as C;
  }
}

class Tally {
  readonly bad = new Map<string, { count: number; shown: string[] }>();
  checked = 0;
  add(key: string, input: unknown, expected: unknown, actual: unknown): void {
    this.checked++;
    const d = difference(expected, actual);
    if (!d) return;
    const entry = this.bad.get(key) ?? { count: 0, shown: [] };
    entry.count++;
    if (entry.shown.length < SHOWN) entry.shown.push(`  input:  ${show(input)}\n  python: ${show(d.expected)}\n  netkit: ${show(d.actual)}`);
    this.bad.set(key, entry);
  }
  report(): string {
    return [...this.bad].map(([key, { count, shown }]) => `${key}: ${count} differ\n${shown.join('\n\n')}`).join('\n\n');
  }
}

test(`ip: netkit on generate.py --count ${COUNT} (large random run)`, { skip: skipUnlessPeers(), timeout: 300_000 }, async () => {
  const missing = missingPeers();
  assert.equal(missing, false, `NETKIT_REQUIRE_PEERS=1 but ${missing}`);
  const engine = await loadEngine();
  if (typeof engine === 'string') assert.fail(engine);
  const out = mkdtempSync(join(tmpdir(), 'netkit-ip-large-'));
  try {
    const started = Date.now();
    const r = spawnSync('python3', [generator, '--count', String(COUNT), out], { encoding: 'utf8', maxBuffer: 1 << 24 });
    assert.equal(r.status, 0, `generate.py failed:\n${r.stderr}`);
    const generated = Date.now();
    const tally = new Tally();
    // Python's exceptions carry no stack; netkit's need none here, and capturing one per
    // rejected input is most of the cost of the invalid half.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    let inputs = 0;
    for (const c of cases<ParseCase>(join(out, 'ip-parse.json'))) {
      inputs++;
      for (const field of PARSE_FIELDS) {
        const actual = actualOf(engine, field, c.input);
        if (actual !== undefined) tally.add(`${field} [${c.tag}]`, c.input, expectedOf(c, field), actual);
      }
    }
    let ops = 0;
    for (const c of cases<OpCase>(join(out, 'ip-ops.json'))) {
      ops++;
      tally.add(`${c.op} [${c.tag}]`, c.args, expectedOp(c), runOp(engine, c));
    }
    Error.stackTraceLimit = limit;
    const done = Date.now();
    const timing = `${inputs} inputs, ${ops} operations, ${tally.checked} comparisons; python ${((generated - started) / 1000).toFixed(1)} s, netkit ${((done - generated) / 1000).toFixed(1)} s`;
    process.stderr.write(`ip large run: ${timing}\n`);
    assert.ok(inputs >= MIN_INPUTS, `only ${inputs} distinct inputs (want ${MIN_INPUTS})`);
    if (tally.bad.size > 0) assert.fail(`${timing}\n${tally.report()}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
