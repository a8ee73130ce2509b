// --port-file: the bound port written atomically (a temporary name, then rename), so a
// script that sees the file never reads it half-written.
import { renameSync, writeFileSync } from 'node:fs';

export function writePortFile(path: string, port: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${port}\n`);
  renameSync(tmp, path);
}
