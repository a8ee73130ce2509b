// Reading a cookie file (or "-" for standard input, size-capped) and writing one
// atomically: a temporary file in the destination's directory, renamed when complete.
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { NetkitError } from '../../protocols/core/errors.js';
import { pyRepr } from '../../protocols/core/py-text.js';

/** Bytes read from a cookie file at most. */
export const MAX_JAR_BYTES = 64 * 1024 * 1024;

const ERRNO: Record<string, [number, string, string]> = {
  ENOENT: [2, 'No such file or directory', 'FileNotFoundError'],
  EACCES: [13, 'Permission denied', 'PermissionError'],
  EISDIR: [21, 'Is a directory', 'IsADirectoryError'],
  ENOTDIR: [20, 'Not a directory', 'NotADirectoryError'],
};

/** Python's OSError for a file: "[Errno 2] No such file or directory: 'x'". */
export class CookieFileError extends NetkitError {
  override name = 'OSError';
  constructor(err: unknown, filename: string) {
    const e = err as NodeJS.ErrnoException;
    const known = e.code ? ERRNO[e.code] : undefined;
    super(known ? `[Errno ${known[0]}] ${known[1]}: ${pyRepr(filename)}` : `${filename}: ${e.message}`, { code: e.code ?? 'ERR_FILE', python: known?.[2] ?? 'OSError', cause: err });
  }
}

async function readCapped(stream: AsyncIterable<Uint8Array | string>, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.from(chunk);
    size += buf.length;
    if (size > MAX_JAR_BYTES) throw new NetkitError(`${name} is larger than ${MAX_JAR_BYTES} bytes`, { code: 'ERR_TOO_LARGE' });
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of FILE ("-": standard input), read as UTF-8 as Python's open() does here. */
export async function readJarFile(ctx: Context, file: string): Promise<string> {
  if (file === '-') {
    if (ctx.io.stdin.isTTY) throw new UsageError("FILE '-' reads the cookie file from standard input, which is a terminal");
    return readCapped(ctx.io.stdin, 'standard input');
  }
  let handle;
  try {
    handle = await open(resolve(ctx.io.cwd, file));
    return await readCapped(handle.createReadStream(), file);
  } catch (err) {
    if (err instanceof NetkitError) throw err;
    throw new CookieFileError(err, file);
  } finally {
    await handle?.close();
  }
}

/** Writes `text` to `file` through a temporary name in the same directory (mode 0600, as Python's save). */
export async function writeAtomic(ctx: Context, file: string, text: string): Promise<void> {
  const target = resolve(ctx.io.cwd, file);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw new CookieFileError(err, file);
  }
}
