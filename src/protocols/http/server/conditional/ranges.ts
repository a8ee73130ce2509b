// RFC 9110 §14 byte ranges for a static representation of known length: parsing `Range`
// into a plan (full 200, 416, or the byte ranges to send as 206), the Content-Range values,
// and the multipart/byteranges framing (§14.6) whose part headers and trailer the engine
// interleaves with the file slices it streams. Pure functions; no I/O.
//
// Policy (each allowed by §14.2, which lets a server ignore Range or coalesce ranges):
// - GET is the only method with range semantics (§14.2); callers pass the method.
// - A unit other than `bytes`, or any syntactically invalid range-spec (including
//   last-pos < first-pos, as §14.1.1 calls it invalid), makes the whole field ignored: 200.
// - More than MAX_RANGES range-specs: the field is ignored (200), as nginx's max_ranges
//   and Apache's MaxRanges do, so 10,000 tiny ranges cannot amplify the response.
// - Numbers of any size are accepted (compared as digit strings, beyond 2^53 too).
// - A zero-length representation ignores Range (200, empty body).
// - Unsatisfiable specs are dropped; none left: 416 with `Content-Range: bytes */LEN`.
// - Ranges that overlap or touch are coalesced (sorted, merged); otherwise the request
//   order is kept (§14.6 asks for it).
import { randomBytes } from 'node:crypto';

export interface ByteRange {
  /** First byte offset, inclusive. */
  start: number;
  /** Last byte offset, inclusive. */
  end: number;
}

export type RangePlan = { kind: 'full' } | { kind: 'unsatisfiable' } | { kind: 'ranges'; ranges: ByteRange[] };

/** At most this many range-specs are considered; more and the Range field is ignored. */
export const MAX_RANGES = 32;

const FULL: RangePlan = { kind: 'full' };
const SPEC = /^(?:(\d+)-(\d*)|-(\d+))$/;

/** A non-negative decimal digit string as a number, saturating at MAX_SAFE_INTEGER + 1. */
function toNumber(digits: string): number {
  const s = digits.replace(/^0+(?=\d)/, '');
  return s.length > 15 ? Math.min(Number(s), Number.MAX_SAFE_INTEGER + 1) : Number(s);
}

/**
 * The plan for a request's Range field value (undefined: no Range field) against a
 * representation of `length` bytes. `method` defaults to GET; any other method → full.
 */
export function planRange(range: string | undefined, length: number, method = 'GET'): RangePlan {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`bad representation length ${length}`);
  if (range === undefined || method !== 'GET' || length === 0) return FULL;
  const value = range.replace(/^[ \t]+|[ \t]+$/g, '');
  const eq = value.indexOf('=');
  if (eq < 0 || value.slice(0, eq).toLowerCase() !== 'bytes') return FULL;
  // 1#range-spec: OWS around commas, empty list elements allowed (RFC 9110 §5.6.1); OWS
  // right after '=' is tolerated too (nginx does), but not inside a range-spec.
  const elements = value
    .slice(eq + 1)
    .split(',')
    .map((e) => e.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((e) => e !== '');
  if (elements.length === 0 || elements.length > MAX_RANGES) return FULL;
  const wanted: ByteRange[] = [];
  for (const el of elements) {
    const m = SPEC.exec(el);
    if (!m) return FULL;
    if (m[3] !== undefined) {
      const suffix = toNumber(m[3]);
      if (suffix > 0) wanted.push({ start: Math.max(0, length - suffix), end: length - 1 });
      continue; // a zero suffix-length is unsatisfiable
    }
    const first = toNumber(m[1]!);
    const last = m[2] === '' ? undefined : toNumber(m[2]!);
    if (last !== undefined && (last < first || BigInt(m[2]!) < BigInt(m[1]!))) return FULL; // an invalid range-spec
    if (first >= length) continue; // unsatisfiable
    wanted.push({ start: first, end: last === undefined ? length - 1 : Math.min(last, length - 1) });
  }
  if (wanted.length === 0) return { kind: 'unsatisfiable' };
  return { kind: 'ranges', ranges: coalesce(wanted) };
}

/** Request order when no two ranges overlap or touch; else sorted with those merged. */
export function coalesce(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  let touching = false;
  for (let i = 1; i < sorted.length && !touching; i++) touching = sorted[i]!.start <= sorted[i - 1]!.end + 1;
  if (!touching) return ranges.map((r) => ({ ...r }));
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.start <= prev.end + 1) prev.end = Math.max(prev.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** `bytes START-END/LEN` for a 206 (or a multipart part). */
export function contentRange(range: ByteRange, totalLength: number): string {
  return `bytes ${range.start}-${range.end}/${totalLength}`;
}

/** `bytes * /LEN` (without the space) for a 416. */
export function unsatisfiedContentRange(totalLength: number): string {
  return `bytes */${totalLength}`;
}

/** A fresh multipart boundary (RFC 2046 bchars, 32 characters). */
export function makeBoundary(): string {
  return `netkit-${randomBytes(12).toString('hex')}`;
}

export interface MultipartPlan {
  /** The response's Content-Type: `multipart/byteranges; boundary=...`. */
  contentType: string;
  /** Send, in order: parts[i].head then the representation bytes start..end (inclusive); then trailer. */
  parts: Array<{ head: Buffer; start: number; end: number }>;
  trailer: Buffer;
  /** The response's Content-Length: every head, slice and the trailer. */
  contentLength: number;
}

/**
 * The multipart/byteranges framing (RFC 9110 §14.6) for `ranges` of a representation of
 * `totalLength` bytes whose type is `contentType` (omitted from the parts when empty).
 */
export function multipartByteranges(ranges: ByteRange[], contentType: string | undefined, totalLength: number, boundary = makeBoundary()): MultipartPlan {
  if (!/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary)) throw new RangeError(`bad multipart boundary ${JSON.stringify(boundary)}`);
  if (contentType !== undefined && /[\r\n]/.test(contentType)) throw new RangeError('bad part content type');
  const typeLine = contentType ? `Content-Type: ${contentType}\r\n` : '';
  const parts = ranges.map((r) => ({
    head: Buffer.from(`\r\n--${boundary}\r\n${typeLine}Content-Range: ${contentRange(r, totalLength)}\r\n\r\n`, 'latin1'),
    start: r.start,
    end: r.end,
  }));
  const trailer = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1');
  const contentLength = parts.reduce((n, p) => n + p.head.length + (p.end - p.start + 1), trailer.length);
  const quoted = /[^0-9A-Za-z!#$%&'*+\-.^_`|~]/.test(boundary) ? `"${boundary}"` : boundary;
  return { contentType: `multipart/byteranges; boundary=${quoted}`, parts, trailer, contentLength };
}
