// --auth USER:PASS (given once or more) and --auth-file FILE, as every `netkit serve ...`
// verb reads them: "user:password" entries, the file's blank and "#" lines skipped.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../cli/errors.js';
import { parseAuthLines } from '../../protocols/http/server/basic-auth.js';

/** The "user:password" entries of --auth and --auth-file, in that order; [] for neither. */
export function readAuthEntries(cwd: string, auth: readonly string[], authFile: string | undefined): string[] {
  const out: string[] = [];
  for (const entry of auth) {
    if (!entry.includes(':') || entry.startsWith(':')) throw new UsageError('--auth wants USER:PASSWORD');
    out.push(entry);
  }
  if (authFile !== undefined) {
    const path = resolve(cwd, authFile);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new UsageError(`--auth-file: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    const before = out.length;
    try {
      out.push(...parseAuthLines(text));
    } catch {
      throw new UsageError(`--auth-file: ${path}: expected user:password lines`);
    }
    if (out.length === before) throw new UsageError(`--auth-file: ${path} holds no user:password line`);
  }
  return out;
}
