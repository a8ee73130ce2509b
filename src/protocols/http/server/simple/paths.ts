// Path helpers of CPython 3.11's http.server: SimpleHTTPRequestHandler.translate_path (POSIX)
// and the module's _url_collapse_path (CGIHTTPRequestHandler.is_cgi), with the IndexError
// the latter raises for a '..' above the root.
import { NetkitError } from '../../../core/errors.js';
import { SPACES } from '../../../core/py-unicode.js';
import { unquote } from '../../../url/index.js';
import { unquoteSurrogatepassOrReplace } from './surrogatepass.js';

/** Python's IndexError (`pop from empty list` from _url_collapse_path). */
export class PyIndexError extends NetkitError {
  override name = 'IndexError';
  constructor(message: string, code = 'ERR_INDEX') {
    super(message, { code, python: 'IndexError' });
  }
}

const PY_SPACE = new Set(SPACES);

/** str.rstrip() with no argument. */
function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && PY_SPACE.has(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** posixpath.normpath. */
export function normpath(path: string): string {
  if (!path) return '.';
  let initial = path.startsWith('/') ? 1 : 0;
  if (initial && path.startsWith('//') && !path.startsWith('///')) initial = 2;
  const comps: string[] = [];
  for (const comp of path.split('/')) {
    if (comp === '' || comp === '.') continue;
    if (comp !== '..' || (!initial && comps.length === 0) || (comps.length > 0 && comps[comps.length - 1] === '..')) comps.push(comp);
    else if (comps.length > 0) comps.pop();
  }
  const out = '/'.repeat(initial) + comps.join('/');
  return out || '.';
}

/** posixpath.join(a, b) for two parts. */
function join(a: string, b: string): string {
  if (b.startsWith('/')) return b;
  if (!a || a.endsWith('/')) return a + b;
  return a + '/' + b;
}

/** SimpleHTTPRequestHandler.translate_path(urlPath) with self.directory = `directory` (Linux). */
export function translatePath(urlPath: string, directory: string): string {
  let path = urlPath.split('?', 1)[0]!.split('#', 1)[0]!;
  const trailingSlash = pyRstrip(path).endsWith('/');
  path = normpath(unquoteSurrogatepassOrReplace(path));
  let out = directory;
  for (const word of path.split('/')) {
    if (!word || word === '.' || word === '..') continue; // filter(None), os.curdir, os.pardir (a word holds no os.sep)
    out = join(out, word);
  }
  return trailingSlash ? out + '/' : out;
}

/** _url_collapse_path(path): '/'-rooted, '.' and '..' collapsed, query kept; PyIndexError for '..' above the root. */
export function urlCollapsePath(path: string): string {
  const q = path.indexOf('?');
  const query = q >= 0 ? path.slice(q + 1) : '';
  const parts = unquote(q >= 0 ? path.slice(0, q) : path).split('/');
  const head: string[] = [];
  const pop = (): void => {
    if (head.length === 0) throw new PyIndexError('pop from empty list');
    head.pop();
  };
  for (const part of parts.slice(0, -1)) {
    if (part === '..') pop();
    else if (part && part !== '.') head.push(part);
  }
  let tail = parts.pop()!;
  if (tail === '..') {
    pop();
    tail = '';
  } else if (tail === '.') tail = '';
  if (query) tail = tail + '?' + query;
  return '/' + head.join('/') + '/' + tail;
}
