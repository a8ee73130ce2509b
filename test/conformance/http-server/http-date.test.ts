// formatdate(usegmt=True) and send_head's If-Modified-Since reading against CPython 3.11
// (fixtures/http-date.json).
import { conformance } from '../conformance.js';
import { formatHttpDate, parseHttpDate } from '../../../src/protocols/http/server/simple/http-date.js';
import { load } from './load.js';

type Case = { tag: 'formatdate'; ms: number; result: string } | { tag: 'if_modified_since'; text: string; result: number | null };

conformance('http dates', load<Case>('http-date.json'), (c) =>
  c.tag === 'formatdate' ? { input: c.ms, expected: c.result, actual: formatHttpDate(c.ms) } : { input: c.text, expected: c.result, actual: parseHttpDate(c.text) ?? null },
);
