// What every real-peer harness needs around its daemon: a free port, a bounded TCP connect
// to see that it listens, a bounded wait for its exit, and a stop() that sends TERM, then
// KILL, and never leaves the daemon behind when the test process dies first.
import type { ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';

/** A port that was free a moment ago: bind 127.0.0.1:0, read the port, close. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One bounded TCP connect to 127.0.0.1:port: true when it was accepted. */
export function tryConnect(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Resolves when `child` exits, or after `ms` (false then). */
export function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Ties `child` to this process (KILLed if the test process exits without stopping it) and
 * returns its stop(): TERM, a bounded wait, then KILL.
 */
export function supervise(child: ChildProcess, stopDeadlineMs: number): () => Promise<void> {
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, stopDeadlineMs))) {
        child.kill('SIGKILL');
        await waitExit(child, stopDeadlineMs);
      }
    }
    process.off('exit', killOnExit);
  };
}
