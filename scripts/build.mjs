// Bundles netkit for Node into one CommonJS file, dist/js/netkit.cjs, loaded by bin/netkit
// through V8's code cache. Nouns are initialised lazily inside the bundle; chalk, ora,
// inquirer and the MIME libraries stay in node_modules and load only when a command needs them.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * commander requires node:child_process at load time, for executable subcommands netkit
 * does not have; that one require pulls in net, dgram, stream and ~40 more builtins (about
 * a third of the start-up). Load it on first use instead.
 */
const lazyChildProcess = {
  name: 'netkit-lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(eager)) throw new Error(`${args.path}: commander changed; update the lazy child_process rewrite`);
      const lazy = "const childProcess = { get spawn() { return require('node:child_process').spawn; } };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * `await import('node:crypto')` in the sources keeps a builtin off the start-up path, but
 * esbuild leaves an external import() as is, and under bin/netkit the bundle runs inside
 * vm.Script, where import() fails ("A dynamic import callback was not specified"). Turn
 * each such import into a lazily initialised module that requires the builtin.
 */
const lazyBuiltins = {
  name: 'netkit-lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * The MIME libraries (nodemailer, postal-mime: a quarter of the bundle) are needed only
 * when a message is composed or summarised. In the JS build they stay in node_modules, as
 * chalk does: each `await import()` of one becomes a lazily initialised module that
 * requires its CommonJS build through bin/netkit's real require, so start-up reads,
 * hashes and caches none of their text.
 */
const LAZY_PACKAGES = /^(nodemailer|postal-mime)(\/|$)/;
/**
 * The plugin; `seen` collects the ids it left out (the executable embeds each as an asset),
 * `filter` says which packages (the executable also leaves out chalk, ora and inquirer).
 */
export const lazyPackages = (seen = new Set(), filter = LAZY_PACKAGES) => ({
  name: 'netkit-lazy-packages',
  setup(b) {
    b.onResolve({ filter }, (args) => {
      if (args.kind === 'dynamic-import') {
        seen.add(args.path);
        return { path: args.path, namespace: 'lazy-package' };
      }
      if (args.namespace === 'lazy-package') return { path: args.path, external: true };
      throw new Error(`${args.importer}: ${args.path} must be loaded with await import() (see lazyPackages in scripts/build.mjs)`);
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
});

/** Fails the build when an import() of a builtin survived (see lazyBuiltins). */
export function checkNoBuiltinImport(file) {
  const text = readFileSync(file, 'utf8');
  const m = /\bimport\(\s*["']node:[^"']+["']\s*\)/.exec(text);
  if (m) throw new Error(`${file}: ${m[0]} would fail inside vm.Script; see lazyBuiltins in scripts/build.mjs`);
}

/** bin/netkit reads the bundle as latin1: esbuild's default charset (ASCII) must have held. */
function checkAscii(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at !== -1) throw new Error(`${file}: byte ${at} is not ASCII; bin/netkit reads the bundle as latin1`);
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Options shared with the single-file executable build. */
export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  minifySyntax: true,
  legalComments: 'none',
  define: { __NETKIT_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  plugins: [lazyChildProcess, lazyBuiltins],
};

export async function buildJS() {
  rmSync('dist/js', { recursive: true, force: true });
  await build({
    ...common,
    target: 'node20',
    // Less text for V8 to read and a smaller code cache to take (653 → 516 KiB of text, 317
    // → 279 KiB of cache); function and class names are kept for stack traces.
    minifyWhitespace: true,
    minifyIdentifiers: true,
    keepNames: true,
    entryPoints: ['src/cli/run.ts'],
    outfile: 'dist/js/netkit.cjs',
    // Loaded from node_modules through bin/netkit's __netkitImport (src/cli/lazy-libs.ts).
    external: ['chalk', 'ora', '@inquirer/prompts'],
    plugins: [...common.plugins, lazyPackages()],
  });
  checkNoBuiltinImport('dist/js/netkit.cjs');
  checkAscii('dist/js/netkit.cjs');
  // One run writes the code cache for this Node next to the bundle.
  execFileSync(process.execPath, ['bin/netkit', 'http', 'status', '200'], { stdio: 'ignore' });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildJS();
