// The large run the conformance issue asks for: generate.py --count writes well over 100,000
// random address/network/interface inputs (each asked as ip_address, ip_network strict and
// not, ip_interface and the four constructors: the `ip info` verb) and --ops-per-verb N random
// cases of every operation (subnets, supernet, hosts, summarize_address_range,
// collapse_addresses, address_exclude, overlaps, subnet_of, supernet_of,
// sorted(key=get_mixed_type_key)) into a temp dir, and netkit answers all of them, read a
// line at a time. Needs python3 3.11 and CPython 3.13 (skipped without them, unless
// NETKIT_REQUIRE_PEERS=1). NETKIT_IP_COUNT overrides the count of random inputs,
// NETKIT_IP_OPS_PER_VERB the cases per operation: the issue's full run is
//   NETKIT_IP_OPS_PER_VERB=100000 node scripts/test.mjs conformance/ip/ip-large
// (1,000,000 operations: python ~75 s, netkit ~20 s, ~100 MB each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { show } from '../conformance.js';
import { actualOf, difference, expectedOf, expectedOp, loadEngine, PARSE_FIELDS, runOp, type OpCase, type ParseCase } from './engine.js';
import { generator, missingPeers, skipUnlessPeers } from './peers.js';

const COUNT = Number(process.env.NETKIT_IP_COUNT ?? 125_000); // ~104,000 distinct inputs after dedupe
const MIN_INPUTS = process.env.NETKIT_IP_COUNT ? 0 : 100_000; // the issue's floor, for the default count
const OPS_PER_VERB = Number(process.env.NETKIT_IP_OPS_PER_VERB ?? 10_000); // default: ~31 s in all, as with ~38,000 ops before
/** Every op generate.py's --ops-per-verb writes OPS_PER_VERB cases of, by the verb it belongs to. */
const VERBS: Record<string, string> = {
  subnets: 'subnets',
  supernet: 'supernet',
  hosts: 'hosts',
  summarize_address_range: 'summarize',
  collapse_addresses: 'collapse',
  address_exclude: 'exclude',
  overlaps: 'contains',
  subnet_of: 'contains',
  supernet_of: 'contains',
  sorted_mixed: 'sort',
};
// 300 s is ample for the default run; a bigger one gets 0.2 ms more per operation
const TIMEOUT = 300_000 + Math.ceil(Math.max(0, COUNT - 125_000) * 1 + OPS_PER_VERB * Object.keys(VERBS).length * 0.2);
const SHOWN = 5;

/** The cases of a generate.py file, one a line, read and parsed a chunk at a time so a file
 * of a million cases never sits in memory whole. */
function* cases<C>(path: string): Generator<C> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      // generate.py writes ASCII only, so a chunk never splits a character
      const lines = (rest + buf.toString('latin1', 0, n)).split('\n');
      rest = n === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('{"tag"')) yield JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as C;
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
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

test(`ip: netkit on generate.py --count ${COUNT} --ops-per-verb ${OPS_PER_VERB} (large random run)`, { skip: skipUnlessPeers(), timeout: TIMEOUT }, async () => {
  const missing = missingPeers();
  assert.equal(missing, false, `NETKIT_REQUIRE_PEERS=1 but ${missing}`);
  const engine = await loadEngine();
  if (typeof engine === 'string') assert.fail(engine);
  const out = mkdtempSync(join(tmpdir(), 'netkit-ip-large-'));
  try {
    const started = Date.now();
    const r = spawnSync('python3', [generator, '--count', String(COUNT), '--ops-per-verb', String(OPS_PER_VERB), out], { encoding: 'utf8', maxBuffer: 1 << 24 });
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
    const perOp = new Map<string, number>(Object.keys(VERBS).map((op) => [op, 0]));
    for (const c of cases<OpCase>(join(out, 'ip-ops.json'))) {
      ops++;
      perOp.set(c.op, (perOp.get(c.op) ?? 0) + 1);
      tally.add(`${c.op} [${c.tag}]`, c.args, expectedOp(c), runOp(engine, c));
    }
    Error.stackTraceLimit = limit;
    const done = Date.now();
    const timing = `${inputs} inputs, ${ops} operations, ${tally.checked} comparisons; python ${((generated - started) / 1000).toFixed(1)} s, netkit ${((done - generated) / 1000).toFixed(1)} s`;
    const counts = [...perOp].map(([op, n]) => `${VERBS[op] && VERBS[op] !== op ? `${VERBS[op]}/` : ''}${op} ${n}`).join(', ');
    process.stderr.write(`ip large run: ${timing}\n  info (parse) ${inputs}, ${counts}\n`);
    assert.ok(inputs >= MIN_INPUTS, `only ${inputs} distinct inputs (want ${MIN_INPUTS})`);
    const short = [...perOp].filter(([op, n]) => op in VERBS && n < OPS_PER_VERB);
    assert.deepEqual(short, [], `fewer than ${OPS_PER_VERB} cases of some operations`);
    if (tally.bad.size > 0) assert.fail(`${timing}\n${tally.report()}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
