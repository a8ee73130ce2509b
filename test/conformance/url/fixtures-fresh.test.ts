// The committed url fixtures are what generate.py writes today: regenerates them into a temp
// directory with python3 3.11 and compares byte for byte (skipped without python3 3.11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

function pythonVersion(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : r.stdout.trim();
}

const version = pythonVersion();
const skip = version === undefined ? 'python3 not found' : version !== '3.11' ? `python3 is ${version}, fixtures need 3.11` : false;

test('url fixtures are fresh: generate.py reproduces every file byte for byte', { skip }, () => {
  const out = mkdtempSync(join(tmpdir(), 'netkit-url-conformance-'));
  try {
    const r = spawnSync('python3', [join(here, 'generate.py'), out], { encoding: 'utf8' });
    assert.equal(r.status, 0, `generate.py failed:\n${r.stderr}`);
    const committed = readdirSync(join(here, 'fixtures')).sort();
    assert.deepEqual(readdirSync(out).sort(), committed);
    for (const name of committed) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(here, 'fixtures', name)));
      assert.ok(same, `url/fixtures/${name} is stale: run python3 test/conformance/url/generate.py and commit it`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
