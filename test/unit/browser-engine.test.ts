// Unit tests of the browser engine's pieces: shutil.which (PATHEXT on Windows), the
// Windows and macOS tables, session detection (display, SSH, WSL from /proc/version),
// shlex.split, the URL check, and how runSteps reads each outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { which } from '../../src/protocols/browser/which.js';
import { registerStandardBrowsers } from '../../src/protocols/browser/registry.js';
import { loadBrowsers } from '../../src/protocols/browser/environment.js';
import { detectSession } from '../../src/protocols/browser/session.js';
import { shlexSplit } from '../../src/protocols/browser/shlex.js';
import { checkURL } from '../../src/protocols/browser/url.js';
import { openSteps, osaScript, type Step } from '../../src/protocols/browser/controllers.js';
import { runSteps, type StepOutcome } from '../../src/protocols/browser/launch.js';
import { getBrowser, plan } from '../../src/protocols/browser/open.js';

function dirWith(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-browser-unit-'));
  for (const [name, mode] of Object.entries(files)) {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), mode);
  }
  return dir;
}

test('which: POSIX PATH order, execute bit, directories skipped, PATH unset and empty', () => {
  const a = dirWith({ firefox: 0o644, lynx: 0o755 });
  const b = dirWith({ firefox: 0o755 });
  mkdirSync(join(a, 'w3m'));
  try {
    const w = { platform: 'linux' as const, cwd: '/', env: { PATH: `${a}:${b}:${a}` } };
    assert.equal(which('firefox', w), `${b}/firefox`);
    assert.equal(which('lynx', w), `${a}/lynx`);
    assert.equal(which('w3m', w), undefined);
    assert.equal(which(`${b}/firefox`, w), `${b}/firefox`);
    assert.equal(which('lynx', { ...w, env: { PATH: '' } }), undefined);
    assert.equal(which('./lynx', { ...w, cwd: a }), './lynx');
    assert.equal(which('sh', { ...w, env: {} }), '/bin/sh');
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('which on Windows: PATHEXT extensions, names that already carry one, ; separated', () => {
  const a = dirWith({ 'firefox.EXE': 0o644, 'opera.CMD': 0o644, 'tool.exe': 0o644 });
  try {
    const w = { platform: 'win32' as const, cwd: 'C:\\nowhere', env: { PATH: `C:\\missing;${a}/`, PATHEXT: '.COM;.EXE;.CMD' } };
    assert.equal(which('firefox', w), `${a}/firefox.EXE`);
    assert.equal(which('opera', w), `${a}/opera.CMD`);
    assert.equal(which('tool.exe', w), `${a}/tool.exe`);
    assert.equal(which('opera', { ...w, env: { ...w.env, PATHEXT: '.EXE' } }), undefined);
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});

test("Windows table: windows-default first, then the browsers on PATH; $BROWSER split on ';'", () => {
  const a = dirWith({ 'firefox.EXE': 0o644, 'opera.EXE': 0o644 });
  try {
    const env = { PATH: `${a}/`, PATHEXT: '.EXE', BROWSER: 'one %s;two', SystemRoot: 'D:\\Win' };
    const reg = registerStandardBrowsers({ platform: 'win32', env, cwd: 'C:\\x' });
    assert.deepEqual(reg.tryorder, ['one %s', 'two', 'windows-default', 'firefox', 'opera']);
    const steps = plan(reg, 'http://x/', 0);
    assert.deepEqual(steps.map((s) => s.steps[0]!.argv), [['one', 'http://x/'], ['two', 'http://x/'], ['D:\\Win\\System32\\rundll32.exe', 'url.dll,FileProtocolHandler', 'http://x/'], ['firefox', 'http://x/'], ['opera', 'http://x/']]);
    assert.equal(steps[3]!.path, `${a}/firefox.EXE`);
    assert.equal(steps[3]!.steps[0]!.detached, false);
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});

test('macOS table: MacOSX, chrome, firefox, safari through osascript, then the Unix rules', () => {
  const reg = registerStandardBrowsers({ platform: 'darwin', env: { PATH: '/nonexistent' }, cwd: '/' });
  assert.deepEqual(reg.tryorder, ['MacOSX', 'chrome', 'firefox', 'safari']);
  const [first] = plan(reg, 'http://x/"q"', 0);
  assert.deepEqual(first!.steps[0]!.argv, ['osascript']);
  assert.equal(first!.steps[0]!.input, 'open location "http://x/%22q%22"');
  assert.equal(
    osaScript('safari', 'http://x/'),
    '\n                   tell application "safari"\n                       activate\n                       open location "http://x/"\n                   end\n                   ',
  );
});

test('session: display, SSH without a display, WSL from WSL_DISTRO_NAME or /proc/version', () => {
  assert.equal(detectSession({ platform: 'linux', env: { DISPLAY: ':0' } }).headless, false);
  assert.equal(detectSession({ platform: 'linux', env: { WAYLAND_DISPLAY: 'w' } }).headless, false);
  assert.equal(detectSession({ platform: 'linux', env: {} }).headless, true);
  assert.equal(detectSession({ platform: 'linux', env: { SSH_TTY: '/dev/pts/0', DISPLAY: 'localhost:10' } }).headless, false);
  assert.equal(detectSession({ platform: 'darwin', env: { SSH_CONNECTION: 'a b c d' } }).headless, true);
  assert.equal(detectSession({ platform: 'darwin', env: {} }).headless, false);
  assert.equal(detectSession({ platform: 'win32', env: {} }).headless, false);
  const wsl2 = detectSession({ platform: 'linux', env: {}, procVersion: 'Linux version 5.15.153.1-microsoft-standard-WSL2 (root@x)' });
  assert.deepEqual([wsl2.wsl, wsl2.headless], [true, false]);
  assert.equal(detectSession({ platform: 'linux', env: {}, procVersion: 'Linux version 4.4.0-19041-Microsoft' }).wsl, true);
  assert.equal(detectSession({ platform: 'linux', env: { SSH_CONNECTION: 'x' }, procVersion: 'microsoft' }).headless, true);
});

test('WSL registry: wslview, then explorer.exe, ahead of the rest; $BROWSER still first', () => {
  const a = dirWith({ wslview: 0o755, 'explorer.exe': 0o755, firefox: 0o755 });
  try {
    const world = loadBrowsers({ platform: 'linux', env: { PATH: a, DISPLAY: ':0', BROWSER: 'firefox' }, cwd: '/', procVersion: '5.15-microsoft-standard-WSL2', xdgDefault: () => undefined });
    assert.deepEqual(world.registry.tryorder, ['firefox', 'wslview', 'explorer.exe', 'firefox']);
    const plain = loadBrowsers({ platform: 'linux', env: { PATH: a, DISPLAY: ':0' }, cwd: '/', procVersion: 'Linux version 6.1.0', xdgDefault: () => undefined });
    assert.deepEqual(plain.registry.tryorder, ['firefox']);
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});

test('xdg-settings default: every registered name it contains moves first', () => {
  const a = dirWith({ 'xdg-open': 0o755, chrome: 0o755, 'google-chrome': 0o755, lynx: 0o755 });
  try {
    const reg = registerStandardBrowsers({ platform: 'linux', env: { PATH: a, DISPLAY: ':0', TERM: 'x' }, cwd: '/', xdgDefault: () => 'google-chrome.desktop' });
    assert.deepEqual(reg.tryorder, ['chrome', 'google-chrome', 'xdg-open', 'lynx']);
    assert.match(reg.browsers.get('chrome')!.rule, /moved first: xdg-settings default-web-browser is google-chrome\.desktop$/);
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});

test('shlex.split in POSIX mode, with its errors', () => {
  assert.deepEqual(shlexSplit(`a "b c" 'd e' f\\ g "x\\"y" "p\\q" a"b"c ""`), ['a', 'b c', 'd e', 'f g', 'x"y', 'p\\q', 'abc', '']);
  assert.throws(() => shlexSplit('"open'), /No closing quotation/);
  assert.throws(() => shlexSplit("'open"), /No closing quotation/);
  assert.throws(() => shlexSplit('end\\'), /No escaped character/);
  assert.throws(() => shlexSplit('"x\\'), /No escaped character/);
});

test('URL check: leading dash after whitespace, control characters; ordinary URLs pass', () => {
  for (const ok of ['http://x/-y', 'file:///tmp/a b', '', 'x-y']) assert.doesNotThrow(() => checkURL(ok), ok);
  assert.throws(() => checkURL('--incognito'), { message: 'Invalid URL: --incognito', name: 'ValueError' });
  assert.throws(() => checkURL('  -x'), { message: 'Invalid URL:   -x' });
  assert.throws(() => checkURL('http://x/\x7f'), /control characters/);
  assert.throws(() => checkURL('http://x/\x00'), /control characters/);
});

test('runSteps: remote success, timeout and fallback; Generic exit status; spawn errors', async () => {
  const mozilla = openSteps({ cls: 'Mozilla', name: 'firefox', basename: 'firefox', args: ['%s'] }, 'u', 1, 'linux');
  const generic = openSteps({ cls: 'GenericBrowser', name: 'lynx', basename: 'lynx', args: ['%s'] }, 'u', 0, 'linux');
  const konq = openSteps({ cls: 'Konqueror', name: 'kfmclient', basename: 'kfmclient', args: ['%s'] }, 'u', 2, 'linux');
  const enoent = Object.assign(new Error('x'), { code: 'ENOENT' });
  const script = (outcomes: StepOutcome[]) => {
    const seen: string[][] = [];
    return { seen, run: async (s: Step) => (seen.push(s.argv), outcomes.shift()!) };
  };
  let s = script([{ kind: 'timeout' }]);
  assert.equal(await runSteps(mozilla, s.run), true);
  s = script([{ kind: 'exited', code: 1 }, { kind: 'running' }]);
  assert.equal(await runSteps(mozilla, s.run), true);
  assert.deepEqual(s.seen, [['firefox', '-new-window', 'u'], ['firefox', 'u']]);
  s = script([{ kind: 'spawn-error', error: enoent }]);
  await assert.rejects(runSteps(mozilla, s.run), { message: "[Errno 2] No such file or directory: 'firefox'", python: 'FileNotFoundError' });
  assert.equal(await runSteps(generic, script([{ kind: 'exited', code: 2 }]).run), false);
  assert.equal(await runSteps(generic, script([{ kind: 'spawn-error', error: enoent }]).run), false);
  s = script([{ kind: 'spawn-error', error: enoent }, { kind: 'running' }]);
  assert.equal(await runSteps(konq, s.run), true);
  assert.deepEqual(s.seen, [['kfmclient', 'newTab', 'u'], ['konqueror', '--silent', 'u']]);
  assert.equal(await runSteps(konq, script([{ kind: 'exited', code: 9 }]).run), true);
});

test("get(): Grail's controller has nothing to run; an unknown name is webbrowser.Error", () => {
  const a = dirWith({ grail: 0o755 });
  try {
    const reg = registerStandardBrowsers({ platform: 'linux', env: { PATH: a, DISPLAY: ':0' }, cwd: '/', xdgDefault: () => undefined });
    assert.deepEqual(reg.tryorder, ['grail']);
    assert.deepEqual(plan(reg, 'u', 0)[0]!.steps, []);
    assert.throws(() => getBrowser(reg, 'nope'), { message: 'could not locate runnable browser', name: 'webbrowser.Error' });
  } finally {
    rmSync(a, { recursive: true, force: true });
  }
});
