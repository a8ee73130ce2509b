// The Python exceptions urllib.parse raises beyond ValueError and TypeError: LookupError
// for unknown codecs and error handlers, and the UnicodeEncodeError / UnicodeDecodeError
// of str.encode / bytes.decode (both ValueError subclasses in Python).
import { NetkitError, PyValueError } from '../core/errors.js';

/** Python's LookupError, as codecs.lookup raises it: `unknown encoding: X`. */
export class PyLookupError extends NetkitError {
  override name = 'LookupError';
  constructor(message: string, code = 'ERR_LOOKUP') {
    super(message, { code, python: 'LookupError' });
  }
}

/** Python's UnicodeEncodeError (a ValueError): a character the codec cannot encode. */
export class PyUnicodeEncodeError extends PyValueError {
  override name = 'UnicodeEncodeError';
  constructor(message: string) {
    super(message, 'ERR_UNICODE_ENCODE');
  }
}

/** Python's UnicodeDecodeError (a ValueError): bytes the codec cannot decode. */
export class PyUnicodeDecodeError extends PyValueError {
  override name = 'UnicodeDecodeError';
  constructor(message: string) {
    super(message, 'ERR_UNICODE_DECODE');
  }
}

/** A codec or error handler Python has and netkit does not implement. */
export class UnsupportedCodecError extends NetkitError {
  override name = 'NetkitError';
  constructor(message: string) {
    super(message, { code: 'ERR_UNSUPPORTED_CODEC', kind: 'usage' });
  }
}
