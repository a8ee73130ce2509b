// --max-filesize BYTES (curl's option) for the verbs that download (http get ..., url
// retrieve): a body announced or grown larger than the limit is refused. Without it a
// streamed download has no cap, as with curl; bodies read into memory keep the engine's.
import { NetkitError } from '../protocols/core/errors.js';

/** The body is larger than --max-filesize (curl: "(63) Maximum file size exceeded"). */
export class MaxFileSizeExceeded extends NetkitError {
  override name = 'MaxFileSizeExceeded';
  constructor(limit: number, announced?: number) {
    const what = announced === undefined ? `more than ${limit} bytes arrived` : `the server announced ${announced} bytes`;
    super(`maximum file size exceeded: ${what} (--max-filesize ${limit})`, { code: 'ERR_MAX_FILESIZE' });
  }
}

/**
 * A size check for one body: `announced(contentLength)` refuses a Content-Length over the
 * limit before anything is written; `add(n)` counts bytes as they arrive and throws once
 * the total passes it. `offset` is what the file already holds (a resumed download).
 */
export function sizeLimit(limit: number | undefined, offset = 0): { announced(contentLength: string | undefined): void; add(n: number): void } {
  let total = offset;
  return {
    announced(contentLength) {
      if (limit === undefined || contentLength === undefined || !/^\s*\d+\s*$/.test(contentLength)) return;
      const size = offset + Number(contentLength);
      if (size > limit) throw new MaxFileSizeExceeded(limit, size);
    },
    add(n) {
      total += n;
      if (limit !== undefined && total > limit) throw new MaxFileSizeExceeded(limit);
    },
  };
}
