// The SMTP groups of bench/run.mjs (DESIGN.md §6), each server started fresh per round and
// rounds interleaved so load drifts hit every side alike; medians are printed with ratios.
//   smtp-accept   10,000 messages from 4 processes (bench/smtp-load.mjs) into python3 -m
//                 smtpd DebuggingServer and netkit serve smtp -c DebuggingServer (stdout
//                 /dev/null for both), with the trivial sink (bench/smtp-sink.mjs) as the
//                 load generator's ceiling; budget netkit/python >= 4x messages/s. Each
//                 server takes one warm-up load before the measured one (its "cold" rate
//                 is printed too); netkit also runs --no-pipelining, smtpd's conversation.
//   smtp-maildir  the same load into netkit serve smtp --maildir DIR: messages/s, and the
//                 loss (accepted messages - files in DIR/new, counted before the server
//                 stops), which must be 0.
//   smtp-send     1,000 .eml files over one connection into the sink: netkit smtp send
//                 --message ... against a python3 smtplib send_message loop.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, tryConnect, waitExit } from '../test/peers/daemon.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const LAUNCHER = join(ROOT, 'bin/netkit');
const LOAD = join(ROOT, 'bench/smtp-load.mjs');
const SINK = join(ROOT, 'bench/smtp-sink.mjs');
const ROUNDS = 3;
const LOAD_MESSAGES = 10_000;
const LOAD_PROCS = 4;
const SEND_MESSAGES = 1000;
const SEND_RUNS = 5;
const READY_MS = 15_000;

