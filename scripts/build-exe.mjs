// Builds netkit's single-file executables with Node's single executable application (SEA)
// support: dist/netkit-linux-x64, dist/netkit-linux-arm64, dist/netkit-win-x64.exe.
//
//   1. fetch the official Node 24 binaries from the npm registry (`npm pack node-<os>-<arch>`),
//      check the tarballs against pinned integrity values, cache them in .cache/node/;
//   2. bundle bin/netkit (with src/cli/main.ts behind it) into one CommonJS file;
//   3. make the SEA blob with the same Node version (code cache for the host's own target);
//   4. inject the blob into a copy of each Node binary with postject.
//
// Usage: node scripts/build-exe.mjs [--only linux-x64,win-x64] [--snapshot] [--no-code-cache]
//   --snapshot       linux-x64 only: build a V8 startup snapshot of the bundle (useSnapshot)
//   --no-code-cache  do not embed a V8 code cache, even for the host's own target
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { common } from './build.mjs';
import { CACHE, DIST, NODE_VERSION, ROOT, SEA_DIR, SEA_FUSE, TARGETS, exePath, nodeBinary } from './exe-targets.mjs';

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

const BUNDLE = join(SEA_DIR, 'netkit.cjs');
const SNAPSHOT_BUNDLE = join(SEA_DIR, 'netkit-snapshot.cjs');

/** The launcher imports the built ESM bundle; the executable compiles the sources instead. */
const sourceMain = {
  name: 'netkit-source-main',
  setup(b) {
    b.onResolve({ filter: /(^|\/)dist\/js\/main\.js$/ }, () => ({ path: join(ROOT, 'src/cli/main.ts') }));
  },
};

export async function bundle({ snapshot = false } = {}) {
  mkdirSync(SEA_DIR, { recursive: true });
  // bin/netkit has no extension, so hand it to esbuild as stdin; drop its #! line (the SEA
  // main script is compiled as a CommonJS function body, where #! is a syntax error).
  const launcher = readFileSync(join(ROOT, 'bin/netkit'), 'utf8').replace(/^#!.*\n/, '');
  const entry = snapshot ? snapshotEntry(launcher) : launcher;
  await build({
    ...common,
    stdin: { contents: entry, resolveDir: join(ROOT, 'bin'), sourcefile: 'bin/netkit', loader: 'js' },
    outfile: snapshot ? SNAPSHOT_BUNDLE : BUNDLE,
    format: 'cjs',
    target: 'node24',
    splitting: false,
    minifySyntax: true,
    minifyWhitespace: true,
    plugins: [sourceMain],
    // The bundle is the whole program; nothing is left to require() but builtins.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return snapshot ? SNAPSHOT_BUNDLE : BUNDLE;
}

/**
 * Snapshot entry: the launcher's body becomes the deserialize-main function, so building
 * the snapshot evaluates the module graph (commander, main, ...) and the executable starts
 * from that heap. Per-process state (argv, streams, env, cwd) is only read at run time.
 */
function snapshotEntry(launcher) {
  const body = launcher.replace(/^import \{ main \} from '\.\.\/dist\/js\/main\.js';\n/m, '');
  if (body === launcher) throw new Error('bin/netkit: cannot find its import of ../dist/js/main.js');
  return `import { main, buildProgram } from '../dist/js/main.js';
import { startupSnapshot } from 'node:v8';
void buildProgram;
startupSnapshot.setDeserializeMainFunction(() => {
${body}
});
`;
}

// ---- 3. blob -----------------------------------------------------------------------------

/** Makes the SEA preparation blob with `generator` (a Node ${NODE_VERSION} for this host). */
export function makeBlob(generator, target, main, { codeCache, snapshot }) {
  const blob = join(SEA_DIR, `${target.platform}.blob`);
  const config = join(SEA_DIR, `sea-config-${target.platform}.json`);
  writeFileSync(
    config,
    JSON.stringify(
      { main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: codeCache, useSnapshot: snapshot },
      null,
      2,
    ) + '\n',
  );
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
  const plain = await bundle();
  const snap = snapshot ? await bundle({ snapshot: true }) : undefined;
  console.log(`bundled ${rel(plain)} (${Math.round(readFileSync(plain).length / 1024)} KiB, ${ms(t0)})`);

  for (const target of targets) {
    t0 = performance.now();
    // Code cache and snapshots are V8-version, flag and CPU specific: only for the host's own
    // target. A snapshot replaces the code cache.
    const own = target.platform === host.platform;
    const useSnapshot = snapshot && own;
    const blob = makeBlob(generator, target, useSnapshot ? snap : plain, { codeCache: codeCache && own && !useSnapshot, snapshot: useSnapshot });
    const out = await inject(target, blob);
    const mode = useSnapshot ? 'snapshot' : codeCache && own ? 'code cache' : 'plain';
    console.log(`${rel(out)} (${mode}, ${Math.round(readFileSync(out).length / 1048576)} MiB, ${ms(t0)})`);
  }
  // Leftovers of an interrupted build.
  for (const name of readdirSync(DIST)) if (name.endsWith('.tmp')) rmSync(join(DIST, name), { force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
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
