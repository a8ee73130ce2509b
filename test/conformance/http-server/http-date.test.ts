// formatdate(usegmt=True) and send_head's If-Modified-Since reading against CPython 3.11
// (fixtures/http-date.json).
import { conformance } from '../conformance.js';
import { formatHttpDate, parseHttpDate } from '../../../src/protocols/http/server/simple/http-date.js';
import { load } from './load.js';

function formatOutcome(ms: number): unknown {
  try {
    return { result: formatHttpDate(ms) };
  } catch (err) {
    return { error: (err as Error).name, message: (err as Error).message };
  }
}

type Case = { tag: 'formatdate'; ms: number | string; result?: string; error?: string; message?: string } | { tag: 'if_modified_since'; text: string; result: number | null };

conformance('http dates', load<Case>('http-date.json'), (c) =>
  c.tag === 'formatdate'
    ? { input: c.ms, expected: c.error ? { error: c.error, message: c.message } : { result: c.result }, actual: formatOutcome(typeof c.ms === 'number' ? c.ms : ({ inf: Infinity, '-inf': -Infinity } as Record<string, number>)[c.ms] ?? NaN) }
    : { input: c.text, expected: c.result, actual: parseHttpDate(c.text) ?? null },
);
