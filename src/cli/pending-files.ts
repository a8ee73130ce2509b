// Temporary files being written (writeAtomic's hidden names), removed when the process
// ends before they were renamed: Ctrl-C and SIGTERM exit at once (src/cli/run.ts), and a
// hidden half-download must not stay behind. -C's FILE.part is not one: it is kept.
import { unlinkSync } from 'node:fs';

const pending = new Set<string>();

/** Notes `path` as a temporary file in progress; the returned function forgets it. */
export function trackTemporary(path: string): () => void {
  pending.add(path);
  return () => {
    pending.delete(path);
  };
}

/** Removes every temporary file still in progress (synchronously: for a process 'exit' hook). */
export function removeTemporaries(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // already renamed or removed
    }
  }
  pending.clear();
}
