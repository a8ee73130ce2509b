// Uploaded files saved for the caller: one fresh directory (mode 0700) per request, one
// file per upload (mode 0600) named file-1, file-2, ... — never after the client's
// filename, which is only recorded. Nothing is removed unless the caller calls
// removeUploads (a CGI script uses the files after netkit has exited).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldPart, FormItem } from './field-storage.js';

export interface SavedUpload {
  /** Where the content is; null when the caller asked for uploads to be discarded. */
  path: string | null;
  size: number;
}

export interface Uploads {
  /** The directory made for this request; null when there was no upload (or they were discarded). */
  dir: string | null;
  saved: Map<FieldPart, SavedUpload>;
}

function* fileParts(items: readonly FormItem[]): Generator<FieldPart> {
  for (const item of items) {
    if (item.kind !== 'part') continue;
    if (item.bytes !== null) yield item;
    if (item.list) yield* fileParts(item.list);
  }
}

/** Writes every upload of `form` into a new directory under `parent` (or only measures them, with discard). */
export function saveUploads(form: FieldPart, parent: string, opts: { discard?: boolean } = {}): Uploads {
  const uploads: Uploads = { dir: null, saved: new Map() };
  try {
    let n = 0;
    for (const part of fileParts([form])) {
      const size = part.bytes!.length;
      if (opts.discard) {
        uploads.saved.set(part, { path: null, size });
        continue;
      }
      if (uploads.dir === null) {
        uploads.dir = mkdtempSync(join(parent, 'netkit-cgi-'));
        chmodSync(uploads.dir, 0o700);
      }
      const path = join(uploads.dir, `file-${++n}`);
      writeFileSync(path, part.bytes!, { mode: 0o600, flag: 'wx' });
      uploads.saved.set(part, { path, size });
    }
  } catch (err) {
    removeUploads(uploads);
    throw err;
  }
  return uploads;
}

/** Deletes the request's upload directory and everything in it. */
export function removeUploads(uploads: Uploads): void {
  if (uploads.dir !== null) rmSync(uploads.dir, { recursive: true, force: true });
}
