// webbrowser.register_standard_browsers() of Python 3.11 for a given platform and
// environment: the _browsers table and the _tryorder preference list, including the
// xdg-settings default browser, register_X_browsers, the console browsers, $BROWSER
// (os.pathsep list, preferred, via _synthesize), and netkit's WSL openers.
import { spawnSync } from 'node:child_process';
import { posix, win32 } from 'node:path';
import { controller, type Controller, type ControllerClass } from './controllers.js';
import { pathsep, which, type WhichEnv } from './which.js';

export interface Registered {
  /** The name as registered (its _tryorder spelling). */
  name: string;
  /** A class registered without an instance (Grail), built on get(). */
  klass?: ControllerClass;
  instance?: Controller;
  /** shutil.which's answer for its command, when one was looked up. */
  path?: string;
  /** Why it is registered: the rule of webbrowser that added it. */
  rule: string;
}

export interface Registry {
  w: WhichEnv;
  tryorder: string[];
  /** Keyed by lower-case name, as _browsers is. */
  browsers: Map<string, Registered>;
  /** _os_preferred_browser: `xdg-settings get default-web-browser`. */
  osPreferred?: string;
  /** The _tryorder names that came from $BROWSER. */
  fromBrowserEnv: Set<string>;
}

export interface RegistryOptions extends WhichEnv {
  /** Add wslview / explorer.exe ahead of the rest (netkit's WSL support). */
  wsl?: boolean;
  /** `xdg-settings get default-web-browser`, stripped; undefined when it fails. */
  xdgDefault?: (w: WhichEnv) => string | undefined;
}

export function basenameFor(platform: NodeJS.Platform): (p: string) => string {
  return platform === 'win32' ? (p) => win32.basename(p) : (p) => posix.basename(p);
}