/** python3 with the smtpd module (≤ 3.11), not a pyenv shim; undefined when there is none. */
const PYTHON = (() => {
  const r = spawnSync('python3', ['-W', 'ignore', '-c', 'import sys, smtpd; print(sys.executable)'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
const PYTHON_VERSION = PYTHON && spawnSync(PYTHON, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).stdout.trim();

/** Why `netkit <words> --help` does not offer `option`, or undefined when it does. */
function netkitMissing(words, option) {
  if (!existsSync(join(ROOT, 'dist/js/netkit.cjs'))) return 'dist/js/netkit.cjs is missing (npm run build)';
  const r = spawnSync(NODE, [LAUNCHER, ...words, '--help'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && r.stdout.includes(option) ? undefined : `netkit ${words.join(' ')} not available (no ${option} in --help)`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawns a server with stdout on /dev/null and stderr in a file; resolves once it listens
 * (`port` fixed and accepting, or read from `portFile`), with a stop() that TERMs and waits.
 */
async function startServer(argv, { port, portFile, dir }) {
  const errFile = join(dir, `stderr-${process.hrtime.bigint()}`);
  const fd = openSync(errFile, 'w');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await waitExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 5000);
    }
  };
  const deadline = performance.now() + READY_MS;
  while (performance.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const p = port ?? (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) || undefined : undefined);
    if (p && (await tryConnect(p, 500))) return { port: p, pid: child.pid, stop };
    await waitExit(child, 20);
  }
  await stop();
  throw new Error(`${argv.slice(0, 4).join(' ')}: not listening within ${READY_MS / 1000} s: ${readFileSync(errFile, 'utf8').trim().slice(-500)}`);
}

/** One run of the load generator against 127.0.0.1:port: {messages, seconds, per_second, failures}. */
function load(port) {
  const r = spawnSync(NODE, [LOAD, '--port', String(port), '--messages', String(LOAD_MESSAGES), '--procs', String(LOAD_PROCS)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`smtp-load: exit ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The servers of smtp-accept and smtp-maildir, by id. */
function servers(dir) {
  const portFile = join(dir, 'port');
  const netkit = (extra) => async () => {
    rmSync(portFile, { force: true });
    return startServer([NODE, LAUNCHER, 'serve', 'smtp', '127.0.0.1:0', ...extra, '--port-file', portFile], { portFile, dir });
  };
  return {
    sink: { label: 'bench/smtp-sink.mjs (the load generator\'s ceiling)', start: () => startServer([NODE, SINK, '--port-file', portFile], { portFile, dir }) },
    python: {
      label: `python ${PYTHON_VERSION ?? '3'} -m smtpd -n -c DebuggingServer`,
      missing: PYTHON ? undefined : 'python3 with the smtpd module (3.11 or older) is not installed',
      start: async () => {
        const port = await freePort();
        return startServer([PYTHON, '-W', 'ignore', '-m', 'smtpd', '-n', '-c', 'DebuggingServer', `127.0.0.1:${port}`], { port, dir });
      },
    },
    netkit: { label: `node ${process.versions.node} bin/netkit serve smtp -c DebuggingServer`, missing: netkitMissing(['serve', 'smtp'], '--port-file'), start: netkit(['-c', 'DebuggingServer']) },
    // smtpd offers no PIPELINING, so the load goes one command at a time there: the same
    // conversation from netkit, for a like-for-like protocol.
    lockstep: { label: `node ${process.versions.node} bin/netkit serve smtp -c DebuggingServer --no-pipelining`, missing: netkitMissing(['serve', 'smtp'], '--no-pipelining'), start: netkit(['-c', 'DebuggingServer', '--no-pipelining']) },
    maildir: { label: `node ${process.versions.node} bin/netkit serve smtp --maildir DIR`, missing: netkitMissing(['serve', 'smtp'], '--maildir'), start: netkit(['--maildir', join(dir, 'maildir')]) },
  };
}

const row = (label, value) => console.log(`  ${label.padEnd(60)}${value}`);
function ratio(label, x, budget) {
  if (!Number.isFinite(x)) return;
  const verdict = budget === undefined ? '' : `  budget at least ${budget}  ${x >= budget ? 'ok' : 'UNDER BUDGET'}`;
  console.log(`  ${label.padEnd(60)}${x.toFixed(2).padStart(7)}${verdict}`);
}

/**
 * Interleaved rounds of `ids`. Each fresh server first takes one warm-up load (its `cold`
 * rate: start-up and the JIT's first compilations land there, on a 2-core machine they
 * compete with the load), then the measured one: the rate a server that has been running
 * keeps. Returns per-id results of the measured loads, each with `cold`, and
 * `after(id, [warm-up, measured])` merged in.
 */
async function rounds(all, ids, after) {
  const results = new Map(ids.map((id) => [id, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const id of ids) {
      const server = await all[id].start();
      try {
        const warmUp = load(server.port);
        const r = { ...load(server.port), cold: warmUp.per_second };
        if (after) Object.assign(r, after(id, [warmUp, r]));
        results.get(id).push(r);
      } finally {
        await server.stop();
      }
    }
  }
  return results;
}

function report(all, results) {
  const rates = new Map();
  for (const [id, rs] of results) {
    const rate = median(rs.map((r) => r.per_second));
    rates.set(id, rate);
    const failures = rs.reduce((a, r) => a + r.failures, 0);
    const spread = `(${Math.min(...rs.map((r) => r.per_second))}–${Math.max(...rs.map((r) => r.per_second))})`;
    const cold = `cold ${Math.round(median(rs.map((r) => r.cold)))}`;
    row(all[id].label, `${String(Math.round(rate)).padStart(8)} msg/s ${spread.padEnd(16)}${cold.padEnd(12)}${failures ? ` ${failures} failed` : ''}`);
  }
  return rates;
}

function skipped(all, ids) {
  const missing = ids.filter((id) => all[id].missing);
  for (const id of missing) row(all[id].label, `skipped: ${all[id].missing}`);
  return ids.filter((id) => !all[id].missing);
}

async function smtpAccept(group) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-smtp-'));
  try {
    const all = servers(dir);
    console.log(`\n${group.title} (${ROUNDS} interleaved rounds, each server warmed by one load first; median messages/s)`);
    const ids = skipped(all, ['sink', 'python', 'netkit', 'lockstep']);
    const rates = report(all, await rounds(all, ids));
    ratio('netkit / python (messages/s)', rates.get('netkit') / rates.get('python'), 4);
    ratio('netkit --no-pipelining / python (the same conversation)', rates.get('lockstep') / rates.get('python'));
    ratio('sink / netkit (headroom of the load generator)', rates.get('sink') / rates.get('netkit'));
    ratio('sink / python (headroom of the load generator)', rates.get('sink') / rates.get('python'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function smtpMaildir(group) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-smtp-'));
  try {
    const all = servers(dir);
    const maildir = join(dir, 'maildir');
    console.log(`\n${group.title} (${ROUNDS} rounds, each after a warm-up load; median messages/s; loss = accepted in both loads − files in new/ before the server stops)`);
    const ids = skipped(all, ['maildir']);
    if (!ids.length) return;
    // A fresh Maildir per run: every file in new/ was delivered by this run.
    const start = all.maildir.start;
    all.maildir.start = () => {
      rmSync(maildir, { recursive: true, force: true });
      mkdirSync(maildir);
      return start();
    };
    const count = () => (existsSync(join(maildir, 'new')) ? readdirSync(join(maildir, 'new')).length : 0);
    const results = await rounds(all, ids, (_id, runs) => ({ loss: runs.reduce((a, r) => a + r.messages - r.failures, 0) - count() }));
    report(all, results);
    const losses = results.get('maildir').map((r) => r.loss);
    row('loss per run (must be 0)', `${losses.join(', ')}  ${losses.every((x) => x === 0) ? 'ok' : 'MESSAGES LOST'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PY_SEND = `import email, smtplib, sys
host, port, *files = sys.argv[1:]
with smtplib.SMTP(host, int(port)) as s:
    for f in files:
        with open(f, "rb") as fh:
            s.send_message(email.message_from_binary_file(fh))`;

async function smtpSend(group) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-smtp-'));
  try {
    await sendRuns(group, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sendRuns(group, dir) {
  const files = [];
  for (let i = 0; i < SEND_MESSAGES; i++) {
    const file = join(dir, `m${String(i).padStart(4, '0')}.eml`);
    const body = `Message ${i} of the smtp-send benchmark.\r\n`.repeat(20);
    writeFileSync(file, `From: sender@bench.test\r\nTo: rcpt${i % 10}@bench.test\r\nSubject: smtp-send ${i}\r\nMessage-ID: <send-${i}@bench.test>\r\n\r\n${body}`);
    files.push(file);
  }
  const portFile = join(dir, 'port');
  const sink = await startServer([NODE, SINK, '--port-file', portFile], { portFile, dir });
  const server = `127.0.0.1:${sink.port}`;
  const entries = [
    {
      id: 'netkit',
      label: `node ${process.versions.node} bin/netkit smtp send --message ×${SEND_MESSAGES}`,
      missing: netkitMissing(['smtp', 'send'], '--message'),
      argv: [NODE, LAUNCHER, 'smtp', 'send', '--server', server, ...files.flatMap((f) => ['--message', f])],
    },
    {
      id: 'python',
      label: `python ${PYTHON_VERSION ?? '3'}: smtplib send_message loop, one connection`,
      missing: PYTHON ? undefined : 'python3 is not installed',
      argv: [PYTHON, '-c', PY_SEND, '127.0.0.1', String(sink.port), ...files],
    },
  ];
  try {
    console.log(`\n${group.title} (${SEND_RUNS} interleaved runs, 1 warm-up; median wall time, start-up included)`);
    const runnable = entries.filter((e) => !e.missing);
    const times = new Map(runnable.map((e) => [e.id, []]));
    for (let i = 0; i < SEND_RUNS + 1; i++) {
      for (const e of runnable) {
        const t0 = process.hrtime.bigint();
        const r = spawnSync(e.argv[0], e.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        if (r.status !== 0) throw new Error(`${e.label}: exit ${r.status ?? r.signal}: ${r.stderr.trim().slice(-500)}`);
        if (i > 0) times.get(e.id).push(seconds);
      }
    }
    for (const e of entries) {
      if (e.missing) {
        row(e.label, `skipped: ${e.missing}`);
        continue;
      }
      const t = median(times.get(e.id));
      row(e.label, `${(t * 1000).toFixed(0).padStart(8)} ms ${String(Math.round(SEND_MESSAGES / t)).padStart(8)} msg/s`);
    }
    if (times.has('netkit') && times.has('python')) ratio('python / netkit (speed-up)', median(times.get('python')) / median(times.get('netkit')));
  } finally {
    await sink.stop();
  }
}

export const SMTP_GROUPS = [
  {
    name: 'smtp-accept',
    title: `smtp-accept: ${LOAD_MESSAGES.toLocaleString('en')} messages from ${LOAD_PROCS} processes (bench/smtp-load.mjs) into a DebuggingServer, stdout /dev/null`,
    run: smtpAccept,
  },
  {
    name: 'smtp-maildir',
    title: `smtp-maildir: ${LOAD_MESSAGES.toLocaleString('en')} messages from ${LOAD_PROCS} processes into netkit serve smtp --maildir`,
    run: smtpMaildir,
  },
  {
    name: 'smtp-send',
    title: `smtp-send: ${SEND_MESSAGES.toLocaleString('en')} messages over one connection into bench/smtp-sink.mjs`,
    run: smtpSend,
  },
];
