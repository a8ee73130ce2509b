// Runs one CGI script selected by select.ts with the environment from env.ts: the
// executable directly (argv[0] the script name, as run_cgi's execve), a .py through
// python3 -u; the request body on stdin; a timeout that kills the whole process group;
// caps on output, header block and stderr (a kept tail). mode 'python' is 3.11's
// behaviour (200 "Script output follows", then the script's bytes untouched);
// mode 'rfc3875' parses the response head (response.ts) and holds the start of the body
// so a script that fails early still gets a clean 500.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { NetkitError } from '../../../core/errors.js';
import { cgiArgs } from './env.js';
import { findHeadEnd, parseCgiHead } from './response.js';
import type { CgiScript } from './select.js';

export interface RunCgiOptions {
  /** 'rfc3875' (netkit's default) or 'python' (CPython 3.11 exactly). */
  mode?: 'rfc3875' | 'python';
  /** The request body (the Content-Length bytes the server read); none: stdin is at EOF. */
  stdin?: Uint8Array | AsyncIterable<Uint8Array>;
  /** Wall time from spawn to exit; the process group is killed after it. Default 30 s. */
  timeoutMs?: number;
  /** Everything the script writes on stdout, head included. Default 64 MiB. */
  maxOutputBytes?: number;
  /** The header block (rfc3875 mode). Default 64 KiB. */
  maxHeaderBytes?: number;
  /** How much of stderr is kept (the tail). Default 64 KiB. */
  maxStderrBytes?: number;
  /** rfc3875: body bytes held before the head is returned, so an early failure is still a 500. Default 64 KiB; 0 streams at once. */
  holdBytes?: number;
  /** The interpreter for .py/.pyw scripts; null executes them directly (their #! line), as 3.11 on POSIX. Default 'python3'. */
  pythonInterpreter?: string | null;
  /** The script's working directory. Default: the served root (where `python3 -m http.server` runs). */
  cwd?: string;
  uid?: number;
  gid?: number;
}

export type CgiFailureKind = 'spawn' | 'exit' | 'signal' | 'timeout' | 'output-cap' | 'malformed' | 'aborted';

export interface CgiFailure {
  kind: CgiFailureKind;
  message: string;
}

/** How the script ended. */
export interface CgiCompletion {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  elapsedMs: number;
  /** The last maxStderrBytes of stderr. */
  stderr: Buffer;
  stderrTruncated: boolean;
  outputBytes: number;
  /** Set when the script failed, also when the failure came after the head was returned. */
  failure: CgiFailure | undefined;
}

/** What the server sends. */
export interface CgiResult {
  status: number;
  reason: string;
  /** The script's fields (rfc3875; without Status and hop-by-hop fields); [] in python mode. */
  headers: Array<[string, string]>;
  /** python mode: after the status line, Server and Date, write the body as it is — it holds the script's own header block. No framing: close the connection after it. */
  raw: boolean;
  /** Empty when `failure` is set. Throws CgiTruncatedError when the output was cut (timeout, cap, abort). */
  body: AsyncIterable<Buffer>;
  /** The body's length when it was held whole (the server may send Content-Length). */
  bodyLength: number | undefined;
  /** Known before anything was sent: answer 500 (see report.ts); the process has ended. */
  failure: CgiFailure | undefined;
  completion: Promise<CgiCompletion>;
  /** Kills the process group (the client went away); the body then throws. */
  abort(): void;
}

/** The body stopped early: the server must close the connection instead of ending the message. */
export class CgiTruncatedError extends NetkitError {
  override name = 'CgiTruncatedError';
  constructor(readonly failure: CgiFailure) {
    super(failure.message, { code: 'ERR_CGI_TRUNCATED' });
  }
}

export const CGI_DEFAULTS = {
  timeoutMs: 30_000,
  maxOutputBytes: 64 * 1024 * 1024,
  maxHeaderBytes: 64 * 1024,
  maxStderrBytes: 64 * 1024,
  holdBytes: 64 * 1024,
  pythonInterpreter: 'python3',
} as const;

/** The program, its arguments and argv[0] for a script. */
export function cgiCommand(script: CgiScript, pythonInterpreter: string | null = CGI_DEFAULTS.pythonInterpreter): { file: string; args: string[]; argv0: string } {
  if (script.isPython && pythonInterpreter) return { file: pythonInterpreter, args: ['-u', script.realFile, ...cgiArgs(script)], argv0: pythonInterpreter };
  return { file: script.realFile, args: cgiArgs(script), argv0: script.script };
}

/** One running script: its process, timers, caps and stderr tail. */
class CgiProcess {
  readonly started = Date.now();
  failure: CgiFailure | undefined;
  outputBytes = 0;
  private stderrChunks: Buffer[] = [];
  private stderrBytes = 0;
  private stderrTruncated = false;
  private timer: NodeJS.Timeout;
  readonly closed: Promise<CgiCompletion>;
  readonly stdout: AsyncIterator<Buffer>;

