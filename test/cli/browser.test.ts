// CLI tests of `netkit browser open|list` with fake browsers: shell scripts named firefox,
// xdg-open, ... on a temporary PATH that append their argv to a log. No real browser runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { NOUNS } from '../../src/cli/registry.js';
import type { NounEntry } from '../../src/cli/command.js';
import { runCli } from '../helpers/cli.js';

// Until src/cli/registry.ts lists the noun, the tests add it themselves.
if (!NOUNS.some((n) => n.name === 'browser')) {
  (NOUNS as NounEntry[]).push({ name: 'browser', summary: 'open URLs as webbrowser does', manPage: 'netkit-browser', load: () => import('../../src/commands/browser/index.js') });
}

const URL_ = 'https://example.com/a?b=1&c=2';

interface Fakes {
  dir: string;
  log: string;
  /** The lines logged so far: `name <arg> <arg>`. */
  lines(): string[];
  /** Waits (at most 5 s) until `n` lines are logged: background browsers are not waited for. */
  waitLines(n: number): Promise<string[]>;
  done(): void;
}

/** Fake browsers: each logs its name and argv; `exits` gives one a non-zero status for args matching a pattern. */
function fakes(names: readonly string[], exits: Record<string, { when: string; status: number }> = {}): Fakes {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-browser-'));
  const log = join(dir, 'log');
  for (const name of names) {
    const rule = exits[name];
    const fail = rule ? `case "$*" in ${rule.when}) exit ${rule.status};; esac\n` : '';
    writeFileSync(join(dir, name), `#!/bin/sh\n{ printf '%s' '${name}'; for a; do printf ' <%s>' "$a"; done; printf '\\n'; } >> '${log}'\n${fail}exit 0\n`);
    chmodSync(join(dir, name), 0o755);
  }
  const lines = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  return {
    dir,
    log,
    lines,
    async waitLines(n) {
      const deadline = Date.now() + 5000;
      while (lines().length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return lines();
    },
    done: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const display = (f: Fakes, more: Record<string, string> = {}): Record<string, string> => ({ PATH: f.dir, DISPLAY: ':0', ...more });

test('Mozilla family: -n and -t become -new-window and -new-tab, waited for as a remote call', async () => {
  const f = fakes(['firefox', 'chromium']);
  try {
    assert.deepEqual(await runCli(['browser', 'open', URL_], { env: display(f) }), { code: 0, stdout: '', stderr: '' });
    assert.equal((await runCli(['browser', 'open', '-n', URL_], { env: display(f) })).code, 0);
    assert.equal((await runCli(['browser', 'open', '--new-tab', URL_], { env: display(f) })).code, 0);
    assert.deepEqual(f.lines(), [`firefox <${URL_}>`, `firefox <-new-window> <${URL_}>`, `firefox <-new-tab> <${URL_}>`]);
  } finally {
    f.done();
  }
});

test('Chrome family: -n is --new-window, -t is a plain open', async () => {
  const f = fakes(['google-chrome']);
  try {
    await runCli(['browser', 'open', '-n', URL_], { env: display(f) });
    await runCli(['browser', 'open', '-t', URL_], { env: display(f) });
    assert.deepEqual(f.lines(), [`google-chrome <--new-window> <${URL_}>`, `google-chrome <${URL_}>`]);
  } finally {
    f.done();
  }
});

test('Netscape family: -raise and openURL(URL,new-tab); Galeon: -w for a new tab', async () => {
  const f = fakes(['netscape', 'epiphany']);
  try {
    await runCli(['browser', 'open', '-t', 'http://x/'], { env: display(f) });
    await runCli(['browser', 'open', '-t', '--browser', 'epiphany', 'http://x/'], { env: display(f) });
    assert.deepEqual(f.lines(), ['netscape <-raise> <-remote> <openURL(http://x/,new-tab)>', 'epiphany <-w> <http://x/>']);
  } finally {
    f.done();
  }
});

test('a failed remote call falls back to the plain command (not waited for)', async () => {
  const f = fakes(['firefox'], { firefox: { when: '-new-window*', status: 1 } });
  try {
    assert.equal((await runCli(['browser', 'open', '-n', 'http://x/'], { env: display(f) })).code, 0);
    assert.deepEqual(await f.waitLines(2), ['firefox <-new-window> <http://x/>', 'firefox <http://x/>']);
  } finally {
    f.done();
  }
});

test('xdg-open comes first and runs in the background', async () => {
  const f = fakes(['xdg-open', 'firefox']);
  try {
    assert.deepEqual(await runCli(['browser', 'open', '-t', 'http://x/'], { env: display(f) }), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await f.waitLines(1), ['xdg-open <http://x/>']);
  } finally {
    f.done();
  }
});

test('$BROWSER: an os.pathsep list; %s is replaced; a missing or failing entry falls through', async () => {
  const f = fakes(['recorder', 'failer', 'firefox'], { failer: { when: '*', status: 3 } });
  try {
    const env = display(f, { BROWSER: `missing %s:failer %s:recorder --flag "%s" --x=%s:firefox` });
    const r = await runCli(['browser', 'open', 'http://x/'], { env });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(f.lines(), ['failer <http://x/>', 'recorder <--flag> <http://x/> <--x=http://x/>']);
  } finally {
    f.done();
  }
});

test('$BROWSER without %s gets the URL appended; a known name keeps its controller', async () => {
  const f = fakes(['recorder', 'firefox']);
  try {
    await runCli(['browser', 'open', '-t', 'http://x/'], { env: display(f, { BROWSER: 'recorder' }) });
    await runCli(['browser', 'open', '-t', 'http://y/'], { env: display(f, { BROWSER: `${f.dir}/firefox` }) });
    assert.deepEqual(f.lines(), ['recorder <http://x/>', 'firefox <-new-tab> <http://y/>']);
  } finally {
    f.done();
  }
});

test("$BROWSER naming a browser with arguments: Python's FileNotFoundError, exit 1", async () => {
  const f = fakes(['firefox']);
  try {
    const r = await runCli(['browser', 'open', 'http://x/'], { env: display(f, { BROWSER: 'firefox --foo' }) });
    assert.deepEqual(r, { code: 1, stdout: '', stderr: "netkit: browser open: [Errno 2] No such file or directory: 'firefox --foo'\n" });
  } finally {
    f.done();
  }
});

test('headless (no DISPLAY): the URL on stdout, a note on stderr, nothing run', async () => {
  const f = fakes(['firefox', 'lynx']);
  try {
    for (const env of [{ PATH: f.dir, TERM: 'xterm' }, { PATH: f.dir, SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22' }]) {
      const r = await runCli(['browser', 'open', 'http://x/'], { env });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'http://x/\n');
      assert.match(r.stderr, /^netkit: browser: headless session \(.+\): printing the URL instead of opening a browser\n$/);
    }
    const j = await runCli(['browser', 'open', 'http://x/', '--json'], { env: { PATH: f.dir, SSH_TTY: '/dev/pts/1' } });
    assert.equal(JSON.parse(j.stdout).action, 'print');
    assert.equal(JSON.parse(j.stdout).session.ssh, true);
    assert.deepEqual(f.lines(), []);
  } finally {
    f.done();
  }
});

test('headless with $BROWSER runs it; --browser runs the one named', async () => {
  const f = fakes(['recorder', 'lynx']);
  try {
    assert.deepEqual(await runCli(['browser', 'open', 'http://x/'], { env: { PATH: f.dir, TERM: 'xterm', BROWSER: 'recorder %s' } }), { code: 0, stdout: '', stderr: '' });
    assert.equal((await runCli(['browser', 'open', '--browser', 'lynx', 'http://y/'], { env: { PATH: f.dir, TERM: 'xterm' } })).code, 0);
    assert.deepEqual(f.lines(), ['recorder <http://x/>', 'lynx <http://y/>']);
  } finally {
    f.done();
  }
});

test('WSL (WSL_DISTRO_NAME): wslview first, then explorer.exe, even without a display', async () => {
  const f = fakes(['wslview', 'explorer.exe', 'firefox']);
  try {
    const env = { PATH: f.dir, WSL_DISTRO_NAME: 'Ubuntu', DISPLAY: ':0' };
    const list = JSON.parse((await runCli(['browser', 'list', '--json'], { env })).stdout);
    assert.deepEqual(list.tryorder.map((e: { name: string }) => e.name), ['wslview', 'explorer.exe', 'firefox']);
    assert.equal(list.session.wsl, true);
    const r = await runCli(['browser', 'open', 'http://x/'], { env: { PATH: f.dir, WSL_DISTRO_NAME: 'Ubuntu' } });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await f.waitLines(1), ['wslview <http://x/>']);
  } finally {
    f.done();
  }
});

test('a URL that starts with "-" or holds control characters is refused before any browser runs', async () => {
  const f = fakes(['firefox']);
  try {
    for (const url of ['-x', ' --remote-debugging-port=9222', ' \u00a0-new-window']) {
      const r = await runCli(['browser', 'open', '--', url], { env: display(f) });
      assert.equal(r.code, 2, url);
      assert.equal(r.stderr.split('\n')[0], `netkit: browser open: Invalid URL: ${url}`);
    }
    const c = await runCli(['browser', 'open', 'http://x/\nfoo'], { env: display(f) });
    assert.equal(c.code, 2);
    assert.match(c.stderr, /^netkit: browser open: Invalid URL: 'http:\/\/x\/\\nfoo' \(control characters are not allowed\)\n/);
    const j = await runCli(['browser', 'open', '--json', '--', '-x'], { env: display(f) });
    assert.deepEqual(JSON.parse(j.stderr).error.python, 'ValueError');
    assert.deepEqual(f.lines(), []);
  } finally {
    f.done();
  }
});

test('--browser NAME: unknown names and no browser at all are webbrowser.Error, exit 1', async () => {
  const f = fakes(['firefox', 'mybrowser']);
  try {
    for (const name of ['nope', 'mybrowser']) {
      const r = await runCli(['browser', 'open', '--browser', name, 'http://x/'], { env: display(f) });
      assert.deepEqual(r, { code: 1, stdout: '', stderr: 'netkit: browser open: could not locate runnable browser\n' });
    }
    const none = await runCli(['browser', 'open', 'http://x/'], { env: { PATH: join(f.dir, 'empty'), DISPLAY: ':0' } });
    assert.deepEqual(none, { code: 1, stdout: '', stderr: 'netkit: browser open: could not locate runnable browser\n' });
    assert.deepEqual(f.lines(), []);
  } finally {
    f.done();
  }
});

test('every browser failing: each attempt noted, then webbrowser.Error', async () => {
  const f = fakes(['lynx', 'w3m'], { lynx: { when: '*', status: 1 }, w3m: { when: '*', status: 2 } });
  try {
    const r = await runCli(['browser', 'open', 'http://x/'], { env: display(f, { TERM: 'xterm' }) });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'netkit: browser open: lynx: lynx http://x/: exit status 1\nnetkit: browser open: w3m: w3m http://x/: exit status 2\nnetkit: browser open: could not locate runnable browser\n',
    );
  } finally {
    f.done();
  }
});

test('--dry-run: the opener, its command and the rule, nothing run; --json', async () => {
  const f = fakes(['firefox', 'chromium']);
  try {
    const r = await runCli(['browser', 'open', '-t', '--dry-run', 'http://x/'], { env: display(f) });
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      [
        `browser: firefox (Mozilla, ${f.dir}/firefox)`,
        'command: firefox -new-tab http://x/',
        'if it exits non-zero: firefox http://x/',
        "rule: graphical browser (DISPLAY or WAYLAND_DISPLAY is set); first of 2 in webbrowser's preference order",
        'session: display DISPLAY=:0',
        'then: chromium (Chrome): chromium http://x/',
        '',
      ].join('\n'),
    );
    const j = JSON.parse((await runCli(['browser', 'open', '-n', '--dry-run', '--json', 'http://x/'], { env: display(f, { BROWSER: 'chromium' }) })).stdout);
    assert.equal(j.action, 'open');
    assert.equal(j.new, 1);
    assert.deepEqual(j.argv, ['chromium', '--new-window', 'http://x/']);
    assert.match(j.browser.rule, /^\$BROWSER/);
    assert.deepEqual(j.fallbacks.map((c: { name: string }) => c.name), ['firefox', 'chromium']);
    const h = JSON.parse((await runCli(['browser', 'open', '--dry-run', '--json', 'http://x/'], { env: { PATH: f.dir } })).stdout);
    assert.equal(h.action, 'print');
    assert.deepEqual(f.lines(), []);
  } finally {
    f.done();
  }
});

test('--json after opening: the browser and the command that opened the URL', async () => {
  const f = fakes(['firefox']);
  try {
    const r = await runCli(['browser', 'open', '--json', '-n', 'http://x/'], { env: display(f) });
    const j = JSON.parse(r.stdout);
    assert.equal(j.action, 'opened');
    assert.deepEqual(j.argv, ['firefox', '-new-window', 'http://x/']);
    assert.equal(j.browser.class, 'Mozilla');
  } finally {
    f.done();
  }
});

test('-n with -t is a usage error', async () => {
  const r = await runCli(['browser', 'open', '-n', '-t', 'http://x/'], { env: {} });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot be used with option '-n, --new-window'/);
});

