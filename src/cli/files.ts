// Files the commands read and write: an input FILE or "-" (standard input), size-capped,
// with Python's OSError wording; and output written atomically (a temporary name in the
// destination's directory, renamed when complete), so a failure never leaves a partial
// file that looks whole; a temporary file is removed too when the process is interrupted.
// A device or FIFO (/dev/null, /dev/stdout) is written in place (write-target.ts).
import { writeSync } from 'node:fs';
import { link, lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { NetkitError } from '../protocols/core/errors.js';
import { osErrorText, pyErrno } from '../protocols/core/os-error.js';
import { trackTemporary } from './pending-files.js';
import { writeTarget } from './write-target.js';


/** Python's OSError for a file: "[Errno 2] No such file or directory: 'x'". */
export class FileError extends NetkitError {
  override name = 'OSError';
  constructor(err: unknown, filename: string) {
    const e = err as NodeJS.ErrnoException;
    const known = pyErrno(e.code);
    super(known ? osErrorText(err, filename) : `${filename}: ${e.message}`, { code: e.code ?? 'ERR_FILE', python: known?.type ?? 'OSError', cause: err });
  }
}

async function readCapped(stream: AsyncIterable<Uint8Array | string>, name: string, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.from(chunk);
    size += buf.length;
    if (size > maxBytes) throw new NetkitError(`${name} is larger than ${maxBytes} bytes`, { code: 'ERR_TOO_LARGE' });
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The UTF-8 text of FILE, or of standard input for "-"; `what` names it in the usage error. */
export async function readInputText(ctx: Context, file: string, what: string, maxBytes: number): Promise<string> {
  if (file === '-') {
    if (ctx.io.stdin.isTTY) throw new UsageError(`'-' reads ${what} from standard input, which is a terminal`);
    return readCapped(ctx.io.stdin, 'standard input', maxBytes);
  }
  let handle;
  try {
    handle = await open(resolve(ctx.io.cwd, file));
    return await readCapped(handle.createReadStream(), file, maxBytes);
  } catch (err) {
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, file);
  } finally {
    await handle?.close();
  }
}

let tempCounter = 0;

/**
 * A body that pushes its pieces (the HTTP engine's Response.pipe): each piece is valid
 * during the call only; a promise returned pauses the source until it settles.
 */
export type PieceSource = (sink: (piece: Uint8Array) => Promise<void> | undefined) => Promise<void>;

/** What the file writers take: text, chunks as they arrive, or a pushing source. */
export type FileData = string | AsyncIterable<Uint8Array> | PieceSource;

/**
 * Fills an open file with `data`. A pushing source is written synchronously piece by piece
 * (as curl does; a page-cache write is short), the rest through the handle.
 */
async function fill(handle: FileHandle, data: FileData): Promise<void> {
  if (typeof data === 'string') await handle.writeFile(data, 'utf8');
  else if (typeof data === 'function')
    await data((piece) => {
      for (let done = 0; done < piece.length; ) done += writeSync(handle.fd, piece, done);
      return undefined;
    });
  else for await (const chunk of data) await handle.write(chunk);
}

export interface AtomicOptions {
  /** Never replace an existing `file`: fail with EEXIST (FileExistsError) instead. */
  noClobber?: boolean;
}

/** Writes `data` into a device or FIFO as it is: no temporary name, no fsync. */
async function writeInPlace(path: string, file: string, data: FileData): Promise<void> {
  try {
    const handle = await open(path, 'w');
    try {
      await fill(handle, data);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, file);
  }
}

/**
 * Writes `data` (text, or chunks as they arrive) to `file` through a temporary name in the
 * same directory, then renames it over `file` (over the file a symlink names). On any
 * failure, and when the process is interrupted meanwhile, the temporary file is removed.
 */
export async function writeAtomic(ctx: Context, file: string, data: FileData, mode = 0o666, options: AtomicOptions = {}): Promise<void> {
  const { path: target, inPlace } = writeTarget(resolve(ctx.io.cwd, file));
  if (inPlace) {
    // -O's rule holds for a device too: a name the server chose never replaces anything.
    if (options.noClobber) throw new FileError(Object.assign(new Error('file exists'), { code: 'EEXIST' }), file);
    return writeInPlace(target, file, data);
  }
  // Unique enough with the exclusive 'wx' open below, which never reuses an existing name.
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${(tempCounter++).toString(36)}.${Date.now().toString(36)}.tmp`);
  let forget: (() => void) | undefined;
  try {
    const handle = await open(temp, 'wx', mode);
    forget = trackTemporary(temp);
    try {
      await fill(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.noClobber) await placeNew(temp, target);
    else await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, file);
  } finally {
    forget?.();
  }
}

/**
 * Gives `temp` the name `target` only if no file has it: a hard link fails with EEXIST
 * atomically. Where links are not supported (vfat), a check then a rename.
 */
async function placeNew(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target);
    await rm(temp, { force: true });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw err;
  }
  if (await exists(target)) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
  await rename(temp, target);
}

/** True when something (a file, a directory, a dangling symlink) has the name `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** FILE's partial download, as -C/--continue keeps it between runs. */
export function partialName(file: string): string {
  return `${file}.part`;
}

/** Bytes already in FILE's partial download (0 when there is none). */
export async function partialSize(ctx: Context, file: string): Promise<number> {
  try {
    return (await stat(resolve(ctx.io.cwd, partialName(file)))).size;
  } catch {
    return 0;
  }
}

/**
 * Writes `data` to FILE.part (appended when `append`, else from the start), then renames it
 * to FILE. A failed transfer leaves FILE.part, a name that says it is partial, for -C to
 * resume from; FILE itself only ever appears whole.
 */
export async function writeResumable(ctx: Context, file: string, data: Exclude<FileData, string> | undefined, append: boolean): Promise<void> {
  const { path: target, inPlace } = writeTarget(resolve(ctx.io.cwd, file));
  if (inPlace) return data ? writeInPlace(target, file, data) : undefined;
  const part = partialName(target);
  try {
    if (data) {
      const handle = await open(part, append ? 'a' : 'w', 0o666);
      try {
        await fill(handle, data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await rename(part, target);
  } catch (err) {
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, file);
  }
}
