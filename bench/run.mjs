// netkit side by side with what users would run instead, in one run (DESIGN.md §6):
// start-up of a pure command against bare Node and python3, a million UUIDs against
// python3's uuid module, ip collapse and ip info over a million addresses against
// python3's ipaddress, url split, cookie parse and robots check against python3's
// urllib.parse, http.cookies and robotparser, and ip info against ipcalc and sipcalc. Prints medians and
// minimums in ms, throughput and peak memory where they matter, and the ratios with their
// budgets.
//
// Usage: npm run bench [-- [--builtin] GROUP...]
//   groups: startup, uuid, ip-collapse, ip-info, url-split, cookie-parse, robots-check, serve-http,
//   http-download, http-keepalive, ipcalc, smtp-accept, smtp-maildir, smtp-send (bench/smtp-bench.mjs)
// Uses hyperfine when installed (--export-json), else a built-in runner that spawns the
// commands in turn and takes the median; groups marked `interleave` (network transfers,
// the noisiest) always use the built-in runner. Entries whose program is missing are skipped with
// a note: build them with `npm run build` and `npm run build:exe`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_VERSION, ROOT, exePath, nodeBinary, targetByPlatform } from '../scripts/exe-targets.mjs';
import { startNginx } from '../test/peers/nginx.ts';
import { SMTP_GROUPS } from './smtp-bench.mjs';

const linuxX64 = targetByPlatform('linux-x64');
const EXE = exePath(linuxX64);
const NODE24 = nodeBinary(linuxX64);
const NODE20 = process.execPath;
const LAUNCHER = join(ROOT, 'bin/netkit');
const JS_BUNDLE = join(ROOT, 'dist/js/netkit.cjs');
const PY_LOOP = 'import uuid\nfor _ in range(1000000): print(uuid.uuid4())';
const PY_COLLAPSE = 'import sys, ipaddress\nfor n in ipaddress.collapse_addresses([ipaddress.ip_address(l.strip()) for l in sys.stdin]): print(n)';
// The fields `netkit ip info --json` prints for an IPv4 address, as a python3 loop writes them.
const PY_INFO = `import sys, json, ipaddress
for l in sys.stdin:
    a = ipaddress.ip_address(l.strip())
    print(json.dumps({"type": "address", "address": str(a), "version": a.version, "int": str(int(a)), "compressed": a.compressed, "exploded": a.exploded, "packed": a.packed.hex(), "reverse_pointer": a.reverse_pointer, "max_prefixlen": a.max_prefixlen, "is_multicast": a.is_multicast, "is_private": a.is_private, "is_global": a.is_global, "is_unspecified": a.is_unspecified, "is_reserved": a.is_reserved, "is_loopback": a.is_loopback, "is_link_local": a.is_link_local}, separators=(",", ":")))`;
const MILLION = 1_000_000;
const PY_URLSPLIT = `import sys, json
from urllib.parse import urlsplit
for l in sys.stdin:
    r = urlsplit(l.rstrip("\\n"))
    print(json.dumps({"scheme": r.scheme, "netloc": r.netloc, "path": r.path, "query": r.query, "fragment": r.fragment, "username": r.username, "password": r.password, "hostname": r.hostname, "port": r.port}, separators=(",", ":")))`;
const PY_COOKIE = `import sys, json
from http.cookies import SimpleCookie
for l in sys.stdin:
    c = SimpleCookie()
    c.load(l.rstrip("\\n"))
    print(json.dumps({"header": l.rstrip("\\n"), "cookies": [dict(key=m.key, value=m.value, coded_value=m.coded_value, **dict(m)) for m in c.values()]}, separators=(",", ":")))`;
const PY_ROBOTS = `import sys
from urllib.robotparser import RobotFileParser
rp = RobotFileParser()
rp.parse(open(sys.argv[1]).read().splitlines())
for l in sys.stdin:
    u = l.rstrip("\\n")
    print(("allowed " if rp.can_fetch("*", u) else "disallowed ") + u)`;
