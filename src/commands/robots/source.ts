// Reading a robots.txt SOURCE: a file, or "-" for standard input, with a size cap. http(s)
// sources arrive with the HTTP client.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { readInputText } from '../../cli/files.js';

/** Bytes read from a robots.txt at most (32 times RFC 9309's 500 KiB). */
export const MAX_ROBOTS_BYTES = 16 * 1024 * 1024;

/** The text of SOURCE. */
export function readSource(ctx: Context, source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    throw new UsageError('fetching robots.txt over http(s) comes with the HTTP client; save the file and pass its path');
  }
  return readInputText(ctx, source, 'robots.txt', MAX_ROBOTS_BYTES);
}
