// The byte-level pieces of smtpd's SMTPChannel that hold no state: asynchat's terminators
// and find_prefix_at_end, de-transparency (unstuffing), the -d trace's repr, and the
// fast checks of a command line (ASCII? visible ends?).
import { pyBytesRepr, pyStrip } from '../../core/py-text.js';

export const CRLF = Buffer.from('\r\n');
export const END_OF_DATA = Buffer.from('\r\n.\r\n');
export const EMPTY = Buffer.alloc(0);
export const DOT = 46;
const CR = 13;
const LF = 10;
export const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** str.strip(), skipping the work when both ends are visible ASCII (the usual case). */
export function strip(text: string): string {
  const a = text.charCodeAt(0);
  const z = text.charCodeAt(text.length - 1);
  return a > 0x20 && a < 0x7f && z > 0x20 && z < 0x7f ? text : pyStrip(text);
}

/** True when every byte is ASCII. */
export function isAscii(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! > 0x7f) return false;
  return true;
}

/** How many bytes at the end of `buf` could begin `term` (asynchat's find_prefix_at_end). */
export function partialSuffix(buf: Buffer, term: Buffer): number {
  for (let n = Math.min(term.length - 1, buf.length); n > 0; n--) {
    if (buf.compare(term, 0, n, buf.length - n) === 0) return n;
  }
  return 0;
}

/**
 * smtpd's de-transparency: split on "\r\n", drop a leading "." from every piece, join
 * with "\n" (RFC 5321 §4.5.2; a bare "\n." is never unstuffed).
 */
export function unstuff(raw: Buffer): Buffer {
  const len = raw.length;
  const out = Buffer.allocUnsafe(len);
  let n = 0;
  let lineStart = true;
  // One pass, byte by byte: cheaper than a native search and copy per (short) mail line.
  for (let i = 0; i < len; i++) {
    const c = raw[i]!;
    if (c === CR && raw[i + 1] === LF) {
      out[n++] = LF;
      i++;
      lineStart = true;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (c === DOT) continue;
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

/** repr() of a line for -d's "Data:" lines; large DATA blocks are cut (smtpd prints them whole). */
export function debugBytes(b: Buffer): string {
  return b.length > 65536 ? pyBytesRepr(b.subarray(0, 65536)) + ` ... (${b.length} bytes)` : pyBytesRepr(b);
}
