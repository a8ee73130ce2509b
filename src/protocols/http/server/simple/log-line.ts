// BaseHTTPRequestHandler.log_request → log_message in CPython 3.11: `%s - - [%s] %s\n` with
// log_date_time_string() and the message `"%s" %s %s` (request line, code, size) passed
// through _control_char_table (C0 and 0x7f-0x9f as \xHH, backslash doubled). The time is
// the Date's local time (the process's TZ), as Python's time.localtime.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w: number): string => (n < 0 ? '-' + String(-n).padStart(w - 1, '0') : String(n).padStart(w, '0'));

/** log_date_time_string(): `%02d/%3s/%04d %02d:%02d:%02d` of the local time, e.g. `25/Nov/2026 03:40:00`. */
export function logDateTimeString(now: Date): string {
  return `${pad(now.getDate(), 2)}/${MONTHS[now.getMonth()]!}/${pad(now.getFullYear(), 4)} ${pad(now.getHours(), 2)}:${pad(now.getMinutes(), 2)}:${pad(now.getSeconds(), 2)}`;
}

/** str.translate(_control_char_table). */
export function escapeControlChars(message: string): string {
  return message.replace(/[\x00-\x1f\x7f-\x9f\\]/g, (ch) => (ch === '\\' ? '\\\\' : '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0')));
}

/** log_message(format, *args)'s line: the client address is written as it is, the message escaped. */
export function logMessageLine(clientAddress: string, message: string, now: Date): string {
  return `${clientAddress} - - [${logDateTimeString(now)}] ${escapeControlChars(message)}\n`;
}

/** log_request(code, size)'s line (with the newline): `ADDR - - [DATE] "REQUESTLINE" CODE SIZE\n`. */
export function accessLogLine(clientAddress: string, requestline: string, code: number | string, size: number | string, now: Date): string {
  return logMessageLine(clientAddress, `"${requestline}" ${String(code)} ${String(size)}`, now);
}
