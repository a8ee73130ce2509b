// The two CPythons generate.py needs: python3 as 3.11 (the oracle) and 3.13 (through pyenv,
// PYENV_VERSION=3.13.0, or $NETKIT_PYTHON313) for is_private / is_global / is_reserved.
// Tests that need them skip without them, unless NETKIT_REQUIRE_PEERS=1 makes that a failure.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const here = fileURLToPath(new URL('.', import.meta.url));
export const generator = join(here, 'generate.py');

function version(exe: string, env: NodeJS.ProcessEnv): string | undefined {
  const r = spawnSync(exe, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8', env });
  return r.error || r.status !== 0 ? undefined : r.stdout.trim();
}

/** Why generate.py cannot run here, or false when it can. */
export function missingPeers(): string | false {
  const v311 = version('python3', process.env);
  const v313 = version(process.env.NETKIT_PYTHON313 ?? 'python3', { ...process.env, PYENV_VERSION: '3.13.0' });
  const why = [
    v311 === '3.11' ? '' : v311 === undefined ? 'python3 not found' : `python3 is ${v311}, the fixtures need 3.11`,
    v313 === '3.13' ? '' : `no CPython 3.13 (PYENV_VERSION=3.13.0 python3 gives ${v313 ?? 'nothing'})`,
  ].filter(Boolean);
  return why.length > 0 ? why.join('; ') : false;
}

export const requirePeers = process.env.NETKIT_REQUIRE_PEERS === '1';

/** A node:test `skip` value: false to run, a reason to skip (never when peers are required). */
export function skipUnlessPeers(): string | false {
  return requirePeers ? false : missingPeers();
}