  constructor(
    readonly child: ChildProcessWithoutNullStreams,
    private readonly opts: Required<Omit<RunCgiOptions, 'stdin' | 'cwd' | 'uid' | 'gid' | 'pythonInterpreter'>>,
  ) {
    this.timer = setTimeout(() => this.fail({ kind: 'timeout', message: `CGI script timed out after ${opts.timeoutMs} ms` }), opts.timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    child.on('error', () => {}); // after 'spawn' nothing here can fail usefully; never crash the server
    child.stdout.on('error', () => {});
    this.stdout = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    this.closed = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        clearTimeout(this.timer);
        if (!this.failure && signal) this.failure = { kind: 'signal', message: `CGI script killed by signal ${signal}` };
        else if (!this.failure && code) this.failure = { kind: 'exit', message: `CGI script exit code ${code}` };
        resolve({
          exitCode: code,
          signal,
          elapsedMs: Date.now() - this.started,
          stderr: Buffer.concat(this.stderrChunks),
          stderrTruncated: this.stderrTruncated,
          outputBytes: this.outputBytes,
          failure: this.failure,
        });
      });
    });
  }

  private keepStderr(chunk: Buffer): void {
    const max = this.opts.maxStderrBytes;
    this.stderrChunks.push(chunk);
    this.stderrBytes += chunk.length;
    while (this.stderrBytes > max && this.stderrChunks.length > 0) {
      const first = this.stderrChunks[0]!;
      const excess = this.stderrBytes - max;
      this.stderrTruncated = true;
      if (first.length <= excess) {
        this.stderrChunks.shift();
        this.stderrBytes -= first.length;
      } else {
        this.stderrChunks[0] = first.subarray(excess);
        this.stderrBytes -= excess;
      }
    }
  }

  /** Records the first failure and kills the process group. */
  fail(failure: CgiFailure): void {
    this.failure ??= failure;
    this.kill();
    // Unread output would keep stdout (and so 'close') pending: discard it.
    this.child.stdout.destroy();
  }

  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) {
      // the leader is gone; members of its group may remain
      if (pid !== undefined) tryKill(-pid);
      return;
    }
    tryKill(-pid);
  }

  /** The next stdout chunk, counted against the output cap; undefined at EOF. */
  async read(): Promise<Buffer | undefined> {
    let r: IteratorResult<Buffer>;
    try {
      r = await this.stdout.next();
    } catch {
      return undefined; // destroyed by fail()
    }
    if (r.done) return undefined;
    this.outputBytes += r.value.length;
    if (this.outputBytes > this.opts.maxOutputBytes) {
      this.fail({ kind: 'output-cap', message: `CGI script output over ${this.opts.maxOutputBytes} bytes` });
      return undefined;
    }
    return r.value;
  }

  /** The body after `held`: the rest of stdout, then a throw if the output was cut. */
  async *body(held: Buffer[]): AsyncGenerator<Buffer> {
    let finished = false;
    try {
      for (const chunk of held) if (chunk.length > 0) yield chunk;
      for (;;) {
        const chunk = await this.read();
        if (!chunk) break;
        yield chunk;
      }
      finished = true;
    } finally {
      // The consumer stopped early (break, throw): nobody will read the rest.
      if (!finished) this.fail({ kind: 'aborted', message: 'CGI script aborted: its output was not read to the end' });
    }
    await this.closed;
    const f = this.failure;
    if (f && (f.kind === 'timeout' || f.kind === 'output-cap' || f.kind === 'aborted')) throw new CgiTruncatedError(f);
  }
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // ESRCH: already gone
  }
}

async function* empty(): AsyncGenerator<Buffer> {}

/** Feeds the request body to the script; a script that does not read it is fine (EPIPE ignored). */
async function pumpStdin(child: ChildProcessWithoutNullStreams, stdin: RunCgiOptions['stdin']): Promise<void> {
  const sink = child.stdin;
  sink.on('error', () => {});
  if (stdin === undefined) return void sink.end();
  if (stdin instanceof Uint8Array) return void sink.end(stdin);
  try {
    for await (const chunk of stdin) {
      if (sink.destroyed) break;
      if (!sink.write(chunk)) await new Promise<void>((resolve) => {
        sink.once('drain', resolve);
        sink.once('close', resolve);
      });
    }
  } finally {
    sink.end();
  }
}

