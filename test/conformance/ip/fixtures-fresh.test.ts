// The committed ip fixtures are what generate.py writes today: regenerates them into a temp
// directory and compares byte for byte (skipped without python3 3.11 and CPython 3.13, unless
// NETKIT_REQUIRE_PEERS=1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generator, here, missingPeers, skipUnlessPeers } from './peers.js';

test('ip fixtures are fresh: generate.py reproduces every file byte for byte', { skip: skipUnlessPeers() }, () => {
  const missing = missingPeers();
  assert.equal(missing, false, `NETKIT_REQUIRE_PEERS=1 but ${missing}`);
  const out = mkdtempSync(join(tmpdir(), 'netkit-ip-conformance-'));
  try {
    const r = spawnSync('python3', [generator, out], { encoding: 'utf8' });
    assert.equal(r.status, 0, `generate.py failed:\n${r.stderr}`);
    const committed = readdirSync(join(here, 'fixtures')).sort();
    assert.deepEqual(readdirSync(out).sort(), committed);
    for (const name of committed) {
      const same = readFileSync(join(out, name)).equals(readFileSync(join(here, 'fixtures', name)));
      assert.ok(same, `ip/fixtures/${name} is stale: run python3 test/conformance/ip/generate.py and commit it`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