/** Runs xdg-settings as Python's check_output does, bounded to 5 s. */
export function queryXdgDefault(w: WhichEnv): string | undefined {
  const exe = which('xdg-settings', w);
  if (!exe) return undefined;
  const r = spawnSync(exe, ['get', 'default-web-browser'], { env: w.env as NodeJS.ProcessEnv, cwd: w.cwd, timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  return r.stdout.trim();
}

export function register(reg: Registry, entry: Registered, preferred = false): void {
  const osPreferred = !preferred && reg.osPreferred !== undefined && reg.osPreferred !== '' && reg.osPreferred.includes(entry.name);
  if (osPreferred) entry = { ...entry, rule: `${entry.rule}; moved first: xdg-settings default-web-browser is ${reg.osPreferred}` };
  reg.browsers.set(entry.name.toLowerCase(), entry);
  if (preferred || osPreferred) reg.tryorder.unshift(entry.name);
  else reg.tryorder.push(entry.name);
}

export function registerStandardBrowsers(opts: RegistryOptions): Registry {
  const w: WhichEnv = { platform: opts.platform, env: opts.env, cwd: opts.cwd };
  const reg: Registry = { w, tryorder: [], browsers: new Map(), fromBrowserEnv: new Set() };
  const env = opts.env;
  const base = basenameFor(opts.platform);
  const make = (cls: ControllerClass, name: string | string[]): Controller => controller(cls, name, base);
  const found = (cmd: string, cls: ControllerClass, rule: string, name = cmd, args?: string[]): boolean => {
    const path = which(cmd, w);
    if (path === undefined) return false;
    register(reg, { name, instance: make(cls, args ?? name), path, rule });
    return true;
  };

  if (opts.platform === 'darwin') {
    for (const name of ['MacOSX', 'chrome', 'firefox', 'safari']) {
      register(reg, { name, instance: make('MacOSXOSAScript', name === 'MacOSX' ? 'default' : name), rule: 'macOS: AppleScript through osascript' });
    }
  }
  if (opts.platform === 'win32') {
    register(reg, { name: 'windows-default', klass: 'WindowsDefault', rule: 'Windows: the default browser (os.startfile)' });
    const iexplore = win32.join(env.PROGRAMFILES ?? 'C:\\Program Files', 'Internet Explorer\\IEXPLORE.EXE');
    for (const b of ['firefox', 'firebird', 'seamonkey', 'mozilla', 'netscape', 'opera', iexplore]) found(b, 'BackgroundBrowser', 'Windows: found on PATH');
  } else {
    if (env.DISPLAY || env.WAYLAND_DISPLAY) {
      const preferred = (opts.xdgDefault ?? queryXdgDefault)(w);
      if (preferred !== undefined) reg.osPreferred = preferred;
      registerXBrowsers(reg, found);
    }
    if (env.TERM) {
      const rule = 'console browser (TERM is set)';
      found('www-browser', 'GenericBrowser', rule);
      found('links', 'GenericBrowser', rule);
      found('elinks', 'Elinks', rule);
      found('lynx', 'GenericBrowser', rule);
      found('w3m', 'GenericBrowser', rule);
    }
  }
  if (opts.wsl) {
    // Registered preferred, explorer.exe first so that wslview ends up ahead of it.
    for (const b of ['explorer.exe', 'wslview']) {
      const path = which(b, w);
      if (path !== undefined) register(reg, { name: b, instance: make('BackgroundBrowser', b), path, rule: 'WSL: opens the URL on the Windows desktop (netkit)' }, true);
    }
  }
  if (env.BROWSER !== undefined) {
    const choices = env.BROWSER.split(pathsep(opts.platform)).reverse();
    for (const cmdline of choices) {
      if (cmdline === '') continue;
      const synthesized = synthesize(reg, cmdline, true);
      if (!synthesized) {
        const first = cmdline.includes('%s') ? safeFirstWord(cmdline) : cmdline;
        const path = first === undefined ? undefined : which(first, w);
        register(reg, { name: cmdline, instance: make('GenericBrowser', cmdline), ...(path === undefined ? {} : { path }), rule: '$BROWSER' }, true);
      }
      reg.fromBrowserEnv.add(cmdline);
    }
  }
  return reg;
}

function safeFirstWord(cmdline: string): string | undefined {
  return cmdline.trim().split(/\s+/)[0] || undefined;
}

type Found = (cmd: string, cls: ControllerClass, rule: string, name?: string, args?: string[]) => boolean;

/** register_X_browsers(), in its order. */
function registerXBrowsers(reg: Registry, found: Found): void {
  const env = reg.w.env;
  const x = 'graphical browser (DISPLAY or WAYLAND_DISPLAY is set)';
  found('xdg-open', 'BackgroundBrowser', `${x}: xdg-open`);
  found('gio', 'BackgroundBrowser', `${x}: gio open`, 'gio', ['gio', 'open', '--', '%s']);
  if ('GNOME_DESKTOP_SESSION_ID' in env) found('gvfs-open', 'BackgroundBrowser', `${x}: GNOME_DESKTOP_SESSION_ID is set`);
  if ('KDE_FULL_SESSION' in env) found('kfmclient', 'Konqueror', `${x}: KDE_FULL_SESSION is set`);
  found('x-www-browser', 'BackgroundBrowser', x);
  for (const b of ['firefox', 'iceweasel', 'iceape', 'seamonkey']) found(b, 'Mozilla', x);
  for (const b of ['mozilla-firefox', 'mozilla-firebird', 'firebird', 'mozilla', 'netscape']) found(b, 'Netscape', x);
  if (!found('kfm', 'Konqueror', x)) found('konqueror', 'Konqueror', x);
  for (const b of ['galeon', 'epiphany']) found(b, 'Galeon', x);
  found('skipstone', 'BackgroundBrowser', x);
  for (const b of ['google-chrome', 'chrome', 'chromium', 'chromium-browser']) found(b, 'Chrome', x);
  found('opera', 'Opera', x);
  found('mosaic', 'BackgroundBrowser', x);
  const grail = which('grail', reg.w);
  if (grail !== undefined) register(reg, { name: 'grail', klass: 'Grail', path: grail, rule: x });
}

/**
 * _synthesize(browser): when the command's basename is a registered browser whose
 * controller has that basename, a copy of it named `browser` is registered.
 */
export function synthesize(reg: Registry, browser: string, preferred = false): Controller | undefined {
  const cmd = browser.trim().split(/\s+/)[0];
  if (!cmd) return undefined;
  const path = which(cmd, reg.w);
  if (path === undefined) return undefined;
  const base = basenameFor(reg.w.platform);
  const name = base(cmd);
  const known = reg.browsers.get(name.toLowerCase());
  const c = known?.instance;
  if (!c || name.toLowerCase() !== c.basename) return undefined;
  const copy: Controller = { ...c, args: [...c.args], name: browser, basename: base(browser) };
  register(reg, { name: browser, instance: copy, path, rule: `${preferred ? '$BROWSER' : '--browser'}: a copy of ${known.name}'s controller` }, preferred);
  return copy;
}
