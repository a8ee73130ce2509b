// HTTP dates as CPython 3.11's http.server handles them: email.utils.formatdate(t,
// usegmt=True) (date_time_string, Last-Modified) and send_head's If-Modified-Since reading
// (email.utils.parsedate_to_datetime with _parsedate_tz's loose grammar; the header is
// ignored on TypeError/IndexError/OverflowError/ValueError and when the zone is not UTC;
// no zone or -0000 counts as UTC).
import { NetkitError, PyValueError } from '../../../core/errors.js';
import { isPyDigit, parsePyInt } from '../../../core/py-text.js';
import { SPACES } from '../../../core/py-unicode.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Python's OverflowError (a timestamp outside time_t). */
export class PyOverflowError extends NetkitError {
  override name = 'OverflowError';
  constructor(message: string, code = 'ERR_OVERFLOW') {
    super(message, { code, python: 'OverflowError' });
  }
}

/** Python's OSError from gmtime() (EOVERFLOW: the year does not fit a C int). */
export class PyGmtimeError extends NetkitError {
  override name = 'OSError';
  constructor(message: string, code = 'ERR_OVERFLOW') {
    super(message, { code, python: 'OSError' });
  }
}

/** round() half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Proleptic Gregorian [year, month 1-12, day] of a day count from 1970-01-01 (astronomical years). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * email.utils.formatdate(ms / 1000, usegmt=True): `Wed, 25 Nov 2026 03:40:00 GMT`. The
 * seconds are datetime.fromtimestamp's (microseconds rounded half to even, so
 * 999.9999996 ms is the next second). Throws what Python raises: PyValueError for NaN or a
 * year outside 1..9999, PyOverflowError outside time_t, PyGmtimeError past a C int year.
 */
export function formatHttpDate(ms: number): string {
  if (Number.isNaN(ms)) throw new PyValueError('Invalid value NaN (not a number)');
  const t = ms / 1000;
  let whole = Math.trunc(t);
  const us = roundHalfEven((t - whole) * 1e6);
  if (us >= 1e6) whole += 1;
  else if (us < 0) whole -= 1;
  if (!Number.isFinite(whole) || whole >= 2 ** 63 || whole < -(2 ** 63)) throw new PyOverflowError('timestamp out of range for platform time_t');
  const days = Math.floor(whole / 86400);
  const [y, m, d] = civilFromDays(days);
  if (y - 1900 > 2 ** 31 - 1 || y - 1900 < -(2 ** 31)) throw new PyGmtimeError('[Errno 75] Value too large for defined data type');
  if (y < 1 || y > 9999) throw new PyValueError(`year ${y} is out of range`, 'ERR_DATE_RANGE');
  const secs = whole - days * 86400;
  const weekday = (((days + 4) % 7) + 7) % 7;
  return `${DAYS[weekday]!}, ${p2(d)} ${MONTHS[m - 1]!} ${String(y).padStart(4, '0')} ${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)} GMT`;
}

const MONTHNAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYNAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIMEZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, AST: -400, ADT: -300, EST: -500, EDT: -400, CST: -600, CDT: -500, MST: -700, MDT: -600, PST: -800, PDT: -700 };
const PY_SPACE = new Set(SPACES);

