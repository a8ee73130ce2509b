// What a test that needs something outside the repository (a peer executable, python3 3.11,
// openssl, the built bundle) asks before it runs: a skip reason when it is missing — or,
// under NETKIT_REQUIRE_PEERS=1 (CI installs every peer), an Error thrown instead, so the
// test file fails rather than skips silently. Every such check goes through missing().
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when CI asks every peer to be present (a skip is then a failure). */
export function peersRequired(): boolean {
  return process.env['NETKIT_REQUIRE_PEERS'] === '1';
}

/** The built bundle bin/netkit loads (npm run build writes it). */
export const BUNDLE = fileURLToPath(new URL('../../dist/js/netkit.cjs', import.meta.url));

/** The CPython minor version tests compare with (DESIGN.md §1: the oracle). */
export const PYTHON_ORACLE = '3.11';

/**
 * `reason` as a skip reason; under NETKIT_REQUIRE_PEERS=1 throws it instead. The one place
 * a missing dependency turns into a skip or a failure.
 */
export function missing(reason: string): string {
  if (peersRequired()) throw new Error(`${reason} (NETKIT_REQUIRE_PEERS=1)`);
  return reason;
}

/** Where an executable lives (PATH, then the sbin directories Debian puts daemons in). */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

let pythonVersion: string | null | undefined;

/** `python3 --version` as "3.11.7", or null when python3 does not run (asked once). */
export function python3Version(): string | null {
  if (pythonVersion === undefined) {
    const r = spawnSync('python3', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    pythonVersion = r.status === 0 ? (/^Python (\d+\.\d+\.\d+)/.exec(`${r.stdout}${r.stderr}`.trim())?.[1] ?? null) : null;
  }
  return pythonVersion;
}

/**
 * A skip reason when the peer executable `name` is missing, else false (throws under
 * NETKIT_REQUIRE_PEERS=1). For python3 the version must also be the oracle's, 3.11.x: the
 * tests compare netkit's answers with it.
 */
export function requirePeer(name: string): string | false {
  if (!findExecutable(name)) return missing(`peer ${name} is not installed`);
  if (name === 'python3') {
    const version = python3Version();
    if (version === null) return missing('peer python3 does not run (python3 --version failed)');
    if (!version.startsWith(`${PYTHON_ORACLE}.`)) return missing(`peer python3 is ${version}, the tests compare with ${PYTHON_ORACLE}.x`);
  }
  return false;
}

/** A skip reason when dist/js/netkit.cjs (what bin/netkit runs) is not built, else false. */
export function requireBundle(): string | false {
  return existsSync(BUNDLE) ? false : missing(`${BUNDLE} is missing: run npm run build`);
}
