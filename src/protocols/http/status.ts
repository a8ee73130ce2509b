// http.HTTPStatus: look a status up by value, member name or phrase, with Python's fields
// and the class predicates of Python 3.12 (is_success, ...).
import { PyValueError } from '../core/errors.js';
import { parsePyInt, pyRepr, pyStrip } from '../core/py-text.js';
import { HTTP_STATUS_ROWS } from './status-table.js';

/** One HTTPStatus member, keyed by Python's attribute names. */
export interface HTTPStatusInfo {
  value: number;
  name: string;
  phrase: string;
  description: string;
  is_informational: boolean;
  is_success: boolean;
  is_redirection: boolean;
  is_client_error: boolean;
  is_server_error: boolean;
}

function toInfo([value, name, phrase, description]: readonly [number, string, string, string]): HTTPStatusInfo {
  return {
    value,
    name,
    phrase,
    description,
    is_informational: value >= 100 && value <= 199,
    is_success: value >= 200 && value <= 299,
    is_redirection: value >= 300 && value <= 399,
    is_client_error: value >= 400 && value <= 499,
    is_server_error: value >= 500 && value <= 599,
  };
}

/** Every member in definition order (Python's iteration order). */
export const HTTP_STATUSES: readonly HTTPStatusInfo[] = HTTP_STATUS_ROWS.map(toInfo);

const BY_VALUE = new Map(HTTP_STATUSES.map((s) => [s.value, s]));
const BY_KEY = new Map<string, HTTPStatusInfo>();
for (const s of HTTP_STATUSES) {
  BY_KEY.set(nameKey(s.name), s);
  BY_KEY.set(nameKey(s.phrase), s);
}

/** "not found", "Not-Found", "I'm a Teapot" → "NOT_FOUND", "IM_A_TEAPOT". */
function nameKey(text: string): string {
  return pyStrip(text).toUpperCase().replace(/'/g, '').replace(/[^A-Z0-9]+/g, '_');
}

/** HTTPStatus(value): the member, or Python's ValueError. */
export function statusByValue(value: bigint | number): HTTPStatusInfo {
  const found = BY_VALUE.get(Number(value));
  if (!found || BigInt(found.value) !== BigInt(value)) {
    throw new PyValueError(`${value} is not a valid HTTPStatus`, 'ERR_UNKNOWN_STATUS');
  }
  return found;
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)? +(\d{3})(?: .*)?$/;

/**
 * Looks up a status as a user types it: a number (as Python's int()), a member name in
 * any case (NOT_FOUND, not_found), a phrase ("Not Found"), or a status line
 * ("HTTP/1.1 404 Not Found"). Unknown input raises Python's ValueError.
 */
export function lookupStatus(input: string): HTTPStatusInfo {
  const number = parsePyInt(input, 10);
  if (number !== undefined) return statusByValue(number);
  const line = STATUS_LINE.exec(pyStrip(input));
  if (line) return statusByValue(Number(line[1]));
  const found = BY_KEY.get(nameKey(input));
  if (!found) throw new PyValueError(`${pyRepr(input)} is not a valid HTTPStatus`, 'ERR_UNKNOWN_STATUS');
  return found;
}
