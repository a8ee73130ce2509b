// Content-Encoding decoding (gzip, x-gzip, deflate, br) of a body stream, with a cap on
// the decoded size so a small compressed bomb cannot fill memory or disk.
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';
import { DecompressedSizeExceeded, HTTPException } from './errors.js';

/** The encodings decodeBody understands, as sent in Accept-Encoding. */
export const SUPPORTED_ENCODINGS = 'gzip, deflate, br';

/** True when `encoding` (a Content-Encoding value) is one decodeBody can undo. */
export function canDecode(encoding: string | undefined): boolean {
  const e = (encoding ?? '').trim().toLowerCase();
  return e === 'gzip' || e === 'x-gzip' || e === 'deflate' || e === 'br';
}

function decoderFor(encoding: string, first: Buffer): Transform {
  if (encoding === 'br') return createBrotliDecompress();
  if (encoding === 'deflate') {
    // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
    const zlibHeader = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
    return zlibHeader ? createInflate() : createInflateRaw();
  }
  return createGunzip();
}

/** Decodes `raw` per `encoding`, yielding at most `limit` decoded bytes, then throwing. */
export async function* decodeBody(raw: AsyncIterable<Buffer>, encoding: string, limit: number): AsyncGenerator<Buffer> {
  const it = raw[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const first = head.value;
  async function* rest(): AsyncGenerator<Buffer> {
    try {
      yield first;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }
  const source = Readable.from(rest(), { objectMode: false });
  const decoder = decoderFor(encoding.trim().toLowerCase(), first);
  let sourceError: unknown;
  source.on('error', (e) => {
    sourceError = e;
    decoder.destroy(e);
  });
  source.pipe(decoder);
  let total = 0;
  try {
    for await (const piece of decoder as AsyncIterable<Buffer>) {
      total += piece.length;
      if (total > limit) throw new DecompressedSizeExceeded(limit);
      yield piece;
    }
  } catch (err) {
    if (sourceError !== undefined) throw sourceError;
    if (err instanceof DecompressedSizeExceeded) throw err;
    throw new HTTPException(`error decoding ${encoding} body: ${(err as Error).message}`, 'zlib.error', 'ERR_DECODING', 'failure');
  } finally {
    source.unpipe(decoder);
    source.destroy();
    decoder.destroy();
  }
}
