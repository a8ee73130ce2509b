// netkit side by side with what users would run instead, in one run (DESIGN.md §6):
// start-up of a pure command against bare Node and python3, and a million UUIDs against
// python3's uuid module. Prints medians and minimums in ms and the ratios with their budgets.
//
// Usage: npm run bench [-- [--builtin] GROUP...]   (groups: startup, uuid)
// Uses hyperfine when installed (--export-json), else a built-in runner that spawns the
// commands in turn and takes the median. Entries whose program is missing are skipped with
// a note: build them with `npm run build` and `npm run build:exe`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_VERSION, ROOT, exePath, nodeBinary, targetByPlatform } from '../scripts/exe-targets.mjs';

const linuxX64 = targetByPlatform('linux-x64');
const EXE = exePath(linuxX64);
const NODE24 = nodeBinary(linuxX64);
const NODE20 = process.execPath;
const LAUNCHER = join(ROOT, 'bin/netkit');
const JS_BUNDLE = join(ROOT, 'dist/js/netkit.cjs');
const PY_LOOP = 'import uuid\nfor _ in range(1000000): print(uuid.uuid4())';

// ---- what is installed -------------------------------------------------------------------

function capture(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The real python3 interpreter, not a pyenv or asdf shim (a shim costs a shell start-up). */
const PYTHON = capture('python3', ['-c', 'import sys; print(sys.executable)']);
const PYTHON_VERSION = PYTHON && capture(PYTHON, ['-c', 'import platform; print(platform.python_version())']);
const BUILTIN = process.argv.includes('--builtin');
const HYPERFINE = BUILTIN ? undefined : capture('hyperfine', ['--version']);
/** util-linux uuidgen has a count option only from 2.39 (-C/--count); Debian 12 has 2.38. */
const UUIDGEN = (() => {
  const help = capture('uuidgen', ['--help']);
  return help?.includes('--count') ? 'uuidgen' : undefined;
})();

// ---- the benchmarks -----------------------------------------------------------------------

/**
 * @typedef {{ id: string, label: string, argv?: string[], missing?: string }} Entry
 * @typedef {{ a: string, b: string, label: string, budget: number, kind: 'at most' | 'at least' }} Ratio
 * @typedef {{ name: string, title: string, runs: number, warmup: number, entries: Entry[], ratios: Ratio[] }} Group
 */

/** An entry, or a skipped one when `path` is not there. */
function entry(id, label, argv, missing) {
  return missing ? { id, label, missing } : { id, label, argv };
}
const needs = (path, how) => (existsSync(path) ? undefined : `${path.replace(ROOT, '')} is missing (${how})`);

/** @type {Group[]} */
const GROUPS = [
  {
    name: 'startup',
    title: 'start-up: a pure command against a bare runtime',
    runs: 30,
    warmup: 3,
    entries: [
      entry('exe', 'netkit-linux-x64 http status 404', [EXE, 'http', 'status', '404'], needs(EXE, 'npm run build:exe')),
      entry('node24', `node ${NODE_VERSION} -e 0 (embedded runtime, bare)`, [NODE24, '-e', '0'], needs(NODE24, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit http status 404`, [NODE20, LAUNCHER, 'http', 'status', '404'], needs(JS_BUNDLE, 'npm run build')),
      entry('node20', `node ${process.versions.node} -e 0`, [NODE20, '-e', '0']),
      entry(
        'python',
        `python ${PYTHON_VERSION ?? '3'} -c http.HTTPStatus(404).phrase`,
        [PYTHON ?? 'python3', '-c', 'import http; print(http.HTTPStatus(404).phrase)'],
        PYTHON ? undefined : 'python3 is not installed',
      ),
    ],
    ratios: [
      { a: 'exe', b: 'node24', label: 'exe / node24 -e 0', budget: 1.3, kind: 'at most' },
      { a: 'js', b: 'node20', label: 'js / node20 -e 0', budget: 1.15, kind: 'at most' },
      { a: 'exe', b: 'python', label: 'exe / python', budget: Infinity, kind: 'at most' },
      { a: 'js', b: 'python', label: 'js / python', budget: Infinity, kind: 'at most' },
    ],
  },
  {
    name: 'uuid',
    title: 'a million random UUIDs to /dev/null',
    runs: 5,
    warmup: 1,
    entries: [
      entry('exe', 'netkit-linux-x64 uuid -C 1000000', [EXE, 'uuid', '-C', '1000000'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit uuid -C 1000000`, [NODE20, LAUNCHER, 'uuid', '-C', '1000000'], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: for _ in range(1000000): print(uuid.uuid4())', [PYTHON ?? 'python3', '-c', PY_LOOP], PYTHON ? undefined : 'python3 is not installed'),
      entry('uuidgen', 'uuidgen -r -C 1000000', ['uuidgen', '-r', '-C', '1000000'], UUIDGEN ? undefined : 'uuidgen without --count (util-linux < 2.39) or not installed'),
    ],
    ratios: [
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: 5, kind: 'at least' },
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: 5, kind: 'at least' },
      { a: 'uuidgen', b: 'exe', label: 'uuidgen / exe (speed-up)', budget: 1, kind: 'at least' },
    ],
  },
];

// ---- runners ------------------------------------------------------------------------------

/** POSIX single quotes, which hyperfine's -N splitting (shell-words) understands. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** hyperfine: every entry of the group in one invocation; returns seconds per entry id. */
function withHyperfine(group, entries) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-'));
  const json = join(dir, 'results.json');
  try {
    const args = ['-N', '--warmup', String(group.warmup), '--runs', String(group.runs), '--style', 'none', '--export-json', json];
    for (const e of entries) args.push('-n', e.id, e.argv.map(quote).join(' '));
    const r = spawnSync('hyperfine', args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`hyperfine exited ${r.status}: ${r.stderr}`);
    if (r.stderr.includes('outliers')) notes.push(`${group.name}: hyperfine saw statistical outliers (a busy machine); re-run for steadier figures`);
    const { results } = JSON.parse(readFileSync(json, 'utf8'));
    return new Map(results.map((x) => [x.command, x.times]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Built-in: spawns the entries in turn (interleaved, so load drifts hit all alike). */
function withSpawn(group, entries) {
  const times = new Map(entries.map((e) => [e.id, []]));
  for (let i = 0; i < group.warmup + group.runs; i++) {
    for (const e of entries) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(e.argv[0], e.argv.slice(1), { stdio: 'ignore' });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) throw new Error(`${e.label}: exit ${r.status ?? r.signal}`);
      if (i >= group.warmup) times.get(e.id).push(seconds);
    }
  }
  return times;
}

/** Remarks printed at the end. */
const notes = [];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---- report -------------------------------------------------------------------------------

const fmt = (seconds) => `${(seconds * 1000).toFixed(1)} ms`.padStart(11);

function runGroup(group) {
  const runnable = group.entries.filter((e) => e.argv);
  console.log(`\n${group.title} (${group.runs} runs, ${group.warmup} warm-up)`);
  console.log(`  ${''.padEnd(58)}${'median'.padStart(11)}${'min'.padStart(11)}`);
  const times = runnable.length ? (HYPERFINE ? withHyperfine : withSpawn)(group, runnable) : new Map();
  const stats = new Map();
  for (const e of group.entries) {
    if (!e.argv) {
      console.log(`  ${e.label.padEnd(58)}  skipped: ${e.missing}`);
      continue;
    }
    const t = times.get(e.id);
    stats.set(e.id, { median: median(t), min: Math.min(...t) });
    console.log(`  ${e.label.padEnd(58)}${fmt(median(t))}${fmt(Math.min(...t))}`);
  }
  for (const r of group.ratios) {
    const a = stats.get(r.a);
    const b = stats.get(r.b);
    if (!a || !b) continue;
    const ratio = a.median / b.median;
    const ok = r.kind === 'at most' ? ratio <= r.budget : ratio >= r.budget;
    const budget = Number.isFinite(r.budget) ? `budget ${r.kind} ${r.budget}` : '';
    const verdict = Number.isFinite(r.budget) ? (ok ? 'ok' : 'OVER BUDGET') : '';
    const minRatio = (a.min / b.min).toFixed(2);
    console.log(`  ${r.label.padEnd(32)}${ratio.toFixed(2).padStart(7)}  (min ${minRatio})  ${budget.padEnd(18)} ${verdict}`);
  }
  return stats;
}

const wanted = process.argv.slice(2).filter((a) => a !== '--builtin');
const unknown = wanted.filter((w) => !GROUPS.some((g) => g.name === w));
if (unknown.length) {
  console.error(`bench: unknown group ${unknown.join(', ')} (groups: ${GROUPS.map((g) => g.name).join(', ')})`);
  process.exit(2);
}
console.log(
  `netkit bench: ${HYPERFINE ?? (BUILTIN ? 'built-in runner' : 'built-in runner (install hyperfine for better statistics)')}; ` +
    `node ${process.versions.node} and ${NODE_VERSION} (embedded); python ${PYTHON_VERSION ?? 'not installed'}` +
    (PYTHON ? ` (${PYTHON})` : ''),
);
const t0 = performance.now();
for (const group of GROUPS) if (wanted.length === 0 || wanted.includes(group.name)) runGroup(group);
for (const note of notes) console.log(`\nnote: ${note}`);
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
