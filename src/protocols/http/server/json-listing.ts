// The directory listing as JSON, for a request whose Accept asks for application/json
// (and not text/html): {"path", "entries": [{name, type, size, mtime, symlink}]}, entries
// in the order of Python's HTML listing (case-insensitive by name). type is "file",
// "directory" or "other" for what the entry points to ("broken" for a dangling link);
// size in bytes (null for directories), mtime ISO 8601 UTC; symlink marks a link.
import { lstatSync, readdirSync, statSync, type Stats } from 'node:fs';
import { decodeBytes } from '../../url/index.js';

export interface JsonEntry {
  name: string;
  type: 'file' | 'directory' | 'other' | 'broken';
  size: number | null;
  mtime: string | null;
  symlink: boolean;
}

/** Whether the Accept field asks for JSON rather than HTML. */
export function wantsJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const a = accept.toLowerCase();
  return /(^|,)\s*application\/json\s*(;|,|$)/.test(a) && !a.includes('text/html');
}

/** The listing of `dir` (a directory path) shown at URL path `urlPath`; throws when unreadable. */
export function listDirectoryJson(urlPath: string, dir: string, dotfiles: boolean): Buffer {
  const names = readdirSync(dir, { encoding: 'buffer' });
  const entries: JsonEntry[] = [];
  for (const raw of names) {
    const name = decodeBytes(raw, 'utf-8', 'surrogateescape');
    if (!dotfiles && name.startsWith('.')) continue;
    const full = Buffer.concat([Buffer.from(dir.endsWith('/') ? dir : dir + '/'), raw]);
    let link = false;
    let st: Stats | undefined;
    try {
      link = lstatSync(full).isSymbolicLink();
      st = statSync(full, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    const type = !st ? 'broken' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
    // Lone surrogates (undecodable bytes) are escaped by JSON.stringify (\\udcXX).
    entries.push({ name, type, size: st && !st.isDirectory() ? st.size : null, mtime: st ? new Date(st.mtimeMs).toISOString() : null, symlink: link });
  }
  entries.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  return Buffer.from(JSON.stringify({ path: urlPath, entries }) + '\n', 'utf8');
}
