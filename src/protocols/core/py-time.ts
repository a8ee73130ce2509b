// Python's fixed-width time strings: time.asctime() of time.gmtime() and time.ctime()
// (local time), "Wed Nov 25 05:42:31 2026" with the day of month padded by a space.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.asctime(time.gmtime(t)) when `utc`, else time.ctime(t) (the local zone). */
export function asctime(d: Date, utc: boolean): string {
  const [day, month, date, h, m, s, year] = utc
    ? [d.getUTCDay(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCFullYear()]
    : [d.getDay(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getFullYear()];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[day]} ${MONTHS[month]} ${String(date).padStart(2, ' ')} ${p(h!)}:${p(m!)}:${p(s!)} ${year}`;
}
