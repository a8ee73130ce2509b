// Builds netkit's single-file executables with Node's single executable application (SEA)
// support: dist/netkit-linux-x64, dist/netkit-linux-arm64, dist/netkit-win-x64.exe.
//
//   1. fetch the official Node 24 binaries from the npm registry (`npm pack node-<os>-<arch>`),
//      check the tarballs against pinned integrity values, cache them in .cache/node/;
//   2. bundle src/cli/run.ts (what bin/netkit runs) with every dependency into one
//      CommonJS file, dist/sea/netkit.cjs;
//   3. for the host's own target, run that bundle under the embedded Node to make a V8 code
//      cache of the code netkit actually runs (scripts/exe-cache.mjs);
//   4. make each SEA blob with the host's Node 24 (the blob must come from the Node version
//      it goes into): a small loader as the main script, the bundle (and cache) as assets;
//   5. inject the blob into a copy of each Node binary with postject.
// docs/exe.md explains the choices and the figures behind them.
//
// Usage: node scripts/build-exe.mjs [--only linux-x64,win-x64] [--snapshot] [--no-code-cache]
//   --only           build only these targets
//   --snapshot       host target: a V8 startup snapshot instead (useSnapshot; slower, see docs)
//   --no-code-cache  no code cache, even for the host's own target
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { common, lazyPackages } from './build.mjs';
import { BUNDLE_NAME, CACHE, DIST, NODE_VERSION, ROOT, SEA_DIR, SEA_FUSE, TARGETS, WRAPPER, exePath, nodeBinary } from './exe-targets.mjs';

const require = createRequire(import.meta.url);
const rel = (p) => relative(process.cwd(), p) || '.';
const ms = (t0) => `${Math.round(performance.now() - t0)} ms`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout;
}

function sri(buffer) {
  return 'sha512-' + createHash('sha512').update(buffer).digest('base64');
}

// ---- 1. Node binaries --------------------------------------------------------------------

/** Returns the path of the target's Node binary, fetching and checking it if not cached. */
export function fetchNode(target) {
  const dir = join(CACHE, target.platform);
  const binary = nodeBinary(target);
  const stamp = join(dir, '.integrity');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === target.integrity) return binary;

  mkdirSync(CACHE, { recursive: true });
  const tarball = join(CACHE, `${target.pkg}-${NODE_VERSION}.tgz`);
  if (!existsSync(tarball) || sri(readFileSync(tarball)) !== target.integrity) {
    const t0 = performance.now();
    run('npm', ['pack', `${target.pkg}@${NODE_VERSION}`, '--pack-destination', CACHE, '--silent'], {
      shell: process.platform === 'win32',
    });
    console.log(`fetched ${target.pkg}@${NODE_VERSION} (${ms(t0)})`);
  }
  const actual = sri(readFileSync(tarball));
  if (actual !== target.integrity) {
    rmSync(tarball, { force: true });
    throw new Error(`${rel(tarball)}: integrity mismatch\n  expected ${target.integrity}\n  got      ${actual}`);
  }

  // Extract only the binary: package/bin/node(.exe) -> .cache/node/<platform>/bin/node(.exe).
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const member = `package/${target.bin}`;
  run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', member]);
  if (!existsSync(binary)) throw new Error(`${rel(tarball)} has no ${member}`);
  chmodSync(binary, 0o755);
  writeFileSync(stamp, target.integrity);
  return binary;
}

// ---- 2. bundle ---------------------------------------------------------------------------

const BUNDLE = join(SEA_DIR, BUNDLE_NAME);
const SNAPSHOT_BUNDLE = join(SEA_DIR, 'netkit-snapshot.cjs');

/**
 * The bundle is src/cli/run.ts as CommonJS: module.exports = { main, runProcess }. The
 * executable's main script (loaderSource) compiles it and calls runProcess(). For a snapshot
 * build the bundle itself is the main script and runs runProcess() from v8.startupSnapshot's
 * deserialize-main function.
 */
function entry({ snapshot }) {
  const run = join(ROOT, 'src/cli/run.ts');
  if (!existsSync(run)) throw new Error('src/cli/run.ts (exporting main and runProcess) is missing');
  if (!snapshot) return { entryPoints: [run] };
  const contents = `import { runProcess } from './run.ts';
import { startupSnapshot } from 'node:v8';
startupSnapshot.setDeserializeMainFunction(() => runProcess());
`;
  return { stdin: { contents, resolveDir: join(ROOT, 'src/cli'), sourcefile: 'sea-snapshot.ts', loader: 'ts' } };
}

/** What the executable's loader compiles on first use: the MIME libraries, and the terminal ones. */
const EXE_LAZY_PACKAGES = /^(nodemailer|postal-mime|chalk|ora|@inquirer\/prompts)(\/|$)/;

