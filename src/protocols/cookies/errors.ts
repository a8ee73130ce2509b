// http.cookies.CookieError: the one exception the cookie module raises on purpose
// (a reserved or illegal cookie name, an unknown attribute).
import { NetkitError } from '../core/errors.js';

/** http.cookies.CookieError (a plain Exception in Python, not a ValueError). */
export class CookieError extends NetkitError {
  override name = 'CookieError';
  constructor(message: string, code = 'ERR_COOKIE') {
    super(message, { code, python: 'http.cookies.CookieError' });
  }
}
