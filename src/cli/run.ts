// Wires the real process to main(): argv, streams, environment, Ctrl-C and the exit code.
// The one place that touches `process` for the CLI; bin/netkit and the single-file
// executable both start here.
import { main } from './main.js';

export { main };

export function runProcess(): void {
  process.once('SIGINT', () => process.exit(130));
  main(process.argv.slice(2), {
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
