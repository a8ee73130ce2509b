// webbrowser's controller classes as data, and the commands each runs for open(url, new):
// GenericBrowser, BackgroundBrowser, the UnixBrowser families with their remote actions
// (Mozilla, Netscape, Galeon, Chrome, Opera, Elinks), Konqueror, Grail, WindowsDefault
// and MacOSXOSAScript. Each open is a list of steps run in turn by launch.ts.

/** webbrowser.open's `new`: 0 same window, 1 new window, 2 new tab. */
export type New = 0 | 1 | 2;

export type UnixFamily = 'Mozilla' | 'Netscape' | 'Galeon' | 'Chrome' | 'Opera' | 'Elinks';
export type ControllerClass = 'GenericBrowser' | 'BackgroundBrowser' | UnixFamily | 'Konqueror' | 'Grail' | 'WindowsDefault' | 'MacOSXOSAScript';

/** A controller instance: Python's `name`, `basename` and (Generic/Background) `args`. */
export interface Controller {
  cls: ControllerClass;
  name: string;
  basename: string;
  args: string[];
}

export type StdioMode = 'inherit' | 'ignore';

/** One subprocess webbrowser starts, and how its outcome is read. */
export interface Step {
  argv: string[];
  /** Text written to its stdin (the AppleScript osascript reads). */
  input?: string;
  stdio: [StdioMode, StdioMode, StdioMode];
  /** start_new_session=True. */
  detached: boolean;
  /**
   * exit0: waits, success is exit status 0 (Generic). exit: waits, any status is success
   * (kfmclient). running: success is being started (Background's poll() is None).
   * remote: waits at most 5 s; status 0 or still running is success (UnixBrowser remote).
   */
  wait: 'exit0' | 'exit' | 'running' | 'remote';
  /** Not a success: try the next step, or this browser failed. */
  onFailure: 'next' | 'stop';
  /** Could not be started: next step, this browser failed, or the OSError escapes as in Python. */
  onSpawnError: 'next' | 'stop' | 'raise';
}

interface UnixSpec {
  raiseOpts: [string, string] | null;
  remoteArgs: string[];
  action: string;
  newwin: string | null;
  newtab: string | null;
  background: boolean;
  redirectStdout: boolean;
}

const UNIX: Record<UnixFamily, UnixSpec> = {
  Mozilla: { raiseOpts: null, remoteArgs: ['%action', '%s'], action: '', newwin: '-new-window', newtab: '-new-tab', background: true, redirectStdout: true },
  Netscape: { raiseOpts: ['-noraise', '-raise'], remoteArgs: ['-remote', 'openURL(%s%action)'], action: '', newwin: ',new-window', newtab: ',new-tab', background: true, redirectStdout: true },
  Galeon: { raiseOpts: ['-noraise', ''], remoteArgs: ['%action', '%s'], action: '-n', newwin: '-w', newtab: null, background: true, redirectStdout: true },
  Chrome: { raiseOpts: null, remoteArgs: ['%action', '%s'], action: '', newwin: '--new-window', newtab: '', background: true, redirectStdout: true },
  Opera: { raiseOpts: null, remoteArgs: ['%action', '%s'], action: '', newwin: '--new-window', newtab: '', background: true, redirectStdout: true },
  Elinks: { raiseOpts: null, remoteArgs: ['-remote', 'openURL(%s%action)'], action: '', newwin: ',new-window', newtab: ',new-tab', background: false, redirectStdout: false },
};

export function isUnixFamily(cls: ControllerClass): cls is UnixFamily {
  return cls in UNIX;
}

/** GenericBrowser(name): a string is the command, a list is the command and its args. */
export function controller(cls: ControllerClass, name: string | string[], basename?: (p: string) => string): Controller {
  const base = basename ?? ((p: string) => p.split('/').pop()!);
  if (typeof name === 'string') return { cls, name, basename: base(name), args: ['%s'] };
  return { cls, name: name[0]!, basename: base(name[0]!), args: name.slice(1) };
}

const sub = (arg: string, url: string): string => arg.split('%s').join(url);

