// The batch helper for pure commands: operands from arguments, or one per line from stdin
// when none are given, streamed with backpressure. A bad item yields an error record and
// processing goes on; the command exits 1 at the end if any item failed.
import type { Context } from './context.js';
import type { Render } from './output.js';
import { UsageError } from './errors.js';
import { NetkitError } from '../protocols/core/errors.js';

/** Longest stdin line accepted, in bytes; longer lines become error records, memory stays flat. */
export const MAX_LINE = 1 << 20;

export interface BatchOptions<T> {
  /** What one operand is called, for the usage error on an empty interactive stdin. */
  operand: string;
  /** Handles one operand; throws for a bad one. */
  handle: (input: string) => T;
  render: Render<T>;
  /** The JSON text of a result, when not JSON.stringify(result). */
  serialize?: (value: T) => string;
}

export interface BatchSummary {
  done: number;
  failed: number;
}

/**
 * Reads one stdin line as raw bytes and returns true if it took it (no string is made for
 * it); false hands the line, decoded, to `visit`. For bulk verbs' hot paths.
 */
export type QuickLine = (bytes: Uint8Array, start: number, end: number) => boolean;

/**
 * Calls `visit` on every operand: the arguments, or else each non-empty stdin line. An
 * operand that throws a NetkitError (not a usage error) becomes an error record and the
 * walk goes on. Stops early when stdout's reader has gone. Returns counts.
 */
export async function eachOperand(ctx: Context, operands: readonly string[], operand: string, visit: (input: string) => void, quick?: QuickLine): Promise<BatchSummary> {
  const summary: BatchSummary = { done: 0, failed: 0 };
  const out = ctx.out;
  const one = (input: string): void => {
    try {
      visit(input);
      summary.done++;
    } catch (err) {
      if (!(err instanceof NetkitError) || err.kind === 'usage') throw err;
      out.recordError(input, err);
      summary.failed++;
    }
  };
  if (operands.length > 0) {
    for (const input of operands) {
      if (out.stdout.closed) break;
      one(input);
      if (out.stdout.full) await out.stdout.drain();
    }
    return summary;
  }
  if (ctx.io.stdin.isTTY) {
    throw new UsageError(`no ${operand} given: pass it as an argument or one per line on standard input`);
  }
  const splitter = new LineSplitter(
    (bytes, start, end) => {
      if (start === end || out.stdout.closed) return;
      if (quick?.(bytes, start, end)) summary.done++;
      else one(decode(bytes, start, end));
    },
    () => {
      out.recordError('', new NetkitError(`line too long (over ${MAX_LINE} bytes)`, { code: 'ERR_LINE_TOO_LONG' }));
      summary.failed++;
    },
  );
  for await (const chunk of ctx.io.stdin) {
    splitter.push(chunk as Buffer | string);
    if (out.stdout.closed) return summary;
    if (out.stdout.full) await out.stdout.drain();
  }
  splitter.end();
  return summary;
}

const UTF8 = new TextDecoder();

/** UTF-8 text of a byte range (invalid sequences become U+FFFD). */
function decode(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.isBuffer(bytes) ? bytes.toString('utf8', start, end) : UTF8.decode(bytes.subarray(start, end));
}

/**
 * Cuts a byte stream into lines ("\n" or "\r\n" ends one; a last line needs no end).
 * Lines are handed over as a range of a buffer; a line over MAX_LINE bytes is reported
 * once through `tooLong` and skipped, so memory stays flat whatever the input.
 */
export class LineSplitter {
  private rest: Uint8Array | undefined;
  private skipping = false;

  constructor(
    private readonly line: (bytes: Uint8Array, start: number, end: number) => void,
    private readonly tooLong: () => void,
  ) {}

  push(chunk: Uint8Array | string): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.rest) {
      buf = Buffer.concat([this.rest, buf]);
      this.rest = undefined;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      if (this.skipping) this.skipping = false;
      else if (nl - start > MAX_LINE) this.tooLong();
      else this.line(buf, start, nl > start && buf[nl - 1] === 13 ? nl - 1 : nl);
      start = nl + 1;
    }
    if (start === buf.length || this.skipping) return;
    if (buf.length - start > MAX_LINE) {
      this.tooLong();
      this.skipping = true;
    } else {
      this.rest = buf.subarray(start);
    }
  }

  /** The last line, if the input did not end with a newline. */
  end(): void {
    const rest = this.rest;
    this.rest = undefined;
    if (rest && !this.skipping) this.line(rest, 0, rest.length > 0 && rest[rest.length - 1] === 13 ? rest.length - 1 : rest.length);
  }
}

/** Writes one record per operand (`handle`'s result); returns counts. */
export function runBatch<T>(ctx: Context, operands: readonly string[], opts: BatchOptions<T>): Promise<BatchSummary> {
  return eachOperand(ctx, operands, opts.operand, (input) => ctx.out.record(opts.handle(input), opts.render, opts.serialize));
}

/**
 * The lines of a stream as strings, yielded a chunk's worth at a time (one await per
 * chunk, not per line); a line over MAX_LINE bytes is yielded as null, once.
 */
export async function* readLines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<Array<string | null>> {
  let lines: Array<string | null> = [];
  const splitter = new LineSplitter(
    (bytes, start, end) => lines.push(decode(bytes, start, end)),
    () => lines.push(null),
  );
  for await (const chunk of stream) {
    splitter.push(chunk);
    if (lines.length > 0) yield lines;
    lines = [];
  }
  splitter.end();
  if (lines.length > 0) yield lines;
}
