// Wires the real process to main(): argv, streams, environment, Ctrl-C and the exit code.
// The one place that touches `process` for the CLI; bin/netkit and the single-file
// executable both start here.
import { main } from './main.js';
import { removeTemporaries } from './pending-files.js';

export { main };

/** Handlers a command installed for a signal; none means the default. */
const taken = new Map<'SIGINT' | 'SIGTERM', Set<() => void>>([
  ['SIGINT', new Set()],
  ['SIGTERM', new Set()],
]);

function onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): () => void {
  const set = taken.get(signal)!;
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

/** A signal nobody took exits as the default would (128 + its number): 130, 143. */
function listen(signal: 'SIGINT' | 'SIGTERM', code: number): void {
  process.on(signal, () => {
    const handlers = taken.get(signal)!;
    if (handlers.size > 0) handlers.forEach((h) => h());
    else process.exit(code);
  });
}

export function runProcess(): void {
  listen('SIGINT', 130);
  listen('SIGTERM', 143);
  // However the process ends (Ctrl-C, SIGTERM, an exit mid-write), no hidden temporary
  // file of an unfinished download stays behind.
  process.on('exit', removeTemporaries);
  main(process.argv.slice(2), {
    onSignal,
    // process.stdin sets up a stream on first touch; most commands never read it.
    get stdin() {
      return process.stdin;
    },
    // Built on first touch too: a writer that finds a file behind fds never needs them.
    get stdout() {
      return process.stdout;
    },
    directStdout: true,
    get stderr() {
      return process.stderr;
    },
    fds: { stdout: 1, stderr: 2 },
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
