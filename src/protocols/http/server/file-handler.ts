// SimpleHTTPRequestHandler's do_GET/do_HEAD (CPython 3.11 send_head) on netkit's engine:
// the 301 that adds "/" to a directory, index.html/index.htm, the listing, Content-type,
// Last-Modified, If-Modified-Since → 304, trailing "/" on a file → 404. Small files are kept
// in memory keyed by (inode, size, mtime) and checked with a stat on every request, so a
// changed file is never served stale.
import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { urlsplit, urlunsplit } from '../../url/split.js';
import { decodeBytes } from '../../url/index.js';
import type { Exchange } from './exchange.js';
import { listDirectoryHtml, type ListingEntry } from './simple/listing.js';
import { guessType } from './simple/mimetypes.js';
import { formatHttpDate, parseHttpDate } from './simple/http-date.js';
import { translatePath } from './simple/paths.js';

export interface FileHandlerOptions {
  /** The served directory (absolute). */
  root: string;
  /** False: a directory without an index page is 404 instead of a listing. */
  listing: boolean;
  /** False: any path component starting with "." is 404 and hidden from listings. */
  dotfiles: boolean;
}

/** Files up to this size are cached in memory. */
const CACHE_FILE_MAX = 256 * 1024;
const CACHE_TOTAL_MAX = 64 * 1024 * 1024;

interface Cached {
  ino: number;
  size: number;
  mtimeMs: number;
  body: Buffer;
  /** Content-type, Content-Length, Last-Modified lines. */
  lines: string;
}

/** The methods SimpleHTTPRequestHandler has (do_GET, do_HEAD). */
export const FILE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

export function makeFileHandler(options: FileHandlerOptions): (x: Exchange) => void {
  const cache = new Map<string, Cached>();
  let cached = 0;
  const root = options.root;

  const statOf = (path: string): Stats | undefined => {
    try {
      return statSync(path, { throwIfNoEntry: false });
    } catch {
      return undefined;
    }
  };

  const hidden = (path: string): boolean => {
    const rel = path.slice(root.length);
    return rel.includes('/.');
  };

  function notModified(x: Exchange, mtimeMs: number): boolean {
    const h = x.headers;
    if (!h || !h.has('if-modified-since') || h.has('if-none-match')) return false;
    const ims = parseHttpDate(h.get('if-modified-since')!);
    // Last modification with the microseconds removed, compared with the UTC instant.
    return ims !== undefined && Math.floor(mtimeMs / 1000) * 1000 <= ims;
  }

  function listDirectory(x: Exchange, path: string): void {
    let names: Buffer[];
    try {
      names = readdirSync(path, { encoding: 'buffer' });
    } catch {
      x.error(404, 'No permission to list directory');
      return;
    }
    const entries: ListingEntry[] = [];
    for (const raw of names) {
      const name = decodeBytes(raw, 'utf-8', 'surrogateescape');
      if (!options.dotfiles && name.startsWith('.')) continue;
      const full = Buffer.concat([Buffer.from(path.endsWith('/') ? path : path + '/'), raw]);
      let isLink = false;
      let isDir = false;
      try {
        isDir = statSync(full, { throwIfNoEntry: false })?.isDirectory() ?? false;
      } catch {
        // os.path.isdir is False for what it cannot stat.
      }
      try {
        isLink = lstatSync(full).isSymbolicLink();
      } catch {
        // os.path.islink is False too.
      }
      entries.push({ name, isDir, isLink });
    }
    const body = listDirectoryHtml(x.path, entries);
    x.respond(200, undefined, `Content-type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n`, body);
  }

  function sendFile(x: Exchange, path: string, st: Stats): void {
    const hit = cache.get(path);
    if (hit && hit.ino === st.ino && hit.size === st.size && hit.mtimeMs === st.mtimeMs) {
      if (notModified(x, hit.mtimeMs)) x.respond(304, undefined, '');
      else x.respond(200, undefined, hit.lines, hit.body);
      return;
    }
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      x.error(404, 'File not found');
      return;
    }
    let fs: Stats;
    try {
      fs = fstatSync(fd);
    } catch {
      closeSync(fd);
      x.error(404, 'File not found');
      return;
    }
    if (notModified(x, fs.mtimeMs)) {
      closeSync(fd);
      x.respond(304, undefined, '');
      return;
    }
    const lines = `Content-type: ${guessType(path)}\r\nContent-Length: ${fs.size}\r\nLast-Modified: ${formatHttpDate(fs.mtimeMs)}\r\n`;
    if (fs.size <= CACHE_FILE_MAX && fs.isFile()) {
      let body: Buffer;
      try {
        body = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      if (body.length === fs.size) {
        if (cached + body.length > CACHE_TOTAL_MAX) {
          cache.clear();
          cached = 0;
        }
        const old = cache.get(path);
        if (old) cached -= old.body.length;
        cache.set(path, { ino: fs.ino, size: fs.size, mtimeMs: fs.mtimeMs, body, lines });
        cached += body.length;
      }
      x.respond(200, undefined, lines, body);
      return;
    }
    x.respondFile(200, undefined, lines, fd, fs.size);
  }

  return function handle(x: Exchange): void {
    let path: string;
    try {
      path = translatePath(x.path, root);
    } catch {
      x.fail();
      return;
    }
    if (path.includes('\0') || (!options.dotfiles && hidden(path))) {
      x.error(404, 'File not found');
      return;
    }
    let st = statOf(path);
    if (st?.isDirectory()) {
      let parts;
      try {
        parts = urlsplit(x.path);
      } catch {
        x.fail();
        return;
      }
      if (!parts.path.endsWith('/')) {
        const location = urlunsplit([parts.scheme, parts.netloc, parts.path + '/', parts.query, parts.fragment]);
        x.respond(301, undefined, `Location: ${location}\r\nContent-Length: 0\r\n`);
        return;
      }
      let index: string | undefined;
      for (const name of ['index.html', 'index.htm']) {
        const candidate = path.endsWith('/') ? path + name : path + '/' + name;
        const s = statOf(candidate);
        if (s) {
          index = candidate;
          st = s;
          break;
        }
      }
      if (index === undefined) {
        if (options.listing) listDirectory(x, path);
        else x.error(404, 'File not found');
        return;
      }
      path = index;
    }
    if (path.endsWith('/') || !st || st.isDirectory()) {
      // Issue17324: a trailing "/" on a file is 404; so is what open() cannot read.
      x.error(404, 'File not found');
      return;
    }
    sendFile(x, path, st);
  };
}