/** The steps `controller.open(url, new)` runs, in order. `autoraise` is always True (webbrowser's CLI). */
export function openSteps(c: Controller, url: string, nw: New, platform: NodeJS.Platform, env: Record<string, string | undefined> = {}): Step[] {
  const win = platform === 'win32';
  switch (c.cls) {
    case 'GenericBrowser':
      return [{ argv: [c.name, ...c.args.map((a) => sub(a, url))], stdio: ['inherit', 'inherit', 'inherit'], detached: false, wait: 'exit0', onFailure: 'stop', onSpawnError: 'stop' }];
    case 'BackgroundBrowser':
      return [{ argv: [c.name, ...c.args.map((a) => sub(a, url))], stdio: ['inherit', 'inherit', 'inherit'], detached: !win, wait: 'running', onFailure: 'stop', onSpawnError: 'stop' }];
    case 'Konqueror':
      return [
        { argv: ['kfmclient', nw === 2 ? 'newTab' : 'openURL', url], stdio: ['ignore', 'ignore', 'ignore'], detached: false, wait: 'exit', onFailure: 'stop', onSpawnError: 'next' },
        { argv: ['konqueror', '--silent', url], stdio: ['ignore', 'ignore', 'ignore'], detached: true, wait: 'running', onFailure: 'stop', onSpawnError: 'next' },
        { argv: ['kfm', '-d', url], stdio: ['ignore', 'ignore', 'ignore'], detached: true, wait: 'running', onFailure: 'stop', onSpawnError: 'stop' },
      ];
    case 'Grail':
      // Python 3's Grail controller returns False when no Grail socket is found and raises
      // TypeError (str given to socket.send) when one is: it never opens anything.
      return [];
    case 'WindowsDefault':
      return [{ argv: [windowsRundll32(env), 'url.dll,FileProtocolHandler', url], stdio: ['ignore', 'ignore', 'ignore'], detached: false, wait: 'running', onFailure: 'stop', onSpawnError: 'stop' }];
    case 'MacOSXOSAScript':
      return [{ argv: ['osascript'], input: osaScript(c.name, url), stdio: ['ignore', 'inherit', 'inherit'], detached: false, wait: 'exit0', onFailure: 'stop', onSpawnError: 'stop' }];
    default:
      return unixSteps(c, UNIX[c.cls], url, nw);
  }
}

/** UnixBrowser.open: the remote invocation, then (if it exits non-zero) the plain one. */
function unixSteps(c: Controller, spec: UnixSpec, url: string, nw: New): Step[] {
  const action = nw === 0 ? spec.action : nw === 1 ? spec.newwin : spec.newtab ?? spec.newwin;
  const remote = spec.remoteArgs.map((a) => sub(a, url).split('%action').join(action ?? '')).filter((a) => a !== '');
  const raise = spec.raiseOpts?.[1] ? [spec.raiseOpts[1]] : [];
  const direct: Step['stdio'] = spec.background ? ['ignore', 'ignore', 'ignore'] : ['inherit', 'inherit', 'inherit'];
  return [
    { argv: [c.name, ...raise, ...remote], stdio: ['ignore', spec.redirectStdout ? 'ignore' : 'inherit', 'ignore'], detached: true, wait: 'remote', onFailure: 'next', onSpawnError: 'raise' },
    { argv: [c.name, ...c.args.map((a) => sub(a, url))], stdio: spec.redirectStdout ? direct : ['inherit', 'inherit', 'inherit'], detached: true, wait: spec.background ? 'running' : 'exit0', onFailure: 'stop', onSpawnError: 'raise' },
  ];
}

/** The AppleScript MacOSXOSAScript.open pipes to osascript, byte for byte. */
export function osaScript(name: string, url: string): string {
  const quoted = url.replace(/"/g, '%22');
  if (name === 'default') return `open location "${quoted}"`;
  return `\n                   tell application "${name}"\n                       activate\n                       open location "${quoted}"\n                   end\n                   `;
}

/**
 * What stands in for os.startfile(url) (ShellExecute): rundll32's FileProtocolHandler
 * hands the URL to ShellExecute without a shell parsing it, unlike `cmd /c start`.
 */
export function windowsRundll32(env: Record<string, string | undefined> = {}): string {
  return `${env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows'}\\System32\\rundll32.exe`;
}
