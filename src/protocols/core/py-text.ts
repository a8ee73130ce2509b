// Python's text rules that engines mirror, on CPython 3.11's Unicode 14 tables:
// str.isspace()/strip(), str.isprintable(), repr() and int(text, base).
import { DIGIT_NOT_DECIMAL, DIGIT_ZEROS, PRINTABLE_FLIPS, SPACES } from './py-unicode.js';

const PY_SPACE = new Set(SPACES);
/** sys.int_info.default_max_str_digits: decimal int() conversions past this raise (CVE-2020-10735). */
export const MAX_STR_DIGITS = 4300;

/** Sorted code points where isprintable() flips; odd count below cp means printable. */
const FLIPS: number[] = (() => {
  let at = 0;
  return PRINTABLE_FLIPS.split(',').map((d) => (at += parseInt(d, 36)));
})();

/** str.isprintable() for one code point. */
export function isPyPrintable(cp: number): boolean {
  let lo = 0;
  let hi = FLIPS.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (FLIPS[mid]! <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo % 2 === 1;
}

/** Python's str.strip() with no argument. */
export function pyStrip(text: string): string {
  const cps = Array.from(text);
  let a = 0;
  let b = cps.length;
  while (a < b && PY_SPACE.has(cps[a]!.codePointAt(0)!)) a++;
  while (b > a && PY_SPACE.has(cps[b - 1]!.codePointAt(0)!)) b--;
  return a === 0 && b === cps.length ? text : cps.slice(a, b).join('');
}

/** Python's repr() of a str: single quotes unless the text holds ' and no ". */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f || isPyPrintable(cp)) out += ch;
    else if (cp <= 0xff) out += '\\x' + hex(cp, 2);
    else if (cp <= 0xffff) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + quote;
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python's str.splitlines() (no keepends): every line boundary Python knows. */
export function pySplitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Python's str.isdecimal(): non-empty, every character a decimal digit (Unicode 14). */
export function isPyDecimal(text: string): boolean {
  if (text === '') return false;
  for (const ch of text) if (decimalValue(ch.codePointAt(0)!) < 0) return false;
  return true;
}

/** Python's str.isdigit(): isdecimal's characters plus superscripts, circled digits and the like. */
export function isPyDigit(text: string): boolean {
  if (text === '') return false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (decimalValue(cp) < 0 && !DIGIT_NOT_DECIMAL.some(([lo, hi]) => cp >= lo && cp <= hi)) return false;
  }
  return true;
}

/** The value of a Unicode decimal digit, or -1. */
function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return cp - zero;
  }
  return -1;
}

/**
 * Python's int(text, base) for base 10 or 16: surrounding whitespace, a sign, a "0x"
 * prefix (base 16), single underscores between digits. Returns undefined where Python
 * raises ValueError.
 */
export function parsePyInt(text: string, base: 10 | 16): bigint | undefined {
  // _PyUnicode_TransformDecimalAndSpaceToASCII: ASCII stays as it is (so \x1c-\x1f are
  // not spaces here), other spaces become " ", other decimal digits their ASCII digit,
  // and anything else makes the literal invalid.
  let ascii = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) ascii += ch;
    else if (PY_SPACE.has(cp)) ascii += ' ';
    else {
      const d = decimalValue(cp);
      if (d < 0) return undefined;
      ascii += String(d);
    }
  }
  // Py_ISSPACE: the six ASCII spaces.
  const re = base === 16 ? /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]_?)?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)[ \t\n\v\f\r]*$/ : /^[ \t\n\v\f\r]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\v\f\r]*$/;
  const m = re.exec(ascii);
  if (!m) return undefined;
  const digits = m[2]!.replace(/_/g, '');
  // sys.int_info.default_max_str_digits (CVE-2020-10735): decimal literals over 4300 digits raise.
  if (base === 10 && digits.length > MAX_STR_DIGITS) return undefined;
  const magnitude = BigInt((base === 16 ? '0x' : '') + digits);
  return m[1] === '-' ? -magnitude : magnitude;
}

/** int()'s ValueError text, which quotes at most 200 characters of repr(text) (%.200R). */
export function intErrorMessage(text: string, base: number): string {
  return `invalid literal for int() with base ${base}: ${Array.from(pyRepr(text)).slice(0, 200).join('')}`;
}

/** repr(b): b'...' (or b"..." when it holds ' and no "), as smtplib, smtpd and http.client print bytes. */
export function pyBytesRepr(b: Uint8Array): string {
  const has = (c: number): boolean => b.includes(c);
  const quote = has(0x27) && !has(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}
