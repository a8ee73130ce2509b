// The errors the CGI engine throws beyond Python's ValueError: netkit's own limits.
import { NetkitError, PyValueError } from '../core/errors.js';

/** A netkit cap (body size, multipart nesting) was exceeded: no Python equivalent. */
export class CgiLimitError extends NetkitError {
  override name = 'CgiLimitError';
  constructor(message: string) {
    super(message, { code: 'ERR_CGI_LIMIT' });
  }
}

/** ValueError('Invalid boundary in multipart form: ...'), with the part nesting depth where it was raised (0: the request). */
export class BoundaryError extends PyValueError {
  constructor(
    message: string,
    readonly depth: number,
  ) {
    super(message, 'ERR_CGI_BOUNDARY');
  }
}
