// Reading a robots.txt SOURCE: a file, or "-" for standard input, with a size cap. http(s)
// sources arrive with the HTTP client.
import { open } from 'node:fs/promises';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { NetkitError } from '../../protocols/core/errors.js';

/** Bytes read from a robots.txt at most (32 times RFC 9309's 500 KiB). */
export const MAX_ROBOTS_BYTES = 16 * 1024 * 1024;

async function readCapped(stream: AsyncIterable<Uint8Array | string>, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > MAX_ROBOTS_BYTES) throw new NetkitError(`${name} is larger than ${MAX_ROBOTS_BYTES} bytes`, { code: 'ERR_TOO_LARGE' });
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The text of SOURCE. */
export async function readSource(ctx: Context, source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    throw new UsageError('fetching robots.txt over http(s) comes with the HTTP client; save the file and pass its path');
  }
  if (source === '-') {
    if (ctx.io.stdin.isTTY) throw new UsageError("SOURCE '-' reads robots.txt from standard input, which is a terminal");
    return readCapped(ctx.io.stdin, 'standard input');
  }
  let handle;
  try {
    handle = await open(source);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new NetkitError(`${source}: ${e.code === 'ENOENT' ? 'No such file or directory' : e.message}`, { code: e.code ?? 'ERR_READ', cause: err });
  }
  try {
    return await readCapped(handle.createReadStream(), source);
  } finally {
    await handle.close();
  }
}
