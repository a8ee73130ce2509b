// Makes the V8 code cache embedded in the host's single-file executable. Run by the same
// Node binary the executable embeds: `node24 scripts/exe-cache.mjs BUNDLE OUT`. It compiles
// the bundle exactly as the executable's loader does (same wrapper, same filename), runs a
// few representative commands in-process so the functions they call get compiled, and then
// writes the cache: start-up then skips compiling those functions as well as the top level.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import { Script } from 'node:vm';
import { BUNDLE_NAME, WRAPPER } from './exe-targets.mjs';

const [bundlePath, out] = process.argv.slice(2);
if (!bundlePath || !out) {
  console.error('usage: exe-cache.mjs BUNDLE OUT');
  process.exit(2);
}
const script = new Script(WRAPPER[0] + readFileSync(bundlePath, 'utf8') + WRAPPER[1], { filename: BUNDLE_NAME });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(import.meta.url), bundle);

/** Commands whose code paths are worth having compiled: the pure, offline ones. */
const WARM = [
  ['http', 'status', '404'],
  ['http', 'status', '--json', '418'],
  ['http', 'status', '999'],
  ['uuid', '-C', '3'],
  ['uuid', '-u', 'uuid5', '-n', '@dns', '-N', 'example.com'],
  ['uuid', 'parse', '--json'],
  ['--help'],
  ['--version'],
  ['--bogus'],
];
const sink = () => new PassThrough().resume();
for (const argv of WARM) {
  const stdin = Readable.from([Buffer.from('6ba7b810-9dad-11d1-80b4-00c04fd430c8\n')]);
  await bundle.exports.main(argv, { stdin, stdout: sink(), stderr: sink(), env: {}, cwd: process.cwd() });
}
writeFileSync(out, script.createCachedData());
