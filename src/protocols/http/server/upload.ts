// --upload: PUT a file to a path, or POST multipart/form-data files into a directory. Every
// file is written atomically (a temporary file in the same directory, then rename), never
// outside the root (translate_path, then the parent's real path must be inside the real
// root), never over a directory, never as a dotfile with --no-dotfiles. The body size cap
// is the engine's (--max-upload → 413 before the body is read). Multipart bodies are parsed
// with netkit's cgi.FieldStorage engine (src/protocols/cgi).
import { randomBytes } from 'node:crypto';
import { lstatSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseFieldStorage, type FieldPart, type FormItem } from '../../cgi/index.js';
import type { Exchange } from './exchange.js';
import { translatePath } from './simple/paths.js';

export interface UploadOptions {
  root: string;
  dotfiles: boolean;
}

type Outcome = { ok: true; created: boolean } | { ok: false; code: number; message: string };

function inside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith('/') ? realRoot : realRoot + '/');
}

export function makeUploader(options: UploadOptions): { put: (x: Exchange) => void; post: (x: Exchange) => boolean } {
  const realRoot = realpathSync.native(options.root);

  /** Writes `data` to `target` (a path under the root) atomically. */
  function store(target: string, data: Uint8Array): Outcome {
    const name = basename(target);
    if (!name || name === '.' || name === '..') return { ok: false, code: 400, message: 'Bad file name' };
    if (!options.dotfiles && name.startsWith('.')) return { ok: false, code: 403, message: 'Dotfiles are not accepted' };
    const dir = dirname(target);
    let realDir: string;
    try {
      realDir = realpathSync.native(dir);
    } catch {
      return { ok: false, code: 404, message: 'No such directory' };
    }
    if (!inside(realDir, realRoot)) return { ok: false, code: 403, message: 'Outside the served directory' };
    let created = true;
    try {
      const st = lstatSync(target);
      if (st.isDirectory()) return { ok: false, code: 409, message: 'Cannot overwrite a directory' };
      if (!st.isFile()) return { ok: false, code: 409, message: 'Cannot overwrite this file type' };
      created = false;
    } catch {
      // a new file
    }
    const tmp = join(realDir, `.netkit-upload-${randomBytes(8).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, data, { flag: 'wx', mode: 0o644 });
      renameSync(tmp, join(realDir, name));
    } catch {
      rmSync(tmp, { force: true });
      return { ok: false, code: 500, message: 'Cannot write the file' };
    }
    return { ok: true, created };
  }

  function put(x: Exchange): void {
    let target: string;
    try {
      target = translatePath(x.path, options.root);
    } catch {
      x.error(400, 'Bad path');
      return;
    }
    if (target.endsWith('/') || target.includes('\0')) {
      x.error(409, 'Cannot overwrite a directory');
      return;
    }
    if (!options.dotfiles && target.slice(options.root.length).includes('/.')) {
      x.error(403, 'Dotfiles are not accepted');
      return;
    }
    const r = store(target, x.body ?? new Uint8Array(0));
    if (!r.ok) x.error(r.code, r.message);
    else if (r.created) x.respond(201, undefined, `Location: ${x.path.split('?', 1)[0]}\r\nContent-Length: 0\r\n`);
    else x.respond(204, undefined, '');
  }

  function files(part: FieldPart, out: FieldPart[]): void {
    for (const item of part.list ?? ([] as FormItem[])) {
      if (item.kind !== 'part') continue;
      if (item.filename !== null && item.bytes) out.push(item);
      else if (item.list) files(item, out);
    }
  }

  /** A POST to a directory: returns false when the path is not a directory (the caller answers). */
  function post(x: Exchange): boolean {
    let dir: string;
    try {
      dir = translatePath(x.path, options.root);
    } catch {
      return false;
    }
    try {
      if (!lstatSync(realpathSync.native(dir)).isDirectory()) return false;
    } catch {
      return false;
    }
    const type = x.headers?.get('content-type') ?? '';
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      x.error(415, 'Unsupported Media Type', 'Uploads by POST must be multipart/form-data');
      return true;
    }
    const body = x.body ?? new Uint8Array(0);
    let form: FieldPart;
    try {
      form = parseFieldStorage({ REQUEST_METHOD: 'POST', CONTENT_TYPE: type, CONTENT_LENGTH: String(body.length) }, body, { maxNumFields: 1000 });
    } catch {
      x.error(400, 'Bad multipart body');
      return true;
    }
    const parts: FieldPart[] = [];
    files(form, parts);
    if (parts.length === 0) {
      x.error(400, 'No file in the form');
      return true;
    }
    const saved: string[] = [];
    for (const p of parts) {
      // The client's name, without any directory part (either separator).
      const name = p.filename!.split(/[\\/]/).pop() ?? '';
      const r: Outcome = name === '' || name === '.' || name === '..' ? { ok: false, code: 400, message: 'Bad file name' } : store(join(dir, name), p.bytes!);
      if (!r.ok) {
        x.error(r.code, r.message, `${saved.length} file(s) were saved before '${name}' failed`);
        return true;
      }
      saved.push(name);
    }
    const text = Buffer.from(JSON.stringify({ saved }) + '\n', 'utf8');
    x.respond(201, undefined, `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${text.length}\r\n`, text);
    return true;
  }

  return { put, post };
}
