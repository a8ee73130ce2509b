// Dot-stuffing for the protocols that end a text block with a lone "." line (SMTP DATA,
// POP3 and NNTP multi-line replies). Sending: smtplib's _fix_eols + _quote_periods + the
// terminator. Receiving: lines until ".\r\n" with the leading dot removed, read with a cap
// on line length and total size that never loses sync with the peer.
import type { LineReader } from './line-reader.js';

const CR = 13;
const LF = 10;
const DOT = 46;
const CRLF_DOT_CRLF = Buffer.from('.\r\n');

/** smtplib._fix_eols: every bare "\r" or "\n" (and "\r\n") becomes "\r\n". */
export function fixEols(data: Buffer): Buffer {
  let bare = false;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === LF && data[i - 1] !== CR) bare = true;
    else if (c === CR && data[i + 1] !== LF) bare = true;
    if (bare) break;
  }
  if (!bare) return data;
  const out = Buffer.allocUnsafe(data.length * 2);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === CR) {
      if (data[i + 1] === LF) i++;
      out[n++] = CR;
      out[n++] = LF;
    } else if (c === LF) {
      out[n++] = CR;
      out[n++] = LF;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/**
 * What smtplib's data() sends after the 354: periods at line starts doubled
 * (`re.sub(br'(?m)^\.', b'..')`), a final CRLF when missing, then ".\r\n".
 */
export function dotStuff(message: Buffer): Buffer {
  let dots = message[0] === DOT ? 1 : 0;
  for (let i = message.indexOf(LF); i !== -1; i = message.indexOf(LF, i + 1)) if (message[i + 1] === DOT) dots++;
  const endsWithCrlf = message.length >= 2 && message[message.length - 2] === CR && message[message.length - 1] === LF;
  const out = Buffer.allocUnsafe(message.length + dots + (endsWithCrlf ? 0 : 2) + 3);
  let n = 0;
  let from = 0;
  const copyDot = (at: number): void => {
    n += message.copy(out, n, from, at);
    out[n++] = DOT;
    from = at;
  };
  if (message[0] === DOT) copyDot(0);
  for (let i = message.indexOf(LF); i !== -1; i = message.indexOf(LF, i + 1)) if (message[i + 1] === DOT) copyDot(i + 1);
  n += message.copy(out, n, from);
  if (!endsWithCrlf) {
    out[n++] = CR;
    out[n++] = LF;
  }
  n += CRLF_DOT_CRLF.copy(out, n);
  return out.subarray(0, n);
}

export interface DotBlockLimits {
  /** Longest line kept, in bytes with its line ending; longer ones are cut and flagged. */
  maxLine: number;
  /** Most bytes kept in all (after unstuffing); past it lines are read and dropped. */
  maxBytes: number;
}

export interface DotBlock {
  /** The lines with their endings, unstuffed, without the terminating ".\r\n". */
  lines: Buffer[];
  /** Bytes in `lines` (or that would have been, when `tooBig`). */
  size: number;
  /** Some line exceeded maxLine. */
  lineTooLong: boolean;
  /** The block exceeded maxBytes: `lines` is incomplete. */
  tooBig: boolean;
  /** The peer closed before the terminator. */
  truncated: boolean;
}

/**
 * Reads a dot-terminated block. Only ".\r\n" right after a CRLF-ended line (or first)
 * ends it, and only a dot at such a line start is removed: a bare "\n." never ends or
 * unstuffs anything (no SMTP smuggling through bare LFs).
 */
export async function readDotBlock(reader: LineReader, limits: DotBlockLimits): Promise<DotBlock> {
  const block: DotBlock = { lines: [], size: 0, lineTooLong: false, tooBig: false, truncated: false };
  let atLineStart = true;
  for (;;) {
    let line = await reader.readLine(limits.maxLine);
    if (line.length === 0) {
      block.truncated = true;
      return block;
    }
    if (line[line.length - 1] !== LF) {
      if (line.length < limits.maxLine) {
        block.truncated = true;
        return block;
      }
      block.lineTooLong = true;
      await reader.discardLine();
      line = Buffer.concat([line, Buffer.from('\r\n')]);
    }
    if (atLineStart && line[0] === DOT) {
      if (line.length === 3 && line[1] === CR && line[2] === LF) return block;
      line = line.subarray(1);
    }
    atLineStart = line.length >= 2 && line[line.length - 2] === CR && line[line.length - 1] === LF;
    block.size += line.length;
    if (block.size > limits.maxBytes) block.tooBig = true;
    if (!block.tooBig) block.lines.push(line);
  }
}
