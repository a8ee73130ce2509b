// Every command and option in the registry is documented in its man page, and every
// page is listed in package.json; completion scripts parse and complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { ALL_NOUNS, NOUNS } from '../../src/cli/registry.js';
import { Context } from '../../src/cli/context.js';
import { PassThrough } from 'node:stream';
import { runCli } from '../helpers/cli.js';

const ctx = new Context({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: '/' });

/** The page's text with roff escapes undone: \- → -, font changes dropped. */
function manText(page: string): string {
  return readFileSync(new URL(`../../man/${page}.1`, import.meta.url), 'utf8')
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\-/g, '-')
    .replace(/^\.[A-Z]+ ?/gm, '')
    .replace(/"/g, '');
}

function walk(cmd: Command, path: string[], visit: (cmd: Command, path: string[]) => void): void {
  visit(cmd, path);
  for (const sub of cmd.commands) if (sub.name() !== 'help') walk(sub, [...path, sub.name()], visit);
}

test('every command and option appears in its man page', async () => {
  const program = await buildProgram(ctx, ALL_NOUNS);
  const missing: string[] = [];
  const root = manText('netkit');
  for (const o of program.options) for (const flag of [o.short, o.long]) if (flag && !root.includes(flag)) missing.push(`netkit.1: ${flag}`);
  for (const entry of NOUNS) {
    const page = manText(entry.manPage);
    const noun = program.commands.find((c) => c.name() === entry.name)!;
    walk(noun, ['netkit', entry.name], (cmd, path) => {
      const name = path.join(' ');
      if (!page.includes(name)) missing.push(`${entry.manPage}.1: command "${name}"`);
      for (const o of cmd.options) {
        for (const flag of [o.short, o.long]) {
          if (flag && !new RegExp(`(^|[^-\\w])${flag.replace(/[-]/g, '\\-')}\\b`).test(page)) missing.push(`${entry.manPage}.1: ${name} ${flag}`);
        }
      }
    });
  }
  assert.deepEqual(missing, []);
});

test('every man page a noun names is listed in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const entry of NOUNS) assert.ok(pkg.man.includes(`man/${entry.manPage}.1`), entry.manPage);
});

test('every page has the sections a reader looks for', () => {
  for (const page of new Set(NOUNS.map((n) => n.manPage))) {
    const src = readFileSync(new URL(`../../man/${page}.1`, import.meta.url), 'utf8');
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'EXIT STATUS', 'EXAMPLES', 'SEE ALSO']) {
      if (page === 'netkit' && section === 'OPTIONS') continue; // netkit.1 has GLOBAL OPTIONS
      assert.match(src, new RegExp(`^\\.SH ${section}$`, 'm'), `${page}.1 lacks ${section}`);
    }
  }
});

test('the bash completion script is valid bash and completes verbs and options', async () => {
  const script = (await runCli(['completion', 'bash'])).stdout;
  const probe = `${script}\nCOMP_WORDS=(netkit uuid --fo); COMP_CWORD=2; _netkit; echo "\${COMPREPLY[@]}"\nCOMP_WORDS=(netkit uuid p); COMP_CWORD=2; _netkit; echo "\${COMPREPLY[@]}"\nCOMP_WORDS=(netkit ht); COMP_CWORD=1; _netkit; echo "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['--norc', '-c', probe], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '--format\nparse\nhttp\n');
});

for (const shell of ['zsh', 'fish']) {
  test(`the ${shell} completion script parses`, async (t) => {
    const has = spawnSync(shell, ['--version'], { timeout: 10_000 });
    if (has.error) {
      if (process.env.NETKIT_REQUIRE_PEERS === '1') assert.fail(`${shell} is not installed`);
      t.skip(`${shell} is not installed`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'netkit-completion-'));
    const file = join(dir, `netkit.${shell}`);
    writeFileSync(file, (await runCli(['completion', shell])).stdout);
    const r = spawnSync(shell, ['-n', file], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(r.status, 0, r.stderr);
    if (shell === 'fish') {
      const c = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C 'netkit uuid --fo'`], { encoding: 'utf8', timeout: 10_000 });
      assert.match(c.stdout, /^--format\t/);
    }
    rmSync(dir, { recursive: true, force: true });
  });
}

test('an unknown shell is a usage error', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^netkit: completion: command-argument value 'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish\./);
});
