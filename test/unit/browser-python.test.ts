// netkit's browser engine against CPython 3.11's webbrowser: for the same fake PATH and
// environment, the same _tryorder, and the same commands (Popen argv) for open(url, new)
// when the first browser succeeds and when every browser fails; also get(NAME).
// Python runs with subprocess.Popen replaced, so nothing is launched on either side.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { registerStandardBrowsers } from '../../src/protocols/browser/registry.js';
import { openURL } from '../../src/protocols/browser/open.js';
import type { Runner } from '../../src/protocols/browser/launch.js';
import type { New } from '../../src/protocols/browser/controllers.js';

const REQUIRE = process.env.NETKIT_REQUIRE_PEERS === '1';

function pythonExecutable(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const PYTHON = pythonExecutable();

const SNIPPET = String.raw`
import json, subprocess, sys, webbrowser
mode, url, new, using = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
webbrowser.register_standard_browsers()
calls = []
class FakePopen:
    def __init__(self, cmd, *a, **k):
        calls.append(list(cmd))
        self.returncode = 0 if mode == 'ok' else 1
    def wait(self, timeout=None):
        return self.returncode
    def poll(self):
        return None if mode == 'ok' else 1
subprocess.Popen = FakePopen
out = {'tryorder': list(webbrowser._tryorder)}
try:
    if using:
        out['result'] = webbrowser.get(using).open(url, new)
    else:
        out['result'] = webbrowser.open(url, new)
except Exception as e:
    out['error'] = [type(e).__name__, str(e)]
out['calls'] = calls
print(json.dumps(out))
`;

interface PyOut {
  tryorder: string[];
  result?: boolean;
  error?: [string, string];
  calls: string[][];
}

function python(env: Record<string, string>, mode: 'ok' | 'fail', url: string, nw: New, using = ''): PyOut {
  const r = spawnSync(PYTHON!, ['-c', SNIPPET, mode, url, String(nw), using], { env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as PyOut;
}

async function netkit(env: Record<string, string>, cwd: string, mode: 'ok' | 'fail', url: string, nw: New, using = ''): Promise<PyOut> {
  const reg = registerStandardBrowsers({ platform: 'linux', env, cwd });
  const out: PyOut = { tryorder: [...reg.tryorder], calls: [] };
  const run: Runner = async (step) => {
    out.calls.push(step.argv);
    if (mode === 'fail') return { kind: 'exited', code: 1 };
    return step.wait === 'running' ? { kind: 'running' } : { kind: 'exited', code: 0 };
  };
  try {
    out.result = (await openURL(reg, url, nw, run, using ? { using } : {})).opened;
  } catch (err) {
    const e = err as Error & { python?: string };
    out.error = [(e.python ?? e.name).replace(/^webbrowser\./, ''), e.message];
  }
  return out;
}

/** A directory of fake executables (never run here: both sides replace Popen). */
function fakeBin(names: readonly string[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'netkit-browser-py-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'opt'));
  for (const name of names) {
    writeFileSync(join(dir, 'bin', name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, 'bin', name), 0o755);
  }
  for (const [name, body] of Object.entries(extra)) {
    writeFileSync(join(dir, name), body);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

const ALL_X = ['xdg-open', 'gio', 'gvfs-open', 'kfmclient', 'x-www-browser', 'firefox', 'iceweasel', 'seamonkey', 'mozilla', 'netscape', 'konqueror', 'epiphany', 'skipstone', 'google-chrome', 'chromium', 'chromium-browser', 'opera', 'mosaic', 'grail'];
const CONSOLE = ['www-browser', 'links', 'elinks', 'lynx', 'w3m'];

interface Scenario {
  title: string;
  bins: string[];
  env: (dir: string) => Record<string, string>;
  extra?: Record<string, string>;
  using?: (dir: string) => string;
}

const SCENARIOS: Scenario[] = [
  { title: 'X display and a console: every family', bins: [...ALL_X, ...CONSOLE], env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0', TERM: 'xterm' }) },
  { title: 'Wayland, GNOME and KDE sessions', bins: [...ALL_X], env: (d) => ({ PATH: `${d}/bin`, WAYLAND_DISPLAY: 'wayland-0', GNOME_DESKTOP_SESSION_ID: 'x', KDE_FULL_SESSION: 'true' }) },
  { title: 'Firefox, Chrome and Netscape families only', bins: ['firefox', 'google-chrome', 'netscape', 'epiphany', 'opera'], env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':1' }) },
  {
    title: 'xdg-settings names the default browser',
    bins: ['xdg-open', 'firefox', 'google-chrome', 'chromium', 'lynx'],
    extra: { 'bin/xdg-settings': '#!/bin/sh\necho google-chrome.desktop\n' },
    env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0', TERM: 'xterm' }),
  },
  {
    title: '$BROWSER: a pathsep list with %s, a name and a path',
    bins: ['xdg-open', 'firefox', 'chromium', 'mybrowser', 'lynx'],
    extra: { 'opt/chromium': '#!/bin/sh\n' },
    env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0', TERM: 'xterm', BROWSER: `mybrowser --kiosk %s::firefox:${d}/opt/chromium:notinstalled` }),
  },
  { title: "$BROWSER ending in '&', headless console", bins: ['w3m', 'lynx'], env: (d) => ({ PATH: `${d}/bin`, TERM: 'vt100', BROWSER: "'my browser' %s &:w3m" }) },
  { title: 'nothing registered', bins: ['firefox'], env: (d) => ({ PATH: `${d}/bin` }) },
  { title: 'get(NAME) of a registered browser', bins: ['firefox', 'chromium'], env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0' }), using: () => 'chromium' },
  { title: 'get(path) synthesizes a copy', bins: ['firefox'], extra: { 'opt/firefox': '#!/bin/sh\n' }, env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0' }), using: (d) => `${d}/opt/firefox` },
  { title: 'get(NAME) of an unknown name', bins: ['firefox', 'mybrowser'], env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0' }), using: () => 'mybrowser' },
  { title: 'get(command line with %s)', bins: ['firefox'], env: (d) => ({ PATH: `${d}/bin`, DISPLAY: ':0' }), using: () => 'firefox --private-window "%s"' },
];

for (const s of SCENARIOS) {
  test(`same as Python 3.11 webbrowser: ${s.title}`, async (t) => {
    if (!PYTHON) {
      if (REQUIRE) assert.fail('python3 is not installed');
      t.skip('python3 is not installed');
      return;
    }
    const dir = fakeBin(s.bins, s.extra);
    try {
      const env = s.env(dir);
      const using = s.using?.(dir) ?? '';
      for (const nw of [0, 1, 2] as const) {
        for (const mode of ['ok', 'fail'] as const) {
          const url = 'https://example.com/a?b=1&c=%s';
          const py = python(env, mode, url, nw, using);
          const nk = await netkit(env, dir, mode, url, nw, using);
          assert.deepEqual(nk, py, `new=${nw} mode=${mode}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
