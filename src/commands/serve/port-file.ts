// --port-file: the bound port written atomically (a temporary name, then rename), so a
// script that sees the file never reads it half-written; /dev/stdout or a FIFO is written
// in place (cli/write-target.ts).
import { writeSmallFileSync } from '../../cli/write-target.js';

export function writePortFile(path: string, port: number): void {
  writeSmallFileSync(path, `${port}\n`);
}
