// The batch helper for pure commands: operands from arguments, or one per line from stdin
// when none are given, streamed with backpressure. A bad item yields an error record and
// processing goes on; the command exits 1 at the end if any item failed.
import type { Context } from './context.js';
import type { Render } from './output.js';
import { UsageError } from './errors.js';
import { NetkitError } from '../protocols/core/errors.js';

/** Longest stdin line accepted; longer lines become error records, memory stays flat. */
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
 * Calls `visit` on every operand: the arguments, or else each non-empty stdin line. An
 * operand that throws a NetkitError (not a usage error) becomes an error record and the
 * walk goes on. Stops early when stdout's reader has gone. Returns counts.
 */
export async function eachOperand(ctx: Context, operands: readonly string[], operand: string, visit: (input: string) => void): Promise<BatchSummary> {
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
  for await (const lines of readLines(ctx.io.stdin)) {
    for (const line of lines) {
      if (out.stdout.closed) return summary;
      if (line === null) {
        out.recordError('', new NetkitError(`line too long (over ${MAX_LINE} characters)`, { code: 'ERR_LINE_TOO_LONG' }));
        summary.failed++;
      } else if (line !== '') {
        one(line);
      }
    }
    if (out.stdout.full) await out.stdout.drain();
  }
  return summary;
}

/** Writes one record per operand (`handle`'s result); returns counts. */
export function runBatch<T>(ctx: Context, operands: readonly string[], opts: BatchOptions<T>): Promise<BatchSummary> {
  return eachOperand(ctx, operands, opts.operand, (input) => ctx.out.record(opts.handle(input), opts.render, opts.serialize));
}

/**
 * Splits a byte stream into UTF-8 lines without "\n" or "\r\n", yielding the lines of each
 * chunk together (one await per chunk, not per line). A line over MAX_LINE is yielded as
 * null once and the rest of it skipped, so memory stays flat.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string> & { setEncoding?: (e: BufferEncoding) => unknown }): AsyncGenerator<Array<string | null>> {
  stream.setEncoding?.('utf8');
  let rest = '';
  let skipping = false;
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const lines: Array<string | null> = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      if (skipping) skipping = false;
      else lines.push(nl - start > MAX_LINE ? null : trimCR(text.slice(start, nl)));
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      if (!skipping) lines.push(null);
      skipping = true;
      rest = '';
    }
    if (lines.length > 0) yield lines;
  }
  if (rest && !skipping) yield [trimCR(rest)];
}

function trimCR(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
