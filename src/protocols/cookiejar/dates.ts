// http.cookiejar's date helpers (CPython 3.11 Lib/http/cookiejar.py): time2isoz() writes
// "YYYY-MM-DD hh:mm:ssZ", iso2time() reads the ISO 8601 forms back (LWP files), and
// http2time() reads the loose HTTP dates of a Set-Cookie expires attribute.
import { PyValueError } from '../core/errors.js';
import { pyStrip } from '../core/py-text.js';

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

/** int(text) for the digit strings the date regexes capture; "29.5" raises ValueError as in Python. */
function pyIntOf(text: string): number {
  if (!/^\d+$/.test(text)) throw new PyValueError(`invalid literal for int() with base 10: '${text}'`);
  return Number(text);
}

const MONTHS_LOWER = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MAXYEAR = 9999;

/** int(month) for a \\w+ month that is no month name: digits with single underscores between. */
function monthNumber(mon: string): number | null {
  const i = MONTHS_LOWER.indexOf(mon.toLowerCase());
  if (i >= 0) return i + 1;
  if (!/^\d+(?:_\d+)*$/.test(mon)) return null;
  const n = Number(mon.replace(/_/g, ''));
  return n >= 1 && n <= 12 ? n : null;
}

/** _timegm(tt): calendar.timegm when every field is in range (a day may overflow its month), else null. */
function timegm(year: number, month: number, day: number, h: number, mi: number, s: number): number | null {
  if (!(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && s >= 0 && s <= 61)) return null;
  return Date.UTC(year, month - 1, 1) / 1000 + (day - 1) * 86400 + h * 3600 + mi * 60 + s;
}

/**
 * _str2time(day, mon, yr, hr, min, sec, tz). `now` (seconds) picks the century of a
 * year under 1000 as time.localtime(time.time()) does (in UTC here).
 */
function str2time(day: string, mon: string, yr: string, hr?: string, min?: string, sec?: string, tz?: string, now = Date.now() / 1000): number | null {
  let year = pyIntOf(yr);
  if (year > MAXYEAR) return null;
  const month = monthNumber(mon);
  if (month === null) return null;
  const d = pyIntOf(day);
  const h = hr === undefined ? 0 : pyIntOf(hr);
  const mi = min === undefined ? 0 : pyIntOf(min);
  const s = sec === undefined ? 0 : pyIntOf(sec);
  if (year < 1000) {
    // find the "obvious" year
    const cur = new Date(Math.floor(now) * 1000).getUTCFullYear();
    let m = cur % 100;
    const tmp = year;
    year = year + cur - m;
    m = m - tmp;
    if (Math.abs(m) > 50) year = m > 0 ? year + 100 : year - 100;
  }
  const t = timegm(year, month, d, h, mi, s);
  if (t === null) return null;
  const offset = offsetFromTzString((tz ?? 'UTC').toUpperCase());
  return offset === null ? null : t - offset;
}

/** iso2time(text): seconds since the epoch, or null for a bad format. */
export function iso2time(text: string): number | null {
  const m = ISO_DATE_RE.exec(lstripPy(text));
  if (!m) return null;
  return str2time(m[3]!, m[2]!, m[1]!, m[4], m[5], m[6], m[7]);
}

// STRICT_DATE_RE, WEEKDAY_RE and LOOSE_HTTP_DATE_RE, all re.ASCII (\s, \d, \w and \b ASCII).
const STRICT_DATE_RE = /^[SMTWF][a-z][a-z], (\d\d) ([JFMASOND][a-z][a-z]) (\d\d\d\d) (\d\d):(\d\d):(\d\d) GMT\n?$/;
const WEEKDAY_RE = new RegExp(`^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat)[a-z]*,?${S}*`, 'i');
const LOOSE_HTTP_DATE_RE = new RegExp(
  `^(\\d\\d?)(?:${S}+|[-/])(\\w+)(?:${S}+|[-/])(\\d+)(?:(?:${S}+|:)(\\d\\d?):(\\d\\d)(?::(\\d\\d))?)?${S}*(?:([-+]?\\d{2,4}|(?![APap][Mm]\\b)[A-Za-z]+)${S}*)?(?:\\(\\w+\\)${S}*)?\\n?$`,
);

/**
 * http2time(text): seconds since the epoch of a loose HTTP date ("Wed, 09 Feb 1994
 * 22:23:32 GMT", "08-Feb-94 14:15:29 GMT", ...), or null; `now` as for _str2time.
 */
export function http2time(text: string, now?: number): number | null {
  // fast exit for strictly conforming string
  const strict = STRICT_DATE_RE.exec(text);
  if (strict) {
    const name = strict[2]!.toLowerCase();
    // MONTHS_LOWER.index() raises for "Foo": the whole Set-Cookie parse fails in Python
    if (!MONTHS_LOWER.includes(name)) throw new PyValueError(`'${name}' is not in list`);
    const mon = MONTHS_LOWER.indexOf(name) + 1;
    return timegm(Number(strict[3]), mon, Number(strict[1]), Number(strict[4]), Number(strict[5]), Number(strict[6]));
  }
  // no, we need some messy parsing: lstrip (str.lstrip: Unicode spaces), drop the weekday
  const cleaned = lstripPy(text).replace(WEEKDAY_RE, '');
  const m = LOOSE_HTTP_DATE_RE.exec(cleaned);
  if (!m) return null;
  return str2time(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6], m[7], now);
}

function lstripPy(text: string): string {
  const stripped = pyStrip(text + 'x');
  return stripped.slice(0, -1);
}
