// http.cookiejar's date helpers for the LWP format: time2isoz() writes "YYYY-MM-DD
// hh:mm:ssZ", iso2time() reads the ISO 8601 forms back (CPython 3.11 Lib/http/cookiejar.py).
import { PyValueError } from '../core/errors.js';

const MAX_SECONDS = 253402300800; // datetime(10000, 1, 1) UTC: utcfromtimestamp's limit

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** time2isoz(t): "1994-11-24 08:49:37Z" in UTC; ValueError past year 9999, as datetime raises. */
export function time2isoz(t: number): string {
  const s = Math.floor(t);
  if (s >= MAX_SECONDS) throw new PyValueError(`year ${new Date(s * 1000).getUTCFullYear()} is out of range`);
  const d = new Date(s * 1000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}Z`;
}

// ISO_DATE_RE (re.X | re.ASCII): \s is the six ASCII spaces; Python's $ also matches before a final "\n".
const S = '[ \\t\\n\\r\\f\\v]';
const ISO_DATE_RE = new RegExp(
  `^(\\d{4})[-/]?(\\d\\d?)[-/]?(\\d\\d?)(?:(?:${S}+|[-:Tt])(\\d\\d?):?(\\d\\d)(?::?(\\d\\d(?:\\.\\d*)?))?)?${S}*(?:([-+]?\\d\\d?:?(:?\\d\\d)?|Z|z)${S}*)?\\n?$`,
);
const TIMEZONE_RE = /^([-+])?(\d\d?):?(\d\d)?\n?$/;
const UTC_ZONES = new Set(['GMT', 'UTC', 'UT', 'Z']);

/** offset_from_tz_string(tz): seconds east of UTC, or null for an unknown zone. */
export function offsetFromTzString(tz: string): number | null {
  if (UTC_ZONES.has(tz)) return 0;
  const m = TIMEZONE_RE.exec(tz);
  if (!m) return null;
  let offset = 3600 * Number(m[2]);
  if (m[3]) offset += 60 * Number(m[3]);
  return m[1] === '-' ? -offset : offset;
}

/** int(text) for the digit strings ISO_DATE_RE captures; "29.5" raises ValueError as in Python. */
function pyIntOf(text: string): number {
  if (!/^\d+$/.test(text)) throw new PyValueError(`invalid literal for int() with base 10: '${text}'`);
  return Number(text);
}

/** _str2time for numeric months (what iso2time passes). */
function str2time(day: string, mon: string, yr: string, hr?: string, min?: string, sec?: string, tz?: string): number | null {
  let year = pyIntOf(yr);
  const month = pyIntOf(mon);
  if (month < 1 || month > 12) return null;
  const d = pyIntOf(day);
  const h = hr === undefined ? 0 : pyIntOf(hr);
  const mi = min === undefined ? 0 : pyIntOf(min);
  const s = sec === undefined ? 0 : pyIntOf(sec);
  if (year < 1000) {
    // find the "obvious" year from the local current year
    const cur = new Date().getFullYear();
    let m = cur % 100;
    const tmp = year;
    year = year + cur - m;
    m = m - tmp;
    if (Math.abs(m) > 50) year = m > 0 ? year + 100 : year - 100;
  }
  // _timegm: out-of-range fields give None; calendar.timegm lets a day overflow its month
  if (!(year >= 1970 && d >= 1 && d <= 31 && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && s >= 0 && s <= 61)) return null;
  const t = Date.UTC(year, month - 1, 1) / 1000 + (d - 1) * 86400 + h * 3600 + mi * 60 + s;
  const offset = offsetFromTzString((tz ?? 'UTC').toUpperCase());
  return offset === null ? null : t - offset;
}

/** iso2time(text): seconds since the epoch, or null for a bad format. */
export function iso2time(text: string): number | null {
  const m = ISO_DATE_RE.exec(text.replace(/^\s+/, ''));
  if (!m) return null;
  return str2time(m[3]!, m[2]!, m[1]!, m[4], m[5], m[6], m[7]);
}
