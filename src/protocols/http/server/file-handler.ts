// SimpleHTTPRequestHandler's do_GET/do_HEAD (CPython 3.11 send_head) on netkit's engine:
// the 301 that adds "/" to a directory, index.html/index.htm, the listing, Content-type,
// trailing "/" on a file → 404; files themselves are sent by file-sender.ts (Content-type,
// Last-Modified, If-Modified-Since → 304, and in HTTP/1.1 mode ETag, ranges and gzip).
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { listDirectoryJson, wantsJson } from './json-listing.js';
import { urlsplit, urlunsplit } from '../../url/split.js';
import { decodeBytes } from '../../url/index.js';
import type { Exchange } from './exchange.js';
import { listDirectoryHtml, type ListingEntry } from './simple/listing.js';
import { makeFileSender } from './file-sender.js';
import { translatePath } from './simple/paths.js';

export interface FileHandlerOptions {
  /** The served directory (absolute). */
  root: string;
  /** False: a directory without an index page is 404 instead of a listing. */
  listing: boolean;
  /** False: any path component starting with "." is 404 and hidden from listings. */
  dotfiles: boolean;
  /** ETag, ranges, preconditions (HTTP/1.1 mode); false: Python's exact responses. */
  extras?: boolean;
  /** gzip for clients that accept it (with extras). */
  gzip?: boolean;
  /** Unknown paths (nothing there) serve the root's index.html with 200 (single-page apps). */
  spa?: boolean;
  /** Follow symbolic links that lead outside the root (Python does); false: such paths are 404. */
  followSymlinks?: boolean;
}

/** The methods SimpleHTTPRequestHandler has (do_GET, do_HEAD). */
export const FILE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

export function makeFileHandler(options: FileHandlerOptions): (x: Exchange) => void {
  const root = options.root;
  let realRoot = root;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    // the root is checked by the caller
  }
  const realPrefix = realRoot.endsWith('/') ? realRoot : realRoot + '/';
  /** True when `path`, symbolic links resolved, is outside the root (a missing path is not). */
  const escapes = (path: string): boolean => {
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch {
      return false;
    }
    return real !== realRoot && !real.startsWith(realPrefix);
  };
  // Files are checked by the sender on a cache miss only: a hit is the same (dev, ino, size,
  // mtime) as a file that passed, so a re-pointed link misses and is checked again.
  const sendFile = makeFileSender({ extras: options.extras ?? false, gzip: options.gzip ?? false, refuse: options.followSymlinks ? undefined : escapes });

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

  function listJson(x: Exchange, path: string): void {
    let body: Buffer;
    try {
      body = listDirectoryJson(urlsplit(x.path).path, path, options.dotfiles);
    } catch {
      x.error(404, 'No permission to list directory');
      return;
    }
    x.respond(200, undefined, `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\n`, body);
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
    if (!st && options.spa) {
      const index = root.endsWith('/') ? root + 'index.html' : root + '/index.html';
      const s = statOf(index);
      if (s?.isFile()) {
        sendFile(x, index, s);
        return;
      }
    }
    if (st?.isDirectory()) {
      if (!options.followSymlinks && escapes(path)) {
        x.error(404, 'File not found');
        return;
      }
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
        if (options.listing && wantsJson(x.headers?.get('accept'))) listJson(x, path);
        else if (options.listing) listDirectory(x, path);
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
