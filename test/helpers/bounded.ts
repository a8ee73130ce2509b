// Every wait in the tests is bounded: bounded(p, what) rejects "timed out waiting for
// <what>" after `ms` (WAIT_MS by default) instead of letting a test hang.

export const WAIT_MS = 10_000;

export function bounded<T>(p: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}
