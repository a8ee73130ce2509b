// Errors that belong to the command line itself rather than to any protocol.
import { NetkitError } from '../protocols/core/errors.js';

/** Bad flags or arguments: exit 2, with the command's usage on stderr. */
export class UsageError extends NetkitError {
  override name = 'UsageError';
  constructor(message: string) {
    super(message, { code: 'ERR_USAGE', kind: 'usage' });
  }
}
