// http.cookiejar conformance with CPython 3.11 (fixtures/ from generate.py): netkit saves
// Python's jars to the same bytes, loads Python's files to the same cookies (or the same
// LoadError), Python loads netkit's files back, and DefaultCookiePolicy's decisions match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { conformance, errorOutcome } from '../conformance.js';
import { Cookie, CookieJar, decideCookies, loadLwp, loadMozilla, saveLwp, saveMozilla, type CookieInit, type CookieRecord } from '../../../src/protocols/cookiejar/index.js';

interface Doc<C> {
  now: number;
  cases: C[];
}
type Outcome = { cookies: CookieRecord[] } | { error: { type: string; message: string } };
interface FilesCase {
  tag: string;
  cookies: CookieRecord[];
  mozilla: string;
  mozilla_default: string;
  mozilla_loads: Outcome[];
  lwp: string;
  lwp_default: string;
  lwp_loads: Outcome[];
}
interface LoadCase {
  tag: string;
  format: 'mozilla' | 'lwp';
  text: string;
  ignore_discard: boolean;
  ignore_expires: boolean;
}
interface PolicyCase {
  tag: string;
  cookies: CookieRecord[];
  url: string;
  decisions: { name: string; domain: string; path: string; refusal: { code: string; message: string | null } | null }[];
  sent: [string, string, string][];
}

function load<C>(name: string): Doc<C> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Doc<C>;
}

function jarOf(records: readonly CookieRecord[]): CookieJar {
  const jar = new CookieJar();
  for (const r of records) jar.setCookie(new Cookie(r as CookieInit));
  return jar;
}

const LOADERS = { mozilla: loadMozilla, lwp: loadLwp };
const FLAGS = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

function loadOutcome(format: 'mozilla' | 'lwp', text: string, filename: string, ignoreDiscard: boolean, ignoreExpires: boolean, now: number): unknown {
  try {
    return { cookies: LOADERS[format](text, filename, { ignoreDiscard, ignoreExpires, now }).toJSON() };
  } catch (err) {
    return errorOutcome(err);
  }
}

const files = load<FilesCase>('cookiejar-files.json');
const now = files.now;
for (const format of ['mozilla', 'lwp'] as const) {
  const save = format === 'mozilla' ? saveMozilla : saveLwp;
  conformance(`${format} save`, files.cases, (c) => {
    const jar = jarOf(c.cookies);
    const actual = { all: save(jar, { ignoreDiscard: true, ignoreExpires: true, now }), defaults: save(jar, { ignoreDiscard: false, ignoreExpires: false, now }) };
    return { input: c.cookies, expected: { all: c[format], defaults: c[`${format}_default`] }, actual };
  });
  conformance(`${format} load of Python's file`, files.cases, (c) => ({
    input: c[format],
    expected: c[`${format}_loads`],
    actual: FLAGS.map(([d, e]) => loadOutcome(format, c[format], 'jar.txt', d, e, now)),
  }));
}

const loads = load<LoadCase>('cookiejar-load.json');
conformance('load of hand-written files', loads.cases, (c) => {
  const { tag: _t, format, text, ignore_discard, ignore_expires, ...expected } = c;
  return { input: text, expected, actual: loadOutcome(format, text, 'cookies.txt', ignore_discard, ignore_expires, loads.now) };
});

const policy = load<PolicyCase>('cookiejar-policy.json');
conformance('DefaultCookiePolicy return decisions', policy.cases, (c) => {
  const jar = jarOf(c.cookies);
  const decisions = decideCookies(jar, c.url, policy.now);
  return {
    input: c.url,
    expected: { decisions: c.decisions, sent: c.sent },
    actual: {
      decisions: decisions.map((d, i) => ({
        name: d.cookie.name,
        domain: d.cookie.domain,
        path: d.cookie.path,
        // Python logs nothing for domain_return_ok: only its code is compared there
        refusal: d.refusal && { code: d.refusal.code, message: c.decisions[i]?.refusal?.message === null ? null : d.refusal.message },
      })),
      sent: decisions.filter((d) => d.refusal === null).map((d) => [d.cookie.name, d.cookie.domain, d.cookie.path]),
    },
  };
});

// Python reads netkit's saved files back: the same cookies as the jar that was saved.
const PY_LOAD = `
import http.cookiejar as cj, json, sys, time
time.time = lambda: 0
F = ('version','name','value','port','port_specified','domain','domain_specified','domain_initial_dot','path','path_specified','secure','expires','discard','comment','comment_url')
out = []
for fmt, path in json.load(sys.stdin):
    jar = (cj.MozillaCookieJar if fmt == 'mozilla' else cj.LWPCookieJar)()
    try:
        jar.load(path, ignore_discard=True, ignore_expires=True)
        out.append([dict([(f, getattr(c, f)) for f in F], rest=c._rest, rfc2109=c.rfc2109) for c in jar])
    except Exception as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`;
const python = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
const havePython = !python.error && python.status === 0 && python.stdout.trim() === '3.11';
test("python3 3.11 loads netkit's saved files back to the same cookies (both formats)", { skip: !havePython && process.env.NETKIT_REQUIRE_PEERS !== '1' ? 'python3 3.11 not found' : false, timeout: 60_000 }, async () => {
  assert.ok(havePython, 'python3 3.11 is required (NETKIT_REQUIRE_PEERS=1)');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'netkit-cookiejar-'));
  try {
    const jobs: [string, string][] = [];
    const expected: unknown[] = [];
    files.cases.forEach((c, i) => {
      const jar = jarOf(c.cookies);
      for (const format of ['mozilla', 'lwp'] as const) {
        const path = join(dir, `${i}.${format}`);
        const save = format === 'mozilla' ? saveMozilla : saveLwp;
        writeFileSync(path, save(jar, { ignoreDiscard: true, ignoreExpires: true, now }));
        jobs.push([format, path]);
        // what netkit itself reads back is what Python must read back
        expected.push(loadOutcome(format, save(jar, { ignoreDiscard: true, ignoreExpires: true, now }), path, true, true, 0));
      }
    });
    const r = spawnSync('python3', ['-c', PY_LOAD], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as unknown[];
    got.forEach((g, i) => {
      const e = expected[i] as { cookies?: unknown; error?: { message: string } };
      assert.deepEqual(g, e.cookies ?? { error: e.error!.message }, `${jobs[i]![0]} file ${jobs[i]![1]}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
