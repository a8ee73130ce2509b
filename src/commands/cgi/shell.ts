// `cgi form --shell`: the fields as POSIX shell assignments for eval. Every value is in
// single quotes (a ' becomes '\''), so nothing in it is ever expanded or run. Names map to
// PREFIX + the name with each character outside [A-Za-z0-9_] replaced by "_"; names that
// map alike are one field. One value: PREFIX_name='v'. Repeated: PREFIX_name is the
// first, PREFIX_name_1 ... _N each one, PREFIX_name_COUNT=N. Uploads: the value is the
// saved file's path, plus _FILENAME, _SIZE and _TYPE. PREFIXCOUNT is the number of
// fields, PREFIXUPLOAD_DIR the upload directory. A variable two sources would set keeps
// the first (a warning says so). NUL cannot be held by a shell variable: an error.
import { NetkitError } from '../../protocols/core/errors.js';
import type { Uploads } from '../../protocols/cgi/index.js';
import type { FormField } from '../../protocols/cgi/index.js';

export function shellQuote(value: string): string {
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

export function shellName(name: string | null): string {
  return Array.from(name ?? '', (ch) => (/^[A-Za-z0-9_]$/.test(ch) ? ch : '_')).join('');
}

export interface ShellOutput {
  text: string;
  warnings: string[];
}

export function renderShell(fields: readonly FormField[], uploads: Uploads, prefix: string): ShellOutput {
  const vars = new Map<string, { value: string; source: string }>();
  const warnings: string[] = [];
  const set = (name: string, value: string, source: string): void => {
    if (value.includes('\0')) throw new NetkitError(`${source} holds a NUL character, which a shell variable cannot hold; use --json`, { code: 'ERR_CGI_NUL' });
    const prior = vars.get(name);
    if (prior) warnings.push(`${name} from ${source} is already set from ${prior.source}; kept the first`);
    else vars.set(name, { value, source });
  };
  const groups = new Map<string, FormField[]>();
  for (const f of fields) {
    const base = prefix + shellName(f.name);
    groups.set(base, [...(groups.get(base) ?? []), f]);
  }
  const assign = (v: string, f: FormField, source: string): void => {
    if (f.part) {
      const saved = uploads.saved.get(f.part);
      set(v, saved?.path ?? '', source);
      set(v + '_FILENAME', f.part.filename ?? '', source);
      set(v + '_SIZE', String(saved?.size ?? f.part.bytes?.length ?? 0), source);
      set(v + '_TYPE', f.part.type, source);
    } else set(v, f.value ?? '', source);
  };
  for (const [base, list] of groups) {
    const source = (f: FormField): string => `field ${JSON.stringify(f.name ?? '')}`;
    assign(base, list[0]!, source(list[0]!));
    if (list.length > 1) {
      set(base + '_COUNT', String(list.length), source(list[0]!));
      list.forEach((f, i) => assign(`${base}_${i + 1}`, f, source(f)));
    }
  }
  set(prefix + 'COUNT', String(fields.length), 'the field count');
  if (uploads.dir !== null) set(prefix + 'UPLOAD_DIR', uploads.dir, 'the upload directory');
  let text = '';
  for (const [name, { value }] of vars) text += `${name}=${shellQuote(value)}\n`;
  return { text, warnings };
}