/**
 * Bundles netkit for the executable; returns the file and, but for the snapshot, the
 * packages left out of it (lazyPackages: the MIME libraries), each to embed as an asset.
 */
export async function bundle({ snapshot = false } = {}) {
  mkdirSync(SEA_DIR, { recursive: true });
  const outfile = snapshot ? SNAPSHOT_BUNDLE : BUNDLE;
  const lazy = new Set();
  await build({
    ...common,
    ...entry({ snapshot }),
    outfile,
    format: 'cjs',
    target: 'node24',
    splitting: false,
    // Everything goes in (chalk, ora, inquirer too): the executable has no node_modules,
    // and its main script may require() builtins only. import() becomes a lazy init. The
    // MIME and terminal libraries become assets the loader compiles on first use
    // (vendorAssets), so start-up does not read them; a snapshot has no such loader and
    // keeps them inside.
    external: [],
    plugins: snapshot ? common.plugins : [...common.plugins, lazyPackages(lazy, EXE_LAZY_PACKAGES)],
    minifySyntax: true,
    minifyWhitespace: true,
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return { file: outfile, lazy: [...lazy].sort() };
}

/** One CommonJS asset per package id left out of the bundle: { id: [asset name, file] }. */
export async function vendorAssets(ids) {
  const out = {};
  for (const id of ids) {
    const name = `vendor/${id.replace(/[^A-Za-z0-9.-]+/g, '_')}.cjs`;
    const file = join(SEA_DIR, name);
    await build({
      stdin: { contents: `module.exports = require(${JSON.stringify(id)});`, resolveDir: ROOT, sourcefile: `${id}.cjs`, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node24',
      minifySyntax: true,
      minifyWhitespace: true,
      legalComments: 'none',
      logLevel: 'warning',
      outfile: file,
    });
    out[id] = [name, file];
  }
  return out;
}

/**
 * The executable's main script. SEA's own code cache (useCodeCache) is made by compiling
 * the main script without running it, so it holds only the top-level code: every function
 * netkit calls would still be compiled at start-up. Instead the bundle is an asset,
 * compiled here with a V8 code cache made *after* running netkit's commands (see
 * scripts/exe-cache.mjs), like bin/netkit does with its on-disk cache. The wrapper and
 * filename must match exe-cache.mjs exactly, or V8 rejects the cache.
 * NETKIT_CHECK_CACHE=1 reports a rejected cache on stderr (the build checks it).
 */
const loaderSource = (vendor) => `'use strict';
const sea = require('node:sea');
const { Script } = require('node:vm');
// The packages the bundle requires lazily, embedded as assets: compiled on first use.
const VENDOR = ${JSON.stringify(vendor)};
const vendorExports = new Map();
function netkitRequire(id) {
  const asset = VENDOR[id];
  if (asset === undefined) return require(id);
  if (!vendorExports.has(id)) {
    const module = { exports: {} };
    new Script('(function (exports, require, module) {' + sea.getAsset(asset, 'utf8') + '\\n})', { filename: asset }).runInThisContext()(module.exports, netkitRequire, module);
    vendorExports.set(id, module.exports);
  }
  return vendorExports.get(id);
}
let cachedData;
try {
  cachedData = new Uint8Array(sea.getRawAsset('netkit.cache'));
} catch {}
const script = new Script(${JSON.stringify(WRAPPER[0])} + sea.getAsset('netkit.cjs', 'utf8') + ${JSON.stringify(WRAPPER[1])}, {
  filename: ${JSON.stringify(BUNDLE_NAME)},
  cachedData,
});
if (process.env.NETKIT_CHECK_CACHE) process.stderr.write(\`netkit: code cache \${cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'accepted'}\\n\`);
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, netkitRequire, bundle);
bundle.exports.runProcess();
`;

// ---- 3. blob -----------------------------------------------------------------------------

/** Makes a SEA preparation blob with `generator` (the Node ${NODE_VERSION} built for this host). */
export function makeBlob(generator, target, settings) {
  const blob = join(SEA_DIR, `${target.platform}.blob`);
  const config = join(SEA_DIR, `sea-config-${target.platform}.json`);
  const json = { output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, ...settings };
  writeFileSync(config, JSON.stringify(json, null, 2) + '\n');
  run(generator, ['--experimental-sea-config', config], { cwd: SEA_DIR });
  return blob;
}

// ---- 4. inject ---------------------------------------------------------------------------

export async function inject(target, blob) {
  const { inject: postject } = require('postject');
  const out = exePath(target);
  const tmp = `${out}.tmp`;
  copyFileSync(nodeBinary(target), tmp);
  chmodSync(tmp, 0o755);
  // postject prints a warning for signed PE files (the signature no longer matches).
  const warn = console.warn;
  console.warn = () => {};
  try {
    await postject(tmp, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE, overwrite: true });
  } finally {
    console.warn = warn;
  }
  renameSync(tmp, out);
  chmodSync(out, 0o755);
  return out;
}

// ---- main --------------------------------------------------------------------------------

function hostPlatform() {
  if (process.arch !== 'x64' && process.arch !== 'arm64') return undefined;
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return `${os}-${process.arch}`;
}

export async function buildExe({ only, snapshot = false, codeCache = true } = {}) {
  const targets = only ? TARGETS.filter((t) => only.includes(t.platform)) : TARGETS;
  if (targets.length === 0) throw new Error(`no target among ${TARGETS.map((t) => t.platform).join(', ')}`);

  // The blob must come from the Node version it is injected into: use the cached Node 24
  // built for this host as the generator.
  const host = TARGETS.find((t) => t.platform === hostPlatform());
  if (!host) throw new Error(`no Node ${NODE_VERSION} binary in the targets for this host (${process.platform}-${process.arch})`);
  let t0 = performance.now();
  for (const target of new Set([host, ...targets])) fetchNode(target);
  const generator = nodeBinary(host);
  console.log(`node binaries ready in ${rel(CACHE)} (${ms(t0)})`);

  t0 = performance.now();
  rmSync(SEA_DIR, { recursive: true, force: true });
  const { file: plain, lazy } = await bundle();
  const snap = snapshot ? (await bundle({ snapshot: true })).file : undefined;
  const vendor = await vendorAssets(lazy);
  const loader = join(SEA_DIR, 'loader.cjs');
  writeFileSync(loader, loaderSource(Object.fromEntries(Object.entries(vendor).map(([id, [name]]) => [id, name]))));
  const vendorFiles = Object.fromEntries(Object.values(vendor));
  console.log(`bundled ${rel(plain)} (${Math.round(readFileSync(plain).length / 1024)} KiB, ${ms(t0)})`);

  // Code caches are specific to V8's version, flags and CPU: only the host's own target
  // gets one, made by running the bundle under that very binary.
  const cache = join(SEA_DIR, 'netkit.cache');
  rmSync(cache, { force: true });
  if (codeCache && !snapshot && targets.includes(host)) {
    t0 = performance.now();
    run(generator, [join(ROOT, 'scripts/exe-cache.mjs'), plain, cache]);
    console.log(`code cache ${rel(cache)} (${Math.round(readFileSync(cache).length / 1024)} KiB, ${ms(t0)})`);
  }

  for (const target of targets) {
    t0 = performance.now();
    const own = target.platform === host.platform;
    let settings;
    let mode;
    if (snapshot && own) {
      settings = { main: snap, useSnapshot: true };
      mode = 'startup snapshot';
    } else {
      const cached = own && existsSync(cache);
      settings = {
        main: loader,
        useCodeCache: cached,
        assets: { [BUNDLE_NAME]: plain, ...vendorFiles, ...(cached ? { 'netkit.cache': cache } : {}) },
      };
      mode = cached ? 'code cache' : 'no code cache';
    }
    const out = await inject(target, makeBlob(generator, target, settings));
    if (own) check(out, settings.assets?.['netkit.cache'] !== undefined);
    console.log(`${rel(out)} (${mode}, ${Math.round(readFileSync(out).length / 1048576)} MiB, ${ms(t0)})`);
  }
  // Leftovers of an interrupted build.
  for (const name of readdirSync(DIST)) if (name.endsWith('.tmp')) rmSync(join(DIST, name), { force: true });
}

/** Runs the host's executable once: it must print the version and, if it has one, take its cache. */
function check(exe, cached) {
  const r = spawnSync(exe, ['--version'], { encoding: 'utf8', env: { ...process.env, NETKIT_CHECK_CACHE: '1' }, timeout: 30_000 });
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (r.status !== 0 || r.stdout.trim() !== version) throw new Error(`${rel(exe)} --version: exit ${r.status}, printed ${JSON.stringify(r.stdout + r.stderr)}`);
  if (cached && !r.stderr.includes('code cache accepted')) throw new Error(`${rel(exe)}: V8 did not take the embedded code cache (${r.stderr.trim()})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      snapshot: { type: 'boolean', default: false },
      'no-code-cache': { type: 'boolean', default: false },
    },
  });
  try {
    await buildExe({ only: values.only?.split(','), snapshot: values.snapshot, codeCache: !values['no-code-cache'] });
  } catch (err) {
    console.error(`build-exe: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
