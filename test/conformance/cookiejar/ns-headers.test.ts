// http2time() and parse_ns_headers() against CPython 3.11 (fixtures/cookiejar-ns-headers.json
// from generate.py): loose HTTP dates at pinned times, and every Set-Cookie value of the
// accept fixture split into its (key, value) pairs.
import { readFileSync } from 'node:fs';
import { conformance } from '../conformance.js';
import { http2time, parseNsHeaders } from '../../../src/protocols/cookiejar/index.js';

type Case = { tag: 'http2time'; text: string; now: number; result: unknown } | { tag: 'parse_ns_headers'; header: string; result: unknown };

const doc = JSON.parse(readFileSync(new URL('./fixtures/cookiejar-ns-headers.json', import.meta.url), 'utf8')) as { now: number; cases: Case[] };

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (err) {
    return { error: (err as Error).name };
  }
}

conformance('http2time and parse_ns_headers', doc.cases, (c) =>
  c.tag === 'http2time'
    ? { input: c.text, note: `now ${c.now}`, expected: c.result, actual: outcome(() => http2time(c.text, c.now)) }
    : { input: c.header, expected: c.result, actual: outcome(() => parseNsHeaders([c.header], doc.now)) },
);