test('browser list: names, classes, where found and why, in preference order', async () => {
  const f = fakes(['xdg-open', 'firefox', 'lynx']);
  try {
    const r = await runCli(['browser', 'list'], { env: display(f, { TERM: 'xterm' }) });
    const x = 'graphical browser (DISPLAY or WAYLAND_DISPLAY is set)';
    assert.deepEqual(r, {
      code: 0,
      stdout: `xdg-open\tBackgroundBrowser\t${f.dir}/xdg-open\t${x}: xdg-open\nfirefox\tMozilla\t${f.dir}/firefox\t${x}\nlynx\tGenericBrowser\t${f.dir}/lynx\tconsole browser (TERM is set)\n`,
      stderr: '',
    });
  } finally {
    f.done();
  }
});

test("browser list --json equals Python's webbrowser._tryorder", async (t) => {
  const py = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 20_000 });
  if (py.status !== 0) {
    if (process.env.NETKIT_REQUIRE_PEERS === '1') assert.fail('python3 is not installed');
    t.skip('python3 is not installed');
    return;
  }
  const f = fakes(['xdg-open', 'gio', 'firefox', 'google-chrome', 'chromium', 'opera', 'lynx', 'w3m', 'recorder', 'xdg-settings']);
  try {
    writeFileSync(join(f.dir, 'xdg-settings'), '#!/bin/sh\necho chromium.desktop\n');
    const env = display(f, { TERM: 'xterm', BROWSER: 'recorder %s:w3m' });
    const want = spawnSync(py.stdout.trim(), ['-c', 'import json, webbrowser; webbrowser.register_standard_browsers(); print(json.dumps(webbrowser._tryorder))'], { env, encoding: 'utf8', timeout: 20_000 });
    const got = JSON.parse((await runCli(['browser', 'list', '--json'], { env })).stdout);
    assert.deepEqual(got.tryorder.map((e: { name: string }) => e.name), JSON.parse(want.stdout));
    assert.equal(got.os_preferred_browser, 'chromium.desktop');
  } finally {
    f.done();
  }
});
