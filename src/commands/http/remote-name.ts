// -O's file name: Content-Disposition's (made safe: no directory, no leading dot) or else
// the last segment of the URL path, as curl -O -J names it.
import { basename } from 'node:path';
import { UsageError } from '../../cli/errors.js';
import { dispositionFilename } from '../../protocols/http/content-disposition.js';

export interface RemoteName {
  name: string;
  /** True when the server chose it (Content-Disposition): it never replaces a file. */
  fromHeader: boolean;
}

/**
 * A server's file name made safe to create in the current directory: the directory parts
 * dropped (after a / or a \, as curl does), leading dots stripped (no .bashrc, no ..), and
 * undefined when nothing usable is left or a control character is in it.
 */
export function safeFileName(raw: string): string | undefined {
  const name = raw.slice(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1).replace(/^\.+/, '');
  if (name.trim() === '' || /[\u0000-\u001f\u007f]/.test(name)) return undefined;
  return name;
}

/** The file -O writes: Content-Disposition's name when it is usable, else the URL path's last segment. */
export function remoteName(url: string, disposition: string | undefined): RemoteName {
  const offered = disposition === undefined ? undefined : dispositionFilename(disposition);
  const safe = offered === undefined ? undefined : safeFileName(offered);
  if (safe !== undefined) return { name: safe, fromHeader: true };
  const name = basename(new URL(url).pathname);
  if (!name || name === '/' || name === '.' || name === '..') throw new UsageError(`-O: ${url} has no file name; use -o FILE`);
  return { name, fromHeader: false };
}
