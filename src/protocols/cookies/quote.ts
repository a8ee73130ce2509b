// The quoting helpers of CPython 3.11's Lib/http/cookies.py: _LegalChars, _is_legal_key,
// _quote (the _Translator table: octal escapes for bytes 0-255 outside _UnescapedChars,
// \" and \\), _unquote (\ooo and \x escapes inside a double-quoted value) and _getdate.

/** _LegalChars: the characters a key (and an unquoted value) may use. */
export const LEGAL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~:";
const UNESCAPED = new Set(LEGAL_CHARS + ' ()/<=>?@[]{}');
const LEGAL_KEY = /^[A-Za-z0-9!#$%&'*+\-.^_`|~:]+$/;

/** _is_legal_key: one or more _LegalChars and nothing else. */
export function isLegalKey(key: string): boolean {
  return LEGAL_KEY.test(key);
}

/**
 * _quote: the text itself when it is a legal key, else double-quoted with `"` and `\`
 * backslash-escaped and every other code point below 256 outside _UnescapedChars as a
 * backslash and three octal digits (code points above 255 pass through).
 */
export function quote(text: string): string {
  if (isLegalKey(text)) return text;
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (cp < 256 && !UNESCAPED.has(ch)) out += '\\' + cp.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + '"';
}

// _OctalPatt and _QuotePatt; Python's "." is any code point but "\n".
const OCTAL = /\\[0-3][0-7][0-7]/g;
const QUOTED = /\\[^\n]/gu;

/**
 * _unquote: a value shorter than 2 or not both starting and ending with `"` is returned
 * as is; otherwise the quotes go and `\ooo` (000-377) and `\x` escapes are decoded, the
 * earlier of the two winning (the octal one on a tie).
 */
export function unquote(text: string): string {
  if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
  const s = text.slice(1, -1);
  const n = s.length;
  let i = 0;
  let res = '';
  while (i < n) {
    OCTAL.lastIndex = i;
    QUOTED.lastIndex = i;
    const o = OCTAL.exec(s);
    const q = QUOTED.exec(s);
    if (!o && !q) {
      res += s.slice(i);
      break;
    }
    const j = o ? o.index : -1;
    const k = q ? q.index : -1;
    if (q && (!o || k < j)) {
      res += s.slice(i, k) + q[0].slice(1);
      i = k + q[0].length;
    } else {
      res += s.slice(i, j) + String.fromCharCode(parseInt(s.slice(j + 1, j + 4), 8));
      i = j + 4;
    }
  }
  return res;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * _getdate(future): "Wdy, DD Mon YYYY HH:MM:SS GMT" for `now + future` seconds (floored
 * as time.gmtime floors), `now` defaulting to the current time. Outside JavaScript's
 * date range (about ±273,790 years) it throws a RangeError (Python raises OverflowError).
 */
export function getDate(future: number, now: number = Date.now() / 1000): string {
  const secs = Math.floor(now + future);
  const d = new Date(secs * 1000);
  if (Number.isNaN(d.getTime())) throw new RangeError('timestamp out of range for platform time_t');
  const wd = WEEKDAYS[(d.getUTCDay() + 6) % 7]!;
  const year = String(d.getUTCFullYear()).padStart(4, ' ');
  return `${wd}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]!} ${year} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}
