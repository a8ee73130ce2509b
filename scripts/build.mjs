// Bundles netkit for Node: dist/js/main.js plus lazily loaded chunks (one per noun and
// per heavy library), so a pure command loads only what it uses.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Options shared with the single-file executable build. */
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  define: { __NETKIT_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

export async function buildJS() {
  await build({
    ...common,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: 'dist/js',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS dependencies call require(); give ESM chunks one.
    banner: { js: "import { createRequire as __netkitRequire } from 'node:module'; const require = __netkitRequire(import.meta.url);" },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildJS();
