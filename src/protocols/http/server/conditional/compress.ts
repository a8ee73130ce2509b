// Whether a static response is gzipped on the fly: Accept-Encoding with q-values
// (RFC 9110 §12.5.3), a compressible-type list, a minimum size, and the cases that never
// compress (Range responses, content already coded, Cache-Control: no-transform).
//
// Decisions (documented divergences from the RFC's permissiveness):
// - No Accept-Encoding field: identity (§12.5.3 allows any coding, but clients that do not
//   send the field often cannot decode; nginx and Apache do the same).
// - `gzip` or `x-gzip` with q > 0 accepts gzip; `gzip;q=0` refuses it even when `*` is
//   acceptable; without a gzip member, `*` with q > 0 accepts it. Malformed q → the member
//   is ignored.
// - Compressible: text/*, JSON (application/json, *+json, ndjson), XML (application/xml,
//   *+xml, which covers image/svg+xml, xhtml, atom, rss), JavaScript (application/
//   javascript, x-javascript, ecmascript), application/wasm (typically shrinks 60-70%),
//   uncompressed fonts (font/ttf, font/otf, font/collection, ms-fontobject), and
//   image/bmp, image/x-icon / vnd.microsoft.icon, application/x-sh, application/graphql.
//   Not: images, audio, video, archives, woff/woff2 (already compressed).
// - Minimum size 1 KiB: below it gzip's framing costs more than it saves.
// - Vary: Accept-Encoding whenever the answer could have depended on Accept-Encoding (the
//   type, size, coding and Cache-Control make it eligible), including 206 responses and
//   clients that did not ask, so shared caches keep the variants apart (nginx gzip_vary).

/** Responses smaller than this are not compressed. */
export const MIN_GZIP_SIZE = 1024;

/** A q-value per lower-cased coding ('*' included), from an Accept-Encoding value. */
export function parseAcceptEncoding(value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const member of value.split(',')) {
    const [coding, ...params] = member.split(';').map((s) => s.replace(/^[ \t]+|[ \t]+$/g, ''));
    if (!coding || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(coding)) continue;
    let q = 1;
    let ok = true;
    for (const p of params) {
      const m = /^[qQ][ \t]*=[ \t]*(.*)$/.exec(p);
      if (!m) continue; // other parameters have no meaning here
      if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(m[1]!)) ok = false;
      else q = Number(m[1]);
    }
    const key = coding.toLowerCase();
    if (ok && !out.has(key)) out.set(key, q);
  }
  return out;
}

/** Whether the client accepts gzip (see the file header for the rules). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined) return false;
  const q = parseAcceptEncoding(acceptEncoding);
  const gzip = q.get('gzip') ?? q.get('x-gzip');
  if (gzip !== undefined) return gzip > 0;
  return (q.get('*') ?? 0) > 0;
}

const COMPRESSIBLE = new Set([
  'application/json',
  'application/x-ndjson',
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/wasm',
  'application/graphql',
  'application/x-sh',
  'application/vnd.ms-fontobject',
  'font/ttf',
  'font/otf',
  'font/collection',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

/** Whether a Content-Type (parameters allowed) is worth gzipping. */
export function isCompressibleType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/')) return true;
  if (COMPRESSIBLE.has(type)) return true;
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+\+(?:json|xml)$/.test(type);
}

export interface CompressionInput {
  /** The request's Accept-Encoding value (undefined: no field). */
  acceptEncoding: string | undefined;
  /** The response's Content-Type. */
  contentType: string | undefined;
  /** The response's Content-Encoding, if any (e.g. a .gz file served as gzip). */
  contentEncoding?: string | undefined;
  /** The identity body size in bytes. */
  size: number;
  /** A 206 (Range) response: never compressed (the ranges address the identity bytes). */
  partial?: boolean;
  /** The response's Cache-Control value (no-transform forbids compressing). */
  cacheControl?: string | undefined;
  /** Override of MIN_GZIP_SIZE. */
  minSize?: number;
}

export interface CompressionDecision {
  gzip: boolean;
  /** Add `Vary: Accept-Encoding` to the response. */
  vary: boolean;
}

/** Whether to gzip this response and whether it needs Vary: Accept-Encoding. */
export function decideCompression(input: CompressionInput): CompressionDecision {
  const coded = input.contentEncoding !== undefined && input.contentEncoding.trim() !== '' && input.contentEncoding.trim().toLowerCase() !== 'identity';
  const noTransform = input.cacheControl !== undefined && /(?:^|[,\s])no-transform(?:$|[,\s=])/i.test(input.cacheControl);
  const eligible = !coded && !noTransform && isCompressibleType(input.contentType) && input.size >= (input.minSize ?? MIN_GZIP_SIZE);
  return { gzip: eligible && !input.partial && acceptsGzip(input.acceptEncoding), vary: eligible };
}
