// http.cookiejar.LoadError: a cookie file that is not in the format its jar reads.
import { NetkitError } from '../core/errors.js';

/** http.cookiejar.LoadError (an OSError in Python); the message is Python's, filename repr'd. */
export class LoadError extends NetkitError {
  override name = 'LoadError';
  constructor(message: string, code = 'ERR_COOKIEJAR_LOAD') {
    super(message, { code, python: 'http.cookiejar.LoadError' });
  }
}
