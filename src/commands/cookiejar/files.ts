// Reading a cookie file (or "-" for standard input), size-capped, with Python's OSError wording.
import type { Context } from '../../cli/context.js';
import { readInputText } from '../../cli/files.js';

/** Bytes read from a cookie file at most. */
export const MAX_JAR_BYTES = 64 * 1024 * 1024;

/** The text of FILE ("-": standard input), read as UTF-8 as Python's open() does here. */
export function readJarFile(ctx: Context, file: string): Promise<string> {
  return readInputText(ctx, file, 'the cookie file', MAX_JAR_BYTES);
}
