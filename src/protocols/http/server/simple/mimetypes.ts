// SimpleHTTPRequestHandler.guess_type of CPython 3.11: its extensions_map overrides (.gz .Z
// .bz2 .xz, exact case, then lowercased), then mimetypes.guess_type(path) (strict) — with
// Python's built-in tables only (mimetypes-table.ts), never /etc/mime.types — then
// application/octet-stream.
import { ENCODINGS_MAP, SUFFIX_MAP, TYPES_MAP } from './mimetypes-table.js';

const TYPES = new Map(TYPES_MAP);
const ENCODINGS = new Map(ENCODINGS_MAP);
const SUFFIXES = new Map(SUFFIX_MAP);

/** SimpleHTTPRequestHandler.extensions_map in 3.11. */
const HANDLER_MAP = new Map([
  ['.gz', 'application/gzip'],
  ['.Z', 'application/octet-stream'],
  ['.bz2', 'application/x-bzip2'],
  ['.xz', 'application/x-xz'],
]);

/** posixpath.splitext: [root, ext]; leading dots of the last component are not an extension. */
export function splitext(p: string): [string, string] {
  const sep = p.lastIndexOf('/');
  const dot = p.lastIndexOf('.');
  if (dot > sep) {
    for (let i = sep + 1; i < dot; i++) if (p[i] !== '.') return [p.slice(0, dot), p.slice(dot)];
  }
  return [p, ''];
}

/** mimetypes.guess_type(url, strict=True) over the built-in tables: [type, encoding]. */
export function mimetypesGuessType(url: string): [string | null, string | null] {
  // urllib.parse._splittype: '([^/:]+):(.*)' at the start, scheme lowercased
  const m = /^([^/:]+):([\s\S]*)$/.exec(url);
  if (m && m[1]!.toLowerCase() === 'data') {
    const rest = m[2]!;
    const comma = rest.indexOf(',');
    if (comma < 0) return [null, null];
    const semi = rest.slice(0, comma).indexOf(';');
    let type = semi >= 0 ? rest.slice(0, semi) : rest.slice(0, comma);
    if (type.includes('=') || !type.includes('/')) type = 'text/plain';
    return [type, null];
  }
  if (m) url = m[2]!;
  let [base, ext] = splitext(url);
  for (let s = SUFFIXES.get(ext.toLowerCase()); s !== undefined; s = SUFFIXES.get(ext.toLowerCase())) [base, ext] = splitext(base + s);
  let encoding: string | null = null;
  const enc = ENCODINGS.get(ext);
  if (enc !== undefined) {
    encoding = enc;
    [base, ext] = splitext(base);
  }
  return [TYPES.get(ext.toLowerCase()) ?? null, encoding];
}

/** SimpleHTTPRequestHandler.guess_type(path): the Content-type for a file path. */
export function guessType(path: string): string {
  let ext = splitext(path)[1];
  const exact = HANDLER_MAP.get(ext);
  if (exact !== undefined) return exact;
  ext = ext.toLowerCase();
  const lower = HANDLER_MAP.get(ext);
  if (lower !== undefined) return lower;
  return mimetypesGuessType(path)[0] || 'application/octet-stream';
}
