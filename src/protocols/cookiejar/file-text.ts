// What both file formats share: Python's text-mode line reading (universal newlines),
// float() of a number field, and the load/save options of FileCookieJar.
import { pyStrip } from '../core/py-text.js';

export interface LoadOptions {
  /** Keep session cookies (discard set), as load(ignore_discard=True). */
  ignoreDiscard: boolean;
  /** Keep expired cookies, as load(ignore_expires=True). */
  ignoreExpires: boolean;
  /** time.time() in seconds. */
  now: number;
  /**
   * Mozilla format: read an expiry of 0 as a session cookie, as curl writes one (Python
   * 3.11 reads it as expired in 1970 and drops it). Default false.
   */
  zeroIsSession?: boolean;
}

export type SaveOptions = LoadOptions;

/** f.readline() over a text-mode file: "\r\n" and "\r" read as "\n", each line keeps its "\n". */
export function textLines(text: string): string[] {
  const unified = text.replace(/\r\n?/g, '\n');
  const lines = unified.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

const FLOAT_RE = /^[+-]?(?:(?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** int(float(text)): Python's float() syntax, truncated toward zero; throws where Python raises. */
export function pyFloatToInt(text: string): number {
  const t = pyStrip(text);
  if (!FLOAT_RE.test(t)) {
    if (/^[+-]?(inf|infinity)$/i.test(t)) throw new Error('OverflowError: cannot convert float infinity to integer');
    if (/^[+-]?nan$/i.test(t)) throw new Error('ValueError: cannot convert float NaN to integer');
    throw new Error(`ValueError: could not convert string to float: '${text}'`);
  }
  const n = Number(t.replace(/_/g, ''));
  if (!Number.isFinite(n)) throw new Error('OverflowError: cannot convert float infinity to integer');
  return Math.trunc(n) + 0;
}
