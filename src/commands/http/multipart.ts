// multipart/form-data bodies for -F NAME=VALUE and -F NAME=@FILE (RFC 7578): one part per
// field in order, a file part with its base name and a Content-Type guessed from it.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { FileError } from '../../cli/files.js';
import { guessType } from '../../protocols/http/urllib/mimetypes.js';

// RFC 7578 §4.2 with the HTML form encoding: '"' and CR/LF escaped in names and filenames.
function quoted(text: string): string {
  return '"' + text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A') + '"';
}

/** The body and Content-Type for the -F fields, read in order; files are capped at `maxBytes` in all. */
export async function multipartBody(ctx: Context, fields: readonly string[], maxBytes: number): Promise<{ body: Buffer; contentType: string }> {
  const boundary = `----netkit${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  let size = 0;
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq <= 0) throw new UsageError(`-F wants NAME=VALUE or NAME=@FILE, got '${field}'`);
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}`;
    let content: Buffer;
    if (value.startsWith('@')) {
      const file = value.slice(1);
      try {
        content = await readFile(resolve(ctx.io.cwd, file));
      } catch (err) {
        throw new FileError(err, file);
      }
      head += `; filename=${quoted(basename(file))}\r\nContent-Type: ${guessType(file)[0] ?? 'application/octet-stream'}`;
    } else {
      content = Buffer.from(value);
    }
    size += content.length;
    if (size > maxBytes) throw new UsageError(`the request body is larger than ${maxBytes} bytes`);
    parts.push(Buffer.from(head + '\r\n\r\n'), content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
