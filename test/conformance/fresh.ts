// The check every conformance folder runs: its committed fixtures are what its generate.py
// writes today (regenerated into a temp directory with python3 3.11, compared byte for
// byte). Without python3 3.11 it skips, unless NETKIT_REQUIRE_PEERS=1, where that fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

function pythonVersion(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8', timeout: 30_000 });
  return r.error || r.status !== 0 ? undefined : r.stdout.trim();
}

const version = pythonVersion();
const missing = version === undefined ? 'python3 not found' : version !== '3.11' ? `python3 is ${version}, fixtures need 3.11` : undefined;

/** Registers the freshness test for the conformance folder `folderURL` (import.meta.url's folder). */
export function fixturesFreshTest(folderURL: string): void {
  const here = fileURLToPath(new URL('.', folderURL));
  const name = relative(fileURLToPath(new URL('.', import.meta.url)), here) || 'conformance';
  const generator = relative(process.cwd(), join(here, 'generate.py'));
  test(`${name} fixtures are fresh: generate.py reproduces every file byte for byte`, { skip: process.env.NETKIT_REQUIRE_PEERS === '1' ? false : (missing ?? false), timeout: 120_000 }, () => {
    if (missing) assert.fail(`${missing} (NETKIT_REQUIRE_PEERS=1)`);
    const out = mkdtempSync(join(tmpdir(), 'netkit-conformance-'));
    try {
      const r = spawnSync('python3', [join(here, 'generate.py'), out], { encoding: 'utf8', timeout: 110_000 });
      assert.equal(r.status, 0, `generate.py failed:\n${r.stderr}`);
      const committed = readdirSync(join(here, 'fixtures')).sort();
      assert.deepEqual(readdirSync(out).sort(), committed);
      for (const file of committed) {
        const same = readFileSync(join(out, file)).equals(readFileSync(join(here, 'fixtures', file)));
        assert.ok(same, `${relative(process.cwd(), join(here, 'fixtures', file))} is stale: run python3 ${generator} (or npm run fixtures) and commit it`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
}