const HUNDRED_K = 100_000;
const PY_GETS = `import sys, urllib.request
for l in sys.stdin:
    with urllib.request.urlopen(l.strip()) as r: r.read()`;
const CURL = capture('curl', ['--version'])?.split(' ')[1];
const WRK = capture('wrk', ['--version'])?.split(' ')[1] ?? (spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0 ? '?' : undefined);
// hyperfine sends every output to /dev/null. Where it is a plain file (a tool that renamed a
// file over it as root), a download bench would time page-cache writes, not the transfer.
const DEV_NULL_BROKEN = statSync('/dev/null', { throwIfNoEntry: false })?.isCharacterDevice()
  ? undefined
  : '/dev/null is not a character device here (the download would be timed writing a file): as root, rm /dev/null && mknod -m 666 /dev/null c 1 3';
const NGINX = spawnSync('sh', ['-c', 'command -v nginx || test -x /usr/sbin/nginx'], { stdio: 'ignore' }).status === 0;
const GIB = 1024 ** 3;
const ROBOTS_FILE = join(tmpdir(), 'netkit-bench-robots.txt');

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
const IPCALC = capture('ipcalc', ['-n', '192.168.1.0/24']);
const SIPCALC = capture('sipcalc', ['192.168.1.0/24']);
/** util-linux uuidgen has a count option only from 2.39 (-C/--count); Debian 12 has 2.38. */
const UUIDGEN = (() => {
  const help = capture('uuidgen', ['--help']);
  return help?.includes('--count') ? 'uuidgen' : undefined;
})();

// ---- the benchmarks -----------------------------------------------------------------------

/**
 * @typedef {{ id: string, label: string, argv?: string[], missing?: string }} Entry
 * @typedef {{ a: string, b: string, label: string, budget: number, kind: 'at most' | 'at least', net?: [string, string], absolute?: boolean }} Ratio
 * @typedef {{ name: string, title: string, runs: number, warmup: number, entries: Entry[], ratios: Ratio[] }} Group
 */

