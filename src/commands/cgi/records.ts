// `cgi form`'s JSON records and human lines for the fields of a request.
import type { FormField, Uploads } from '../../protocols/cgi/index.js';

export interface FileInfo {
  filename: string | null;
  path: string | null;
  size: number;
  type: string;
  headers: Array<[string, string]>;
}

export interface FieldRecord {
  name: string | null;
  value?: string;
  file?: FileInfo;
}

export function fieldRecords(fields: readonly FormField[], uploads: Uploads): FieldRecord[] {
  return fields.map((f) => {
    if (!f.part) return { name: f.name, value: f.value ?? '' };
    const saved = uploads.saved.get(f.part);
    return {
      name: f.name,
      file: { filename: f.part.filename, path: saved?.path ?? null, size: saved?.size ?? f.part.bytes?.length ?? 0, type: f.part.type, headers: f.part.headers },
    };
  });
}

/** `name=value`; an upload as `name=@PATH (filename "x.txt", 1234 bytes, text/plain)`. */
export function renderFields(records: readonly FieldRecord[]): string {
  let out = '';
  for (const r of records) {
    const name = r.name ?? '';
    if (r.file) {
      const f = r.file;
      out += `${name}=@${f.path ?? '(discarded)'} (filename ${JSON.stringify(f.filename ?? '')}, ${f.size} bytes, ${f.type})\n`;
    } else out += `${name}=${r.value}\n`;
  }
  return out;
}
