// Which request runs which CGI script: CPython 3.11's CGIHTTPRequestHandler.is_cgi (with
// _url_collapse_path), run_cgi's walk that finds the script and PATH_INFO, its 404/403
// checks with Python's messages, is_python and is_executable — plus netkit's stricter rule:
// the script, symlinks resolved, must lie inside the CGI directory it was found under, and
// that directory inside the served root. Nothing here runs anything.
import { constants as fsConstants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { pyRepr } from '../../../core/py-text.js';
import { PyIndexError, translatePath, urlCollapsePath } from '../simple/paths.js';

/** CGIHTTPRequestHandler.cgi_directories. */
export const DEFAULT_CGI_DIRECTORIES: readonly string[] = ['/cgi-bin', '/htbin'];

/** is_cgi()'s cgi_info: the CGI directory that matched and what follows it (query included). */
export interface CgiInfo {
  dir: string;
  rest: string;
}

/** A script run_cgi would execute, with everything env.ts and run.ts need. */
export interface CgiScript {
  /** The directory the script sits in, as a URL path (after run_cgi's walk into subdirectories). */
  dir: string;
  /** The CGI directory is_cgi matched (the containment boundary). */
  cgiDir: string;
  /** The script's file name as in the URL (argv[0]). */
  script: string;
  /** SCRIPT_NAME: dir + '/' + script. */
  scriptName: string;
  /** translate_path(scriptName): the file Python would execve. */
  scriptFile: string;
  /** realpath(scriptFile): the file that really runs. */
  realFile: string;
  /** What follows the script name, still quoted ('' or starting with '/'): PATH_INFO before unquote. */
  pathInfoRaw: string;
  /** QUERY_STRING: after the first '?', as sent. */
  query: string;
  /** is_python(scriptName): .py or .pyw, any case. */
  isPython: boolean;
  /** The served root (absolute): self.directory. */
  root: string;
}

export type CgiSelection =
  /** Not under a CGI directory: the file handler serves it. */
  | { kind: 'not-cgi' }
  /** send_error(status, message): Python's 404/403 messages, netkit's 403 for escapes, 400 for IndexError. */
  | { kind: 'error'; status: 400 | 403 | 404; message: string }
  | { kind: 'script'; script: CgiScript };

export interface SelectOptions {
  /** The served directory (self.directory). */
  root: string;
  /** CGI directories as URL paths ('/cgi-bin'); default DEFAULT_CGI_DIRECTORIES. */
  cgiDirectories?: readonly string[];
}

/** parse_request's CVE-2021-28861 fix: a leading '//...' becomes one '/'. Idempotent. */
function collapseLeadingSlashes(path: string): string {
  return path.startsWith('//') ? '/' + path.replace(/^\/+/, '') : path;
}

/**
 * is_cgi(): the (dir, rest) split when the collapsed path starts with a CGI directory, else
 * undefined. Throws PyIndexError ('pop from empty list') for a '..' above the root, as Python.
 */
export function isCgi(path: string, cgiDirectories: readonly string[] = DEFAULT_CGI_DIRECTORIES): CgiInfo | undefined {
  const collapsed = urlCollapsePath(collapseLeadingSlashes(path));
  let dirSep = collapsed.indexOf('/', 1);
  while (dirSep > 0 && !cgiDirectories.includes(collapsed.slice(0, dirSep))) dirSep = collapsed.indexOf('/', dirSep + 1);
  if (dirSep > 0) return { dir: collapsed.slice(0, dirSep), rest: collapsed.slice(dirSep + 1) };
  return undefined;
}

/** CGIHTTPRequestHandler.is_python: os.path.splitext(path)[1].lower() in ('.py', '.pyw'). */
export function isPython(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot))) return false; // splitext skips leading dots
  const ext = base.slice(dot).toLowerCase();
  return ext === '.py' || ext === '.pyw';
}

/** http.server.executable: os.access(path, os.X_OK). */
export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function statOrUndefined(path: string): Promise<import('node:fs').Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

async function realOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

function inside(child: string, parent: string): boolean {
  return child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/**
 * CGIHTTPRequestHandler.send_head's CGI branch up to the fork: is the request a CGI
 * request, which script, and may it run. `path` is self.path (the request target).
 */
export async function selectCgi(path: string, options: SelectOptions): Promise<CgiSelection> {
  const root = resolve(options.root);
  let info: CgiInfo | undefined;
  try {
    info = isCgi(path, options.cgiDirectories ?? DEFAULT_CGI_DIRECTORIES);
  } catch (err) {
    // Python: the IndexError escapes do_GET and the connection closes without a response.
    if (err instanceof PyIndexError) return { kind: 'error', status: 400, message: `Bad request path (${pyRepr(path)})` };
    throw err;
  }
  if (!info) return { kind: 'not-cgi' };
  const cgiDir = info.dir;
  let { dir, rest } = info;

  // run_cgi: walk into subdirectories of the CGI directory.
  const full = dir + '/' + rest;
  let i = full.indexOf('/', dir.length + 1);
  while (i >= 0) {
    const nextdir = full.slice(0, i);
    const nextrest = full.slice(i + 1);
    if ((await statOrUndefined(translatePath(nextdir, root)))?.isDirectory()) {
      dir = nextdir;
      rest = nextrest;
      i = full.indexOf('/', dir.length + 1);
    } else break;
  }

  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  const slash = rest.indexOf('/');
  const script = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathInfoRaw = slash >= 0 ? rest.slice(slash) : '';
  const scriptName = dir + '/' + script;
  const scriptFile = translatePath(scriptName, root);

  const st = await statOrUndefined(scriptFile);
  if (!st) return { kind: 'error', status: 404, message: `No such CGI script (${pyRepr(scriptName)})` };

  if (!st.isFile()) return { kind: 'error', status: 403, message: `CGI script is not a plain file (${pyRepr(scriptName)})` };
  // netkit: the real file must be inside the real CGI directory, itself inside the real root.
  const realRoot = await realOrUndefined(root);
  const realCgiDir = await realOrUndefined(translatePath(cgiDir, root));
  const realFile = await realOrUndefined(scriptFile);
  if (!realRoot || !realCgiDir || !realFile || !inside(realCgiDir, realRoot) || !inside(realFile, realCgiDir)) {
    return { kind: 'error', status: 403, message: `CGI script is outside the CGI directories (${pyRepr(scriptName)})` };
  }

  // have_fork is true on POSIX: every script, .py included, must be executable.
  if (!(await isExecutable(scriptFile))) return { kind: 'error', status: 403, message: `CGI script is not executable (${pyRepr(scriptName)})` };

  return {
    kind: 'script',
    script: { dir, cgiDir, script, scriptName, scriptFile, realFile, pathInfoRaw, query, isPython: isPython(scriptName), root },
  };
}
