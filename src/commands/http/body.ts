// The request body of an http verb: -d DATA / -d @FILE / -d @- (raw), --form KEY=VALUE
// (urlencoded, as urllib.parse.urlencode), -F NAME=VALUE|@FILE (multipart), --json-body
// JSON; and the Content-Type it implies.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { FileError } from '../../cli/files.js';
import { urlencode } from '../../protocols/url/index.js';
import { multipartBody } from './multipart.js';

export interface BodyOptions {
  data?: string;
  form?: string[];
  multipart?: string[];
  jsonBody?: string;
}

export interface RequestBody {
  body: Buffer;
  contentType: string;
}

/** Bytes read for a body at most (a larger upload should stream; it comes with -T). */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.from(chunk);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new UsageError(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The body the options ask for, or undefined; at most one of them may be given. */
export async function requestBody(ctx: Context, opts: BodyOptions): Promise<RequestBody | undefined> {
  const given = [opts.data !== undefined, (opts.form?.length ?? 0) > 0, (opts.multipart?.length ?? 0) > 0, opts.jsonBody !== undefined].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of -d/--data, --form, -F/--multipart and --json-body');
  if (opts.multipart && opts.multipart.length > 0) return multipartBody(ctx, opts.multipart, MAX_BODY_BYTES);
  if (opts.jsonBody !== undefined) {
    try {
      JSON.parse(opts.jsonBody);
    } catch (err) {
      throw new UsageError(`--json-body is not JSON: ${(err as Error).message}`);
    }
    return { body: Buffer.from(opts.jsonBody), contentType: 'application/json' };
  }
  if (opts.form && opts.form.length > 0) {
    const pairs = opts.form.map((kv): [string, string] => {
      const eq = kv.indexOf('=');
      if (eq < 0) throw new UsageError(`--form wants KEY=VALUE, got '${kv}'`);
      return [kv.slice(0, eq), kv.slice(eq + 1)];
    });
    return { body: Buffer.from(urlencode(pairs)), contentType: 'application/x-www-form-urlencoded' };
  }
  if (opts.data === undefined) return undefined;
  const contentType = 'application/x-www-form-urlencoded';
  if (opts.data === '@-') {
    if (ctx.io.stdin.isTTY) throw new UsageError("-d @- reads the body from standard input, which is a terminal");
    return { body: await readAll(ctx.io.stdin), contentType };
  }
  if (opts.data.startsWith('@')) {
    const file = opts.data.slice(1);
    try {
      return { body: await readFile(resolve(ctx.io.cwd, file)), contentType };
    } catch (err) {
      throw new FileError(err, file);
    }
  }
  return { body: Buffer.from(opts.data), contentType };
}
