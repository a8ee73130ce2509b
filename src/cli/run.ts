// Wires the real process to main(): argv, streams, environment, Ctrl-C and the exit code.
// The one place that touches `process` for the CLI; bin/netkit and the single-file
// executable both start here.
import { main } from './main.js';

export { main };

/** Handlers a command installed for a signal; none means the default. */
const taken = new Map<'SIGINT' | 'SIGTERM', Set<() => void>>();

function onSignal(signal: 'SIGINT' | 'SIGTERM', handler: () => void): () => void {
  let set = taken.get(signal);
  if (!set) {
    const handlers = new Set<() => void>();
    taken.set(signal, (set = handlers));
    // SIGTERM keeps Node's default (die) until someone takes it; then, with nobody left,
    // it exits as that default would (128 + 15).
    if (signal === 'SIGTERM') process.on('SIGTERM', () => (handlers.size > 0 ? handlers.forEach((h) => h()) : process.exit(143)));
  }
  set.add(handler);
  return () => {
    set.delete(handler);
  };
}

export function runProcess(): void {
  process.on('SIGINT', () => {
    const handlers = taken.get('SIGINT');
    if (handlers && handlers.size > 0) handlers.forEach((h) => h());
    else process.exit(130);
  });
  main(process.argv.slice(2), {
    onSignal,
    // process.stdin sets up a stream on first touch; most commands never read it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    directStdout: true,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
