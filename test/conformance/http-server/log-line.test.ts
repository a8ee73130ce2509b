// log_request lines and log_date_time_string against CPython 3.11 (fixtures/log-line.json),
// in the zones the generator used (process.env.TZ set per case, restored after).
import { after } from 'node:test';
import { conformance } from '../conformance.js';
import { accessLogLine, logDateTimeString } from '../../../src/protocols/http/server/simple/log-line.js';
import { load } from './load.js';

type Case = { tag: string; tz: string; ms: number; client: string; requestline: string; code: number | string; size: number | string; line: string; date: string };

const savedTZ = process.env.TZ;
after(() => {
  if (savedTZ === undefined) delete process.env.TZ;
  else process.env.TZ = savedTZ;
});

conformance('log_request', load<Case>('log-line.json'), (c) => {
  process.env.TZ = c.tz;
  const now = new Date(c.ms);
  return { input: c.requestline, note: `${c.tz} ${c.ms}`, expected: [c.line, c.date], actual: [accessLogLine(c.client, c.requestline, c.code, c.size, now), logDateTimeString(now)] };
});