/** An entry, or a skipped one when `path` is not there; `runs` overrides the group's (slow peers). */
function entry(id, label, argv, missing, runs) {
  return missing ? { id, label, missing } : { id, label, argv, runs };
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
  {
    name: 'ip-collapse',
    title: 'ip collapse of a million random IPv4 addresses (stdin)',
    runs: 5,
    warmup: 1,
    input: () => randomAddresses(MILLION),
    memory: true,
    entries: [
      entry('exe', 'netkit-linux-x64 ip collapse', [EXE, 'ip', 'collapse'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit ip collapse`, [NODE20, LAUNCHER, 'ip', 'collapse'], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: collapse_addresses(ip_address(line) ...)', [PYTHON ?? 'python3', '-c', PY_COLLAPSE], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'js', b: 'none', label: 'js time (s)', budget: 1, kind: 'at most', absolute: true },
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: Infinity, kind: 'at least' },
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: Infinity, kind: 'at least' },
    ],
  },
  {
    name: 'ip-info',
    title: 'ip info --json streaming a million random IPv4 addresses (stdin)',
    runs: 3,
    warmup: 1,
    input: () => randomAddresses(MILLION),
    lines: MILLION,
    entries: [
      entry('exe', 'netkit-linux-x64 ip info --json', [EXE, 'ip', 'info', '--json'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit ip info --json`, [NODE20, LAUNCHER, 'ip', 'info', '--json'], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: ip_address(line) fields as JSON', [PYTHON ?? 'python3', '-c', PY_INFO], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: 10, kind: 'at least' },
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: 10, kind: 'at least' },
    ],
  },
  {
    name: 'url-split',
    title: 'url split --json over a million URLs (stdin)',
    runs: 3,
    warmup: 1,
    input: () => randomURLs(MILLION),
    lines: MILLION,
    entries: [
      entry('exe', 'netkit-linux-x64 url split --json', [EXE, 'url', 'split', '--json'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit url split --json`, [NODE20, LAUNCHER, 'url', 'split', '--json'], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: urlsplit(line) fields as JSON', [PYTHON ?? 'python3', '-c', PY_URLSPLIT], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: 4, kind: 'at least' },
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: 4, kind: 'at least' },
    ],
  },
  {
    name: 'cookie-parse',
    title: 'cookie parse --json over 100,000 headers (stdin)',
    runs: 5,
    warmup: 1,
    input: () => randomCookies(HUNDRED_K),
    lines: HUNDRED_K,
    entries: [
      entry('exe', 'netkit-linux-x64 cookie parse --json', [EXE, 'cookie', 'parse', '--json'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit cookie parse --json`, [NODE20, LAUNCHER, 'cookie', 'parse', '--json'], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: SimpleCookie.load(line) as JSON', [PYTHON ?? 'python3', '-c', PY_COOKIE], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: Infinity, kind: 'at least' },
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: Infinity, kind: 'at least' },
    ],
  },
  {
    name: 'robots-check',
    title: 'robots check --legacy of 100,000 URLs against one robots.txt (stdin)',
    ignoreFailure: true, // exit 1: some URLs are disallowed, as they should be
    runs: 5,
    warmup: 1,
    input: () => robotsURLs(HUNDRED_K),
    lines: HUNDRED_K,
    entries: [
      entry('exe', 'netkit-linux-x64 robots check --legacy', [EXE, 'robots', 'check', '--legacy', ROBOTS_FILE], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit robots check --legacy`, [NODE20, LAUNCHER, 'robots', 'check', '--legacy', ROBOTS_FILE], needs(JS_BUNDLE, 'npm run build')),
      entry('js9309', `node ${process.versions.node} bin/netkit robots check (RFC 9309)`, [NODE20, LAUNCHER, 'robots', 'check', ROBOTS_FILE], needs(JS_BUNDLE, 'npm run build')),
      entry('python', 'python: RobotFileParser.can_fetch(line)', [PYTHON ?? 'python3', '-c', PY_ROBOTS, ROBOTS_FILE], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: Infinity, kind: 'at least' },
      { a: 'python', b: 'exe', label: 'python / exe (speed-up)', budget: Infinity, kind: 'at least' },
    ],
  },
  {
    name: 'http-download',
    title: 'a 1 GiB download from nginx on loopback, to stdout (/dev/null)',
    // Loopback transfers on a shared 2-core machine swing by ±30 % (nginx's own CPU time for
    // the same GiB varies from 280 to 620 ms): enough runs for a median.
    runs: 15,
    warmup: 2,
    memory: true,
    setup: async () => {
      const nginx = await startNginx();
      const file = join(nginx.docroot, 'big.bin');
      spawnSync('truncate', ['-s', String(GIB), file]);
      // -o FILE goes next to the other temporary files (written in full, then renamed, every run).
      return { nginx, url: `http://127.0.0.1:${nginx.httpPort}/big.bin`, tiny: `http://127.0.0.1:${nginx.httpPort}/hello.txt`, out: join(tmpdir(), `netkit-bench-download-${process.pid}.bin`) };
    },
    // Interleaved runs (the built-in runner): load swings on a shared machine hit every tool
    // alike. The "-start" entries fetch a 12-byte file: what each tool spends besides the
    // transfer, taken off for the throughput ratios.
    interleave: true,
    entries: (env) => [
      entry('exe', 'netkit-linux-x64 http get', [EXE, 'http', 'get', env.url], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit http get`, [NODE20, LAUNCHER, 'http', 'get', env.url], needs(JS_BUNDLE, 'npm run build')),
      entry('curl', `curl ${CURL ?? ''} -s`, ['curl', '-s', env.url], CURL ? undefined : 'curl is not installed'),
      entry('floor', `node ${process.versions.node} bench/node-floor.cjs (raw socket)`, [NODE20, join(ROOT, 'bench/node-floor.cjs'), env.url]),
      entry('js-o', `node ${process.versions.node} bin/netkit http get -o FILE`, [NODE20, LAUNCHER, 'http', 'get', '-o', env.out, env.url], needs(JS_BUNDLE, 'npm run build')),
      entry('curl-o', 'curl -s -o FILE', ['curl', '-s', '-o', env.out, env.url], CURL ? undefined : 'curl is not installed'),
      entry('exe-start', 'netkit-linux-x64 http get (12 bytes)', [EXE, 'http', 'get', env.tiny], needs(EXE, 'npm run build:exe')),
      entry('js-start', 'bin/netkit http get (12 bytes)', [NODE20, LAUNCHER, 'http', 'get', env.tiny], needs(JS_BUNDLE, 'npm run build')),
      entry('curl-start', 'curl -s (12 bytes)', ['curl', '-s', env.tiny], CURL ? undefined : 'curl is not installed'),
      entry('floor-start', 'node-floor.cjs (12 bytes)', [NODE20, join(ROOT, 'bench/node-floor.cjs'), env.tiny]),
    ],
    ratios: [
      { a: 'js', b: 'curl', label: 'js / curl time', budget: Infinity, kind: 'at most' },
      { a: 'exe', b: 'curl', label: 'exe / curl time', budget: Infinity, kind: 'at most' },
      { a: 'js', b: 'curl', net: ['js-start', 'curl-start'], label: 'js / curl transfer (≤ 1.11: ≥ 0.9× throughput)', budget: 1 / 0.9, kind: 'at most' },
      { a: 'exe', b: 'curl', net: ['exe-start', 'curl-start'], label: 'exe / curl transfer', budget: 1 / 0.9, kind: 'at most' },
      { a: 'floor', b: 'curl', net: ['floor-start', 'curl-start'], label: "Node's floor / curl transfer", budget: Infinity, kind: 'at most' },
      { a: 'js', b: 'floor', net: ['js-start', 'floor-start'], label: "js / Node's floor transfer", budget: Infinity, kind: 'at most' },
      { a: 'js-o', b: 'curl-o', net: ['js-start', 'curl-start'], label: 'js -o / curl -o transfer', budget: 1 / 0.9, kind: 'at most' },
    ],
    // The issue's memory budget: peak RSS of a 1 GiB download at most 100 MB.
    memoryBudget: { mib: 100 / 1.048576, ids: ['exe', 'js', 'js-o'] },
    cleanup: (env) => rmSync(env.out, { force: true }),
    missing: NGINX ? DEV_NULL_BROKEN : 'nginx is not installed',
  },
  {
    name: 'http-keepalive',
    title: '10,000 small GETs from nginx on loopback (URLs on stdin)',
    runs: 3,
    warmup: 1,
    lines: 10_000,
    setup: async () => {
      const nginx = await startNginx();
      const url = `http://127.0.0.1:${nginx.httpPort}/hello.txt`;
      const list = join(tmpdir(), 'netkit-bench-urls-10k.txt');
      writeFileSync(list, `${url}\n`.repeat(10_000));
      const config = join(tmpdir(), 'netkit-bench-curl-10k.cfg');
      writeFileSync(config, `url = "${url}"\n`.repeat(10_000));
      return { nginx, list, config };
    },
    input: (env) => env.list,
    entries: (env) => [
      entry('exe', 'netkit-linux-x64 http get (keep-alive)', [EXE, 'http', 'get'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit http get (keep-alive)`, [NODE20, LAUNCHER, 'http', 'get'], needs(JS_BUNDLE, 'npm run build')),
      entry('curl', `curl ${CURL ?? ''} -s -K (one process, keep-alive)`, ['curl', '-s', '-K', env.config], CURL ? undefined : 'curl is not installed'),
      entry('python', 'python: urllib.request.urlopen loop', [PYTHON ?? 'python3', '-c', PY_GETS], PYTHON ? undefined : 'python3 is not installed', 1),
    ],
    ratios: [
      { a: 'python', b: 'js', label: 'python / js (speed-up)', budget: Infinity, kind: 'at least' },
      { a: 'curl', b: 'js', label: 'curl / js (speed-up)', budget: Infinity, kind: 'at least' },
      { a: 'curl', b: 'exe', label: 'curl / exe (speed-up)', budget: Infinity, kind: 'at least' },
    ],
    missing: NGINX ? undefined : 'nginx is not installed',
  },
  {
    name: 'serve-http',
    title: 'serve a 1 KB file (wrk) and a 256 MB file (curl): netkit serve http against python3 -m http.server and nginx (1 worker)',
    missing: WRK ? DEV_NULL_BROKEN : 'wrk is not installed (apt-get install wrk)',
    run: runServeHttpBench,
  },
  {
    name: 'ipcalc',
    title: 'one network described: netkit ip info against ipcalc and sipcalc',
    runs: 20,
    warmup: 3,
    entries: [
      entry('exe', 'netkit-linux-x64 ip info 192.168.1.0/24', [EXE, 'ip', 'info', '192.168.1.0/24'], needs(EXE, 'npm run build:exe')),
      entry('js', `node ${process.versions.node} bin/netkit ip info 192.168.1.0/24`, [NODE20, LAUNCHER, 'ip', 'info', '192.168.1.0/24'], needs(JS_BUNDLE, 'npm run build')),
      entry('ipcalc', 'ipcalc 192.168.1.0/24', ['ipcalc', '-n', '192.168.1.0/24'], IPCALC ? undefined : 'ipcalc is not installed'),
      entry('sipcalc', 'sipcalc 192.168.1.0/24', ['sipcalc', '192.168.1.0/24'], SIPCALC ? undefined : 'sipcalc is not installed'),
      entry('python', 'python: print ip_network attributes', [PYTHON ?? 'python3', '-c', "import ipaddress; n = ipaddress.ip_network('192.168.1.0/24'); print(n.network_address, n.broadcast_address, n.netmask, n.num_addresses, n.is_private)"], PYTHON ? undefined : 'python3 is not installed'),
    ],
    ratios: [
      { a: 'exe', b: 'ipcalc', label: 'exe / ipcalc', budget: Infinity, kind: 'at most' },
      { a: 'exe', b: 'sipcalc', label: 'exe / sipcalc', budget: Infinity, kind: 'at most' },
      { a: 'exe', b: 'python', label: 'exe / python', budget: Infinity, kind: 'at most' },
    ],
  },
  ...SMTP_GROUPS,
];

/** A seeded xorshift-style generator: every run writes the same files. */
function seeded(seed) {
  return () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0);
}

/** A file of `n` URLs of the shapes logs hold (seeded). */
function randomURLs(n) {
  const file = join(tmpdir(), `netkit-bench-urls-${n}.txt`);
  if (existsSync(file)) return file;
  const next = seeded(12345);
  const schemes = ['http', 'https', 'ftp', 'https'];
  const lines = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = next();
    const host = `host${v % 9973}.example${v % 7}.com`;
    const user = v % 11 === 0 ? `user${v % 97}:pw@` : '';
    const port = v % 5 === 0 ? `:${8000 + (v % 1000)}` : '';
    lines[i] = `${schemes[v % 4]}://${user}${host}${port}/path/${v % 1000}/item?id=${v}&q=a+b#frag${v % 13}`;
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A file of `n` Cookie / Set-Cookie values (seeded). */
function randomCookies(n) {
  const file = join(tmpdir(), `netkit-bench-cookies-${n}.txt`);
  if (existsSync(file)) return file;
  const next = seeded(777);
  const lines = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = next();
    lines[i] =
      v % 2 === 0
        ? `session=${v.toString(16)}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${v % 86400}`
        : `a=${v % 100}; b="q${v % 7}\\073x"; theme=dark; lang=en-US`;
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A robots.txt (ROBOTS_FILE) and `n` URLs to check against it (seeded). */
function robotsURLs(n) {
  writeFileSync(ROBOTS_FILE, 'User-agent: *\nDisallow: /private\nDisallow: /tmp/\nAllow: /private/public\nDisallow: /search\nCrawl-delay: 1\n\nUser-agent: BadBot\nDisallow: /\n\nSitemap: https://example.com/sitemap.xml\n');
  const file = join(tmpdir(), `netkit-bench-robots-urls-${n}.txt`);
  if (existsSync(file)) return file;
  const next = seeded(4242);
  const dirs = ['private', 'public', 'tmp', 'search', 'docs', 'private/public'];
  const lines = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = next();
    lines[i] = `https://example.com/${dirs[v % dirs.length]}/${v % 5000}.html`;
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A file of `n` random IPv4 addresses, one per line (seeded, so every run sees the same). */
function randomAddresses(n) {
  const file = join(tmpdir(), `netkit-bench-ipv4-${n}.txt`);
  if (existsSync(file)) return file;
  const next = seeded(0x9e3779b9);
  const lines = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = next();
    lines[i] = `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// ---- runners ------------------------------------------------------------------------------

/** POSIX single quotes, which hyperfine's -N splitting (shell-words) understands. */
const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/**
 * hyperfine: the group's entries in one invocation (an entry with its own `runs`, a slow
 * peer, in one of its own, without warm-up); returns seconds per entry id.
 */
function withHyperfine(group, entries, input) {
  const shared = entries.filter((e) => e.runs === undefined);
  const times = shared.length ? hyperfine(group, shared, group.runs, group.warmup, input) : new Map();
  for (const e of entries.filter((x) => x.runs !== undefined)) {
    for (const [id, t] of hyperfine(group, [e], e.runs, 0, input)) times.set(id, t);
  }
  return times;
}

function hyperfine(group, entries, runs, warmup, input) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-'));
  const json = join(dir, 'results.json');
  try {
    const args = ['-N', '--warmup', String(warmup), '--runs', String(runs), '--style', 'none', '--export-json', json];
    // hyperfine 1.15 has no --input: a shell redirects the file (its start-up is noise
    // next to a million lines).
    if (input) args.push('--output', 'null');
    if (group.ignoreFailure) args.push('--ignore-failure');
    for (const e of entries) {
      const command = e.argv.map(quote).join(' ');
      args.push('-n', e.id, input ? `sh -c ${quote(`${command} < ${quote(input)}`)}` : command);
    }
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
function withSpawn(group, entries, input) {
  const times = new Map(entries.map((e) => [e.id, []]));
  for (let i = 0; i < group.warmup + group.runs; i++) {
    for (const e of entries) {
      if (e.runs !== undefined && (i < group.warmup || times.get(e.id).length >= e.runs)) continue;
      const t0 = process.hrtime.bigint();
      const fd = input ? openSync(input, 'r') : 'ignore';
      const r = spawnSync(e.argv[0], e.argv.slice(1), { stdio: [fd, 'ignore', 'ignore'] });
      if (input) closeSync(fd);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0 && !(group.ignoreFailure && r.status === 1)) throw new Error(`${e.label}: exit ${r.status ?? r.signal}`);
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

/** Peak resident memory of one run, in MiB, from GNU time (undefined without it). */
function peakMemory(e, input) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const fd = input ? openSync(input, 'r') : 'ignore';
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...e.argv], { stdio: [fd, 'ignore', 'pipe'], encoding: 'utf8' });
  if (input) closeSync(fd);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

async function runGroup(group) {
  if (group.missing) {
    console.log(`\n${group.title}: skipped, ${group.missing}`);
    return;
  }
  if (group.run) {
    await group.run(group);
    return;
  }
  const env = group.setup ? await group.setup() : undefined;
  try {
    runEntries(group, typeof group.entries === 'function' ? group.entries(env) : group.entries, env);
  } finally {
    group.cleanup?.(env);
    await env?.nginx?.stop();
  }
}

function runEntries(group, entries, env) {
  const runnable = entries.filter((e) => e.argv);
  const input = runnable.length && group.input ? group.input(env) : undefined;
  const slow = runnable.filter((e) => e.runs !== undefined).map((e) => `${e.id}: ${e.runs} run`);
  console.log(`\n${group.title} (${group.runs} runs, ${group.warmup} warm-up${slow.length ? `; ${slow.join(', ')}` : ''})`);
  const extra = (group.lines ? 'lines/s'.padStart(12) : '') + (group.memory ? 'peak MiB'.padStart(10) : '');
  console.log(`  ${''.padEnd(58)}${'median'.padStart(11)}${'min'.padStart(11)}${extra}`);
  const times = runnable.length ? (HYPERFINE && !group.interleave ? withHyperfine : withSpawn)(group, runnable, input) : new Map();
  const stats = new Map();
  for (const e of entries) {
    if (!e.argv) {
      console.log(`  ${e.label.padEnd(58)}  skipped: ${e.missing}`);
      continue;
    }
    const t = times.get(e.id);
    stats.set(e.id, { median: median(t), min: Math.min(...t) });
    let more = group.lines ? String(Math.round(group.lines / median(t))).padStart(12) : '';
    if (group.memory && !e.id.endsWith('-start')) {
      const peak = peakMemory(e, input);
      more += (peak?.toFixed(0) ?? '?').padStart(10);
      const cap = group.memoryBudget;
      if (cap?.ids.includes(e.id) && peak !== undefined) more += peak <= cap.mib ? '  ok (≤ 100 MB)' : '  OVER 100 MB';
    }
    console.log(`  ${e.label.padEnd(58)}${fmt(median(t))}${fmt(Math.min(...t))}${more}`);
  }
  for (const r of group.ratios) {
    let a = stats.get(r.a);
    let b = r.absolute ? { median: 1, min: 1 } : stats.get(r.b);
    if (!a || !b) continue;
    if (r.net) {
      // Time besides the transfer (start-up, connect, exit) taken off both sides.
      const [sa, sb] = r.net.map((id) => stats.get(id));
      if (!sa || !sb) continue;
      a = { median: a.median - sa.median, min: a.min - sa.min };
      b = { median: b.median - sb.median, min: b.min - sb.min };
    }
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
for (const group of GROUPS) if (wanted.length === 0 || wanted.includes(group.name)) await runGroup(group);
for (const note of notes) console.log(`\nnote: ${note}`);
console.log(`\n(${((performance.now() - t0) / 1000).toFixed(1)} s)`);

// serve-http: each server in turn on 127.0.0.1: wrk -t2 -c50 for 5 s against a 1 KB file
// (three interleaved rounds, median requests/s), then a 256 MB file fetched three times with
// curl (median throughput) while the server's peak RSS is read from /proc.
async function runServeHttpBench(group) {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-bench-serve-'));
  const body = Buffer.alloc(1024, 'x');
  writeFileSync(join(dir, '1k.txt'), body);
  spawnSync('truncate', ['-s', String(256 * 1024 * 1024), join(dir, 'big.bin')]);
  const nginx = NGINX ? await startNginx() : undefined;
  if (nginx) {
    writeFileSync(join(nginx.docroot, '1k.txt'), body);
    spawnSync('truncate', ['-s', String(256 * 1024 * 1024), join(nginx.docroot, 'big.bin')]);
  }
  const portFile = join(dir, 'port');
  const servers = [
    {
      id: 'netkit',
      label: `node ${process.versions.node} bin/netkit serve http`,
      missing: needs(JS_BUNDLE, 'npm run build'),
      start: () => startServer([NODE20, LAUNCHER, 'serve', 'http', '0', '-q', '-b', '127.0.0.1', '-d', dir, '--port-file', portFile], () => (existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) || undefined : undefined)),
    },
    {
      id: 'python',
      label: `python ${PYTHON_VERSION ?? ''} -m http.server`,
      missing: PYTHON ? undefined : 'python3 is not installed',
      start: () => startServer([PYTHON, '-u', '-m', 'http.server', '-b', '127.0.0.1', '-d', dir, '0'], (out) => Number(/ port (\d+) /.exec(out)?.[1]) || undefined),
    },
    { id: 'nginx', label: 'nginx (1 worker)', missing: nginx ? undefined : 'nginx is not installed', fixed: nginx?.httpPort, pid: nginx?.pid },
  ].filter((s) => !s.missing);
  const rounds = 3;
  const rps = new Map(servers.map((s) => [s.id, []]));
  const mbps = new Map(servers.map((s) => [s.id, []]));
  const rss = new Map();
  console.log(`\n${group.title} (${rounds} interleaved rounds: wrk -t2 -c50 -d5s on 1k.txt, then curl on a 256 MB file; medians)`);
  try {
    for (let round = 0; round < rounds; round++) {
      for (const s of servers) {
        const server = s.start ? await s.start() : { port: s.fixed, pid: s.pid, stop: () => {} };
        try {
          const r = spawnSync('wrk', ['-t2', '-c50', '-d5s', `http://127.0.0.1:${server.port}/1k.txt`], { encoding: 'utf8', timeout: 60_000 });
          const x = Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout ?? '')?.[1]);
          const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)/.exec(r.stdout ?? '')?.[0];
          if (errors) notes.push(`serve-http ${s.id}: ${errors}`);
          if (Number.isFinite(x)) rps.get(s.id).push(x);
          const t0 = process.hrtime.bigint();
          const c = spawnSync('curl', ['-s', '-o', '/dev/null', '-w', '%{size_download}', `http://127.0.0.1:${server.port}/big.bin`], { encoding: 'utf8', timeout: 120_000 });
          const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
          if (Number(c.stdout) === 256 * 1024 * 1024) mbps.get(s.id).push(256 / seconds);
          else notes.push(`serve-http ${s.id}: the 256 MB download came back with ${c.stdout} bytes`);
          if (s.id === 'netkit') rss.set(s.id, Math.max(rss.get(s.id) ?? 0, peakRss(server.pid) ?? 0));
        } finally {
          server.stop();
        }
      }
      rmSync(portFile, { force: true });
    }
  } finally {
    await nginx?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const med = (m, id) => (m.get(id)?.length ? median(m.get(id)) : undefined);
  for (const s of servers) {
    const a = med(rps, s.id);
    const b = med(mbps, s.id);
    const mem = rss.has(s.id) ? `  peak RSS ${rss.get(s.id).toFixed(0)} MiB` : '';
    console.log(`  ${s.label.padEnd(52)}${a === undefined ? '         ?' : String(Math.round(a)).padStart(10)} req/s${b === undefined ? '' : `${b.toFixed(0).padStart(8)} MB/s`}${mem}`);
  }
  const ratio = (m, a, b, label, budget) => {
    const x = med(m, a) / med(m, b);
    if (!Number.isFinite(x)) return;
    console.log(`  ${label.padEnd(44)}${x.toFixed(2).padStart(7)}  budget at least ${budget}  ${x >= budget ? 'ok' : 'UNDER BUDGET'}`);
  };
  ratio(rps, 'netkit', 'python', 'netkit / python3 (1 KB req/s)', 15);
  ratio(rps, 'netkit', 'nginx', 'netkit / nginx 1 worker (1 KB req/s)', 0.5);
  ratio(mbps, 'netkit', 'nginx', 'netkit / nginx (256 MB throughput)', 0.8);
}

/** VmHWM (peak resident set) of a process, in MiB. */
function peakRss(pid) {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Spawns a server; resolves with its port (read by `portOf` from stdout or a file) and a stop(). */
async function startServer(argv, portOf) {
  const { spawn } = await import('node:child_process');
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s) => (out += s));
  const deadline = performance.now() + 15_000;
  for (;;) {
    const port = portOf(out);
    if (port) return { port, pid: child.pid, stop: () => child.kill('SIGTERM') };
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${argv.slice(0, 3).join(' ')}: no port within 15 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
