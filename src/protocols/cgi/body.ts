// The request body of a CGI request read from stdin with a cap: nothing for GET and HEAD
// (FieldStorage reads QUERY_STRING then), at most CONTENT_LENGTH bytes when it is a
// number (so a server that keeps stdin open never blocks us), else to end of input.
import { parsePyInt } from '../core/py-text.js';
import { CgiLimitError } from './errors.js';

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

/** False for GET and HEAD (and no method, which FieldStorage takes as GET): stdin is not read. */
export function bodyExpected(env: Readonly<Record<string, string | undefined>>): boolean {
  const method = (env.REQUEST_METHOD ?? 'GET').toUpperCase();
  return method !== 'GET' && method !== 'HEAD';
}

/** The bytes FieldStorage will see as its fp; throws CgiLimitError past `maxBody` bytes. */
export async function readRequestBody(stream: AsyncIterable<Uint8Array | string>, env: Readonly<Record<string, string | undefined>>, maxBody = DEFAULT_MAX_BODY): Promise<Uint8Array> {
  if (!bodyExpected(env)) return new Uint8Array(0);
  const clen = env.CONTENT_LENGTH === undefined ? undefined : parsePyInt(env.CONTENT_LENGTH, 10);
  const want = clen !== undefined && clen >= 0n ? clen : undefined;
  if (want !== undefined && want > BigInt(maxBody)) throw new CgiLimitError(`request body of ${want} bytes (CONTENT_LENGTH) is over the limit of ${maxBody} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    let buf = Buffer.from(chunk);
    if (want !== undefined && size + buf.length >= Number(want)) {
      buf = buf.subarray(0, Number(want) - size);
      chunks.push(buf);
      size += buf.length;
      break;
    }
    size += buf.length;
    if (size > maxBody) throw new CgiLimitError(`request body is over the limit of ${maxBody} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
