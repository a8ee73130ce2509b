// Runs a controller's steps (controllers.ts) and reads each outcome as webbrowser does.
// The Runner that starts processes is injectable; the default one spawns the command found
// by shutil.which's rules, with Python's argv[0], and never waits on a background browser.
import { spawn, type StdioOptions } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { osErrorText, pyErrno } from '../core/os-error.js';
import type { Step } from './controllers.js';
import { BrowserOSError } from './errors.js';
import { which, type WhichEnv } from './which.js';

export type StepOutcome =
  | { kind: 'spawn-error'; error: NodeJS.ErrnoException }
  | { kind: 'running' }
  | { kind: 'exited'; code: number | null }
  | { kind: 'timeout' };

export type Runner = (step: Step) => Promise<StepOutcome>;

/** UnixBrowser's p.wait(5) on a remote invocation. */
export const REMOTE_WAIT_MS = 5000;

export interface StepRecord {
  argv: string[];
  outcome: StepOutcome;
}

/** True when the browser opened the URL; throws the OSError Python lets escape from a UnixBrowser. */
export async function runSteps(steps: readonly Step[], run: Runner, record: StepRecord[] = []): Promise<boolean> {
  for (const step of steps) {
    const outcome = await run(step);
    record.push({ argv: step.argv, outcome });
    if (outcome.kind === 'spawn-error') {
      if (step.onSpawnError === 'raise') {
        const known = pyErrno(outcome.error.code);
        throw new BrowserOSError(osErrorText(outcome.error, step.argv[0]), known?.type ?? 'OSError');
      }
      if (step.onSpawnError === 'next') continue;
      return false;
    }
    const ok =
      outcome.kind === 'running' ||
      outcome.kind === 'timeout' ||
      (outcome.kind === 'exited' && (step.wait === 'exit' || outcome.code === 0));
    if (ok) return true;
    if (step.onFailure === 'stop') return false;
  }
  return false;
}

export interface RunnerStreams {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

function fdOf(stream: unknown): number | undefined {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

function enoent(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT', errno: -2, path: file });
}

/**
 * The default Runner: "inherit" hands the child netkit's own descriptors, or pipes its
 * output into the streams netkit was given when they have none (tests); background
 * children get no pipes, are unreferenced, and outlive netkit as Python's do.
 */
export function processRunner(w: WhichEnv, streams: RunnerStreams): Runner {
  return (step) =>
    new Promise<StepOutcome>((done) => {
      const found = which(step.argv[0]!, w);
      if (found === undefined) return done({ kind: 'spawn-error', error: enoent(step.argv[0]!) });
      const file = isAbsolute(found) ? found : resolve(w.cwd, found);
      const waits = step.wait !== 'running';
      const io = [streams.stdin, streams.stdout, streams.stderr];
      const stdio: StdioOptions = step.stdio.map((mode, i) => {
        if (i === 0 && step.input !== undefined) return 'pipe';
        if (mode === 'ignore') return 'ignore';
        const fd = fdOf(io[i]);
        if (fd !== undefined) return fd;
        return waits && i > 0 ? 'pipe' : 'ignore';
      });
      const child = spawn(file, step.argv.slice(1), { argv0: step.argv[0]!, cwd: w.cwd, env: w.env as NodeJS.ProcessEnv, detached: step.detached, stdio, windowsHide: false });
      let settled = false;
      const finish = (outcome: StepOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        done(outcome);
      };
      let timer: NodeJS.Timeout | undefined;
      child.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'spawn-error', error }));
      child.stdout?.pipe(streams.stdout, { end: false });
      child.stderr?.pipe(streams.stderr, { end: false });
      if (step.input !== undefined && child.stdin) {
        child.stdin.on('error', () => {});
        child.stdin.end(step.input);
      }
      child.on('spawn', () => {
        if (step.wait === 'running') {
          child.unref();
          finish({ kind: 'running' });
        } else if (step.wait === 'remote') {
          timer = setTimeout(() => {
            child.unref();
            finish({ kind: 'timeout' });
          }, REMOTE_WAIT_MS);
        }
      });
      child.on('close', (code) => finish({ kind: 'exited', code }));
    });
}