/** str.split() with no argument. */
function pySplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (PY_SPACE.has(ch.codePointAt(0)!)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

const last = (s: string): string => Array.from(s).pop() ?? '';
const first = (s: string): string => Array.from(s)[0] ?? '';

/** Python's floor division and modulo. */
const fdiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** email._parseaddr._parsedate_tz: [y, m, d, H, M, S, tzoffset seconds | null] (ints), or undefined for None. */
export function parsedateTz(data: string): [bigint, number, bigint, bigint, bigint, bigint, bigint | null] | undefined {
  if (!data) return undefined;
  let parts = pySplit(data);
  if (parts.length === 0) return undefined;
  if (parts[0]!.endsWith(',') || DAYNAMES.includes(parts[0]!.toLowerCase())) parts.shift();
  else {
    const i = parts[0]!.lastIndexOf(',');
    if (i >= 0) parts[0] = parts[0]!.slice(i + 1);
  }
  if (parts.length === 3) {
    const stuff = parts[0]!.split('-');
    if (stuff.length === 3) parts = [...stuff, ...parts.slice(1)];
  }
  if (parts.length === 4) {
    const s = parts[3]!;
    let i = s.indexOf('+');
    if (i === -1) i = s.indexOf('-');
    if (i > 0) parts.splice(3, 1, s.slice(0, i), s.slice(i));
    else parts.push('');
  }
  if (parts.length < 5) return undefined;
  let [dd, mm, yy, tm, tz] = parts.slice(0, 5) as [string, string, string, string, string];
  if (!(dd && mm && yy)) return undefined;
  mm = mm.toLowerCase();
  if (!MONTHNAMES.includes(mm)) {
    [dd, mm] = [mm, dd.toLowerCase()];
    if (!MONTHNAMES.includes(mm)) return undefined;
  }
  let month = MONTHNAMES.indexOf(mm) + 1;
  if (month > 12) month -= 12;
  if (last(dd) === ',') dd = dd.slice(0, -1);
  if (yy.indexOf(':') > 0) [yy, tm] = [tm, yy];
  if (last(yy) === ',') {
    yy = yy.slice(0, -1);
    if (!yy) return undefined;
  }
  if (!isPyDigit(first(yy))) [yy, tz] = [tz, yy];
  if (tm === '') throw new PyIndexError('string index out of range');
  if (last(tm) === ',') tm = tm.slice(0, -1);
  let t = tm.split(':');
  let thh: string;
  let tmm: string;
  let tss = '0';
  if (t.length === 2) [thh, tmm] = t as [string, string];
  else if (t.length === 3) [thh, tmm, tss] = t as [string, string, string];
  else if (t.length === 1 && t[0]!.includes('.')) {
    t = t[0]!.split('.');
    if (t.length === 2) [thh, tmm] = t as [string, string];
    else if (t.length === 3) [thh, tmm, tss] = t as [string, string, string];
    else return undefined;
  } else return undefined;
  const nums = [yy, dd, thh, tmm, tss].map((s) => parsePyInt(s, 10));
  if (nums.some((n) => n === undefined)) return undefined;
  let [y, d, h, mi, se] = nums as bigint[];
  if (y! < 100n) y = y! > 68n ? y! + 1900n : y! + 2000n;
  let offset: bigint | null = null;
  tz = tz.toUpperCase();
  if (tz in TIMEZONES && Object.prototype.hasOwnProperty.call(TIMEZONES, tz)) offset = BigInt(TIMEZONES[tz]!);
  else {
    const n = parsePyInt(tz, 10);
    if (n !== undefined) offset = n;
    if (offset === 0n && tz.startsWith('-')) offset = null;
  }
  if (offset) {
    const sign = offset < 0n ? -1n : 1n;
    const a = offset < 0n ? -offset : offset;
    offset = sign * (fdiv(a, 100n) * 3600n + (a % 100n) * 60n);
  }
  return [y!, month, d!, h!, mi!, se!, offset];
}

class PyIndexError extends Error {
  override name = 'IndexError';
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * send_head's reading of an If-Modified-Since value: the instant it names in epoch ms, or
 * undefined where http.server ignores the header (unparsable, a datetime field out of
 * range, or a zone other than UTC/GMT/UT/Z/+0000 — a zone-less or -0000 date is UTC).
 */
export function parseHttpDate(text: string): number | undefined {
  let parsed;
  try {
    parsed = parsedateTz(text);
  } catch {
    return undefined; // IndexError
  }
  if (!parsed) return undefined; // ValueError
  const [y, m, d, h, mi, s, offset] = parsed;
  // datetime(...) range checks (ValueError / OverflowError)
  if (y < 1n || y > 9999n) return undefined;
  const year = Number(y);
  const dim = m === 2 && isLeap(year) ? 29 : MONTH_DAYS[m - 1]!;
  if (d < 1n || d > BigInt(dim) || h < 0n || h > 23n || mi < 0n || mi > 59n || s < 0n || s > 59n) return undefined;
  // timezone(timedelta(seconds=offset)): |offset| < 1 day, and only UTC itself is compared
  if (offset !== null && (offset <= -86400n || offset >= 86400n)) return undefined;
  if (offset !== null && offset !== 0n) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, m - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  return date.getTime();
}
