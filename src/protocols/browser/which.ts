// shutil.which(cmd) of Python 3.11 for a given platform, PATH and cwd: a name with a
// directory part is checked as is; else each PATH entry in turn (duplicates skipped), with
// PATHEXT and the current directory first on Windows. Executable means exists, is not a
// directory, and (POSIX) has an execute bit for this process.
import { accessSync, constants, statSync } from 'node:fs';
import { posix, win32 } from 'node:path';

/** Python's _WIN_DEFAULT_PATHEXT. */
const WIN_DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD;.VBS;.JS;.WSH;.MSC';
/** os.confstr("CS_PATH") on glibc, used when PATH is unset. */
const CS_PATH = '/bin:/usr/bin';

export interface WhichEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  cwd: string;
}

export function pathsep(platform: NodeJS.Platform): string {
  return platform === 'win32' ? ';' : ':';
}

function executable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (statSync(file).isDirectory()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** os.path.join(dir, file): no normalising, unlike node's path.join. */
function joinLikePython(dir: string, file: string, platform: NodeJS.Platform): string {
  if (dir === '') return file;
  const seps = platform === 'win32' ? /[\\/:]$/ : /\/$/;
  return seps.test(dir) ? dir + file : dir + (platform === 'win32' ? '\\' : '/') + file;
}

/** The path shutil.which returns (relative entries stay relative, as Python's), or undefined. */
export function which(cmd: string, w: WhichEnv): string | undefined {
  const path = w.platform === 'win32' ? win32 : posix;
  // Relative names are checked against the cwd netkit was given, not the process's.
  const onDisk = (file: string): string => (path.isAbsolute(file) ? file : path.join(w.cwd, file));
  if (path.dirname(cmd) !== '.' || (w.platform === 'win32' ? /^[.][\\/]/ : /^[.]\//).test(cmd)) {
    return executable(onDisk(cmd), w.platform) ? cmd : undefined;
  }
  let search = w.env.PATH;
  if (search === undefined) search = w.platform === 'win32' ? '' : CS_PATH;
  if (!search) return undefined;
  const dirs = search.split(pathsep(w.platform));
  let files = [cmd];
  if (w.platform === 'win32') {
    if (!dirs.includes('.')) dirs.unshift('.');
    const exts = (w.env.PATHEXT || WIN_DEFAULT_PATHEXT).split(';').filter(Boolean);
    files = exts.some((e) => cmd.toLowerCase().endsWith(e.toLowerCase())) ? [cmd] : exts.map((e) => cmd + e);
  }
  const seen = new Set<string>();
  for (const dir of dirs) {
    const norm = w.platform === 'win32' ? dir.toLowerCase().replace(/\//g, '\\') : dir;
    if (seen.has(norm)) continue;
    seen.add(norm);
    for (const file of files) {
      const name = joinLikePython(dir, file, w.platform);
      if (executable(onDisk(name), w.platform)) return name;
    }
  }
  return undefined;
}