/** Spawns `script` with `env` and returns the response to send (or the failure to answer 500 for). */
export async function runCgi(script: CgiScript, env: Record<string, string>, options: RunCgiOptions = {}): Promise<CgiResult> {
  const opts = {
    mode: options.mode ?? 'rfc3875',
    timeoutMs: options.timeoutMs ?? CGI_DEFAULTS.timeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? CGI_DEFAULTS.maxOutputBytes,
    maxHeaderBytes: options.maxHeaderBytes ?? CGI_DEFAULTS.maxHeaderBytes,
    maxStderrBytes: options.maxStderrBytes ?? CGI_DEFAULTS.maxStderrBytes,
    holdBytes: options.holdBytes ?? CGI_DEFAULTS.holdBytes,
  };
  const cmd = cgiCommand(script, options.pythonInterpreter === undefined ? CGI_DEFAULTS.pythonInterpreter : options.pythonInterpreter);
  const started = Date.now();
  const child = spawn(cmd.file, cmd.args, {
    argv0: cmd.argv0,
    env,
    cwd: options.cwd ?? script.root,
    detached: true, // its own process group, killed as a whole
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const spawned = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (err) => resolve(err));
  });
  if (spawned) {
    const failure: CgiFailure = { kind: 'spawn', message: `cannot run the CGI script: ${spawned.message}` };
    const completion: CgiCompletion = { exitCode: null, signal: null, elapsedMs: Date.now() - started, stderr: Buffer.alloc(0), stderrTruncated: false, outputBytes: 0, failure };
    return { status: 500, reason: 'Internal Server Error', headers: [], raw: false, body: empty(), bodyLength: 0, failure, completion: Promise.resolve(completion), abort: () => {} };
  }
  const proc = new CgiProcess(child, opts);
  void pumpStdin(child, options.stdin).catch(() => {});
  const abort = (): void => proc.fail({ kind: 'aborted', message: 'CGI script aborted: the client went away' });

  if (opts.mode === 'python') {
    return { status: 200, reason: 'Script output follows', headers: [], raw: true, body: proc.body([]), bodyLength: undefined, failure: undefined, completion: proc.closed, abort };
  }

  // rfc3875: read up to the blank line, then hold up to holdBytes of body.
  let buf: Buffer = Buffer.alloc(0);
  let headEnd = -1;
  let eof = false;
  while (headEnd < 0) {
    const chunk = await proc.read();
    if (!chunk) {
      eof = true;
      break;
    }
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    headEnd = findHeadEnd(buf);
    if (headEnd < 0 && buf.length > opts.maxHeaderBytes) proc.fail({ kind: 'malformed', message: `CGI script header block over ${opts.maxHeaderBytes} bytes` });
    if (headEnd > opts.maxHeaderBytes) proc.fail({ kind: 'malformed', message: `CGI script header block over ${opts.maxHeaderBytes} bytes` });
    if (proc.failure) break;
  }
  const held: Buffer[] = headEnd >= 0 ? [buf.subarray(headEnd)] : [];
  let heldBytes = held[0]?.length ?? 0;
  const parsed = headEnd >= 0 && !proc.failure ? parseCgiHead(buf.subarray(0, headEnd)) : undefined;
  if (parsed && 'error' in parsed) proc.fail({ kind: 'malformed', message: parsed.error });
  while (!eof && !proc.failure && headEnd >= 0 && heldBytes < opts.holdBytes) {
    const chunk = await proc.read();
    if (!chunk) eof = true;
    else {
      held.push(chunk);
      heldBytes += chunk.length;
    }
  }
  if (eof || proc.failure) {
    if (!eof) proc.kill();
    const done = await proc.closed;
    let failure = done.failure;
    if (!failure && headEnd < 0) failure = { kind: 'malformed', message: buf.length === 0 ? 'CGI script produced no output' : 'end of CGI script output before the blank line that ends its headers' };
    if (!failure && parsed && !('error' in parsed) && !parsed.hasContentType && heldBytes > 0) failure = { kind: 'malformed', message: 'CGI script sent a body without Content-Type' };
    if (failure || !parsed || 'error' in parsed) {
      const f = failure ?? { kind: 'malformed' as const, message: 'malformed CGI response' };
      return { status: 500, reason: 'Internal Server Error', headers: [], raw: false, body: empty(), bodyLength: 0, failure: f, completion: Promise.resolve({ ...done, failure: f }), abort };
    }
    return { status: parsed.status, reason: parsed.reason, headers: parsed.headers, raw: false, body: proc.body(held), bodyLength: heldBytes, failure: undefined, completion: proc.closed, abort };
  }
  // Still running with more than holdBytes of body: stream the rest.
  const head = parsed as Exclude<typeof parsed, undefined | { error: string }>;
  if (!head.hasContentType && heldBytes > 0) {
    proc.fail({ kind: 'malformed', message: 'CGI script sent a body without Content-Type' });
    const done = await proc.closed;
    return { status: 500, reason: 'Internal Server Error', headers: [], raw: false, body: empty(), bodyLength: 0, failure: done.failure, completion: Promise.resolve(done), abort };
  }
  return { status: head.status, reason: head.reason, headers: head.headers, raw: false, body: proc.body(held), bodyLength: undefined, failure: undefined, completion: proc.closed, abort };
}
