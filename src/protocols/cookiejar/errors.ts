// http.cookiejar's errors: LoadError (a cookie file not in the format its jar reads) and
// the KeyError CookieJar.clear() raises when there is nothing to remove.
import { NetkitError } from '../core/errors.js';
import { pyRepr } from '../core/py-text.js';

/** http.cookiejar.LoadError (an OSError in Python); the message is Python's, filename repr'd. */
export class LoadError extends NetkitError {
  override name = 'LoadError';
  constructor(message: string, code = 'ERR_COOKIEJAR_LOAD') {
    super(message, { code, python: 'http.cookiejar.LoadError' });
  }
}

/** Python's KeyError from CookieJar.clear(): the message is repr(key), as str(KeyError) gives. */
export class CookieKeyError extends NetkitError {
  override name = 'KeyError';
  constructor(key: string) {
    super(pyRepr(key), { code: 'ERR_COOKIEJAR_KEY', python: 'KeyError' });
  }
}
