// A small mimetypes.guess_type (CPython 3.11): suffix_map, encodings_map, then the type
// of the extension (exact case first, then lower case). The table is Python's built-in
// types_map for common extensions plus what a Debian /etc/mime.types adds (CPython reads
// that file too, so Python's answers depend on the system; these are python3's here).
const SUFFIX_MAP: Record<string, string> = { '.svgz': '.svg.gz', '.tgz': '.tar.gz', '.taz': '.tar.gz', '.tz': '.tar.gz', '.tbz2': '.tar.bz2', '.txz': '.tar.xz' };
const ENCODINGS_MAP: Record<string, string> = { '.gz': 'gzip', '.Z': 'compress', '.bz2': 'bzip2', '.xz': 'xz', '.br': 'br' };
const TYPES_MAP: Record<string, string> = {
  '.txt': 'text/plain', '.text': 'text/plain', '.conf': 'text/plain', '.log': 'text/plain', '.html': 'text/html', '.htm': 'text/html',
  '.css': 'text/css', '.csv': 'text/csv', '.md': 'text/markdown', '.markdown': 'text/markdown', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.pdf': 'application/pdf', '.zip': 'application/zip', '.tar': 'application/x-tar',
  '.wasm': 'application/wasm', '.bin': 'application/octet-stream', '.exe': 'application/octet-stream', '.rtf': 'application/rtf',
  '.doc': 'application/msword', '.eml': 'message/rfc822', '.mht': 'message/rfc822', '.py': 'text/x-python', '.sh': 'application/x-sh',
  '.c': 'text/plain', '.h': 'text/plain', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.svg': 'image/svg+xml', '.webp': 'image/webp', '.ico': 'image/vnd.microsoft.icon', '.bmp': 'image/bmp', '.tif': 'image/tiff', '.tiff': 'image/tiff',
  '.mp3': 'audio/mpeg', '.wav': 'audio/x-wav', '.mp4': 'video/mp4', '.mpeg': 'video/mpeg', '.webm': 'video/webm', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.otf': 'font/otf', '.ttf': 'font/ttf',
};
/** What /etc/mime.types changes on a Debian-like system (python3 here reads it). */
const SYSTEM_TYPES: Record<string, string> = { '.sh': 'text/x-sh', '.c': 'text/x-csrc', '.h': 'text/x-chdr', '.ts': 'text/vnd.trolltech.linguist' };

function splitext(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return [path, ''];
  // A leading run of dots in the file name is not an extension.
  const name = path.slice(slash + 1, dot);
  if (/^\.*$/.test(name)) return [path, ''];
  return [path.slice(0, dot), path.slice(dot)];
}

/** mimetypes.guess_type(path) → [type, encoding], each undefined when unknown. */
export function guessType(path: string): [string | undefined, string | undefined] {
  let [base, ext] = splitext(path);
  while (SUFFIX_MAP[ext] !== undefined) [base, ext] = splitext(base + SUFFIX_MAP[ext]);
  let encoding: string | undefined;
  if (ENCODINGS_MAP[ext] !== undefined) {
    encoding = ENCODINGS_MAP[ext];
    [base, ext] = splitext(base);
  } else if (ENCODINGS_MAP[ext.toLowerCase()] !== undefined) {
    encoding = ENCODINGS_MAP[ext.toLowerCase()];
    [base, ext] = splitext(base);
  }
  const lookup = (e: string): string | undefined => SYSTEM_TYPES[e] ?? TYPES_MAP[e];
  return [lookup(ext) ?? lookup(ext.toLowerCase()), encoding];
}
