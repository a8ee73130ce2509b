// http.cookiejar's accept side against CPython 3.11 (fixtures/cookiejar-accept.json from
// generate.py): request/response cycles as interact_netscape runs them — the Cookie header
// add_cookie_header sends, the cookies make_cookies makes with set_ok's decisions, the jar
// after each step — then the Cookie header for follow-up URLs and the jar after those.
import { readFileSync } from 'node:fs';
import { conformance } from '../conformance.js';
import { addCookieHeader, CookieJar, cookieRequest, extractCookies, loadMozilla, type CookieRecord } from '../../../src/protocols/cookiejar/index.js';
import { pyStrip } from '../../../src/protocols/core/py-text.js';

interface Step {
  url: string;
  unverifiable: boolean;
  origin_req_host: string | null;
  set_cookie: string[];
  set_cookie2: string[];
}
interface StepOutcome {
  sent: string | null;
  decisions: { cookie: CookieRecord; refusal: { code: string; message: string } | null }[];
  jar: CookieRecord[];
}
interface Outcome {
  steps: StepOutcome[];
  followups: (string | null)[];
  jar_after: CookieRecord[];
}
interface AcceptCase {
  tag: string;
  now: number;
  jar: string | null;
  steps: Step[];
  followups: string[];
  expected: Outcome;
}

const doc = JSON.parse(readFileSync(new URL('./fixtures/cookiejar-accept.json', import.meta.url), 'utf8')) as { cases: AcceptCase[] };

/**
 * A record with its nonstandard attributes in sorted key order: JS objects put
 * integer-like keys ("2", "10") first whatever the insertion order, Python's dicts don't.
 */
function canon(r: CookieRecord): CookieRecord {
  const rest = Object.fromEntries(Object.entries(r.rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...r, rest };
}

function netkitOutcome(c: AcceptCase): Outcome {
  const jar = c.jar === null ? new CookieJar() : loadMozilla(c.jar, 'accept.txt', { ignoreDiscard: true, ignoreExpires: true, now: c.now });
  const steps = c.steps.map((st): StepOutcome => {
    const req = cookieRequest(st.url, { unverifiable: st.unverifiable, ...(st.origin_req_host === null ? {} : { origin_req_host: st.origin_req_host }) });
    const sent = addCookieHeader(jar, req, c.now);
    const decisions = extractCookies(jar, { 'Set-Cookie': st.set_cookie, 'Set-Cookie2': st.set_cookie2 }, req, c.now).map((d) => ({
      cookie: canon(d.cookie.toJSON()),
      // Python's debug lines are indented and logged stripped
      refusal: d.refusal && { code: d.refusal.code, message: pyStrip(d.refusal.message) },
    }));
    return { sent, decisions, jar: jar.toJSON().map(canon) };
  });
  const followups = c.followups.map((url) => addCookieHeader(jar, url, c.now));
  return { steps, followups, jar_after: jar.toJSON().map(canon) };
}

function pythonOutcome(o: Outcome): Outcome {
  return {
    steps: o.steps.map((s) => ({ sent: s.sent, decisions: s.decisions.map((d) => ({ cookie: canon(d.cookie), refusal: d.refusal })), jar: s.jar.map(canon) })),
    followups: o.followups,
    jar_after: o.jar_after.map(canon),
  };
}

conformance('extract_cookies and add_cookie_header cycles', doc.cases, (c) => ({
  input: { jar: c.jar, steps: c.steps, followups: c.followups, now: c.now },
  expected: pythonOutcome(c.expected),
  actual: netkitOutcome(c),
}));
