// RFC 9110 validators for static files: a strong ETag from the file's stat, entity-tag
// list parsing, strong/weak comparison (§8.8.3.2), and the evaluation of conditional
// requests in §13.2.2's order — If-Match, If-Unmodified-Since, If-None-Match,
// If-Modified-Since — plus If-Range (§13.1.5) deciding whether Range applies. Pure
// functions over lower-case request headers (Node's IncomingHttpHeaders shape).
//
// Per §13.2.1 the caller evaluates preconditions only when the response without them would
// be 2xx (e.g. not for a 404). HTTP-dates are read with http/server/simple/http-date.ts
// (all three RFC 9110 formats, UTC zones only; an unreadable date ignores its header).
// Unparsable members of an entity-tag list match nothing: If-Match junk → 412, If-None-Match
// junk → the request proceeds. Python's own If-Modified-Since rules live in the engine.
import { parseHttpDate } from '../simple/http-date.js';

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface Validators {
  /** The selected representation's entity-tag, quoted, possibly `W/`-prefixed. */
  etag?: string | undefined;
  /** Last-Modified in epoch ms (compared at one-second resolution, as HTTP-date is). */
  lastModifiedMs?: number | undefined;
  /** Whether a current representation exists (If-Match: * / If-None-Match: *); default true. */
  exists?: boolean;
}

export interface EntityTag {
  weak: boolean;
  /** The opaque-tag including its double quotes. */
  opaque: string;
}

/** A strong ETag from stat fields: `"<size hex>-<mtime ms hex>"`, or `"<ino hex>-<size hex>-<mtime ms hex>"`. */
export function makeEtag(stat: { size: number; mtimeMs: number; ino?: number | bigint | undefined }): string {
  const hex = (n: number | bigint): string => (typeof n === 'bigint' ? n : BigInt(Math.trunc(n))).toString(16);
  const core = `${hex(stat.size)}-${hex(Math.floor(stat.mtimeMs))}`;
  return stat.ino === undefined ? `"${core}"` : `"${hex(stat.ino)}-${core}"`;
}

/**
 * The ETag of a content-coded variant (gzip): a strong validator must differ between
 * codings of one resource (§8.8.3), so the coding is appended inside the quotes.
 */
export function variantEtag(etag: string, coding: string): string {
  const t = parseEntityTag(etag);
  if (!t) throw new RangeError(`not an entity-tag: ${etag}`);
  return `${t.weak ? 'W/' : ''}${t.opaque.slice(0, -1)}-${coding}"`;
}

const ETAGC = /^"[\x21\x23-\x7e\x80-\xff]*"$/;

/** One entity-tag (`"x"` or `W/"x"`), or undefined when it is not one. */
export function parseEntityTag(text: string): EntityTag | undefined {
  const weak = text.startsWith('W/');
  const opaque = weak ? text.slice(2) : text;
  return ETAGC.test(opaque) ? { weak, opaque } : undefined;
}

/**
 * An If-Match / If-None-Match value: '*' or its entity-tags (`1#entity-tag`; commas inside
 * quotes belong to the tag). Members that are not entity-tags are dropped.
 */
export function parseEntityTagList(value: string): '*' | EntityTag[] {
  const v = value.trim();
  if (v === '*') return '*';
  const tags: EntityTag[] = [];
  let i = 0;
  while (i < v.length) {
    // one member: up to the next comma outside quotes
    let j = i;
    let quoted = false;
    while (j < v.length && (quoted || v[j] !== ',')) {
      if (v[j] === '"') quoted = !quoted;
      j++;
    }
    const tag = parseEntityTag(v.slice(i, j).replace(/^[ \t]+|[ \t]+$/g, ''));
    if (tag) tags.push(tag);
    i = j + 1;
  }
  return tags;
}

/** §8.8.3.2 strong comparison: both strong and the opaque-tags identical. */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/** §8.8.3.2 weak comparison: the opaque-tags identical, either may be weak. */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}

function header(headers: RequestHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** An HTTP-date field value in epoch ms, or undefined (absent, unreadable, or not UTC). */
function dateHeader(headers: RequestHeaders, name: string): number | undefined {
  const v = headers[name];
  if (v === undefined || Array.isArray(v)) return undefined; // a list of dates is ignored
  return parseHttpDate(v);
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

function listMatches(value: string, etag: string | undefined, exists: boolean, strong: boolean): boolean {
  const list = parseEntityTagList(value);
  if (list === '*') return exists;
  const current = etag === undefined ? undefined : parseEntityTag(etag);
  if (!exists || !current) return false;
  return list.some((t) => (strong ? strongMatch(t, current) : weakMatch(t, current)));
}

/**
 * RFC 9110 §13.2.2 for one request: 412 when If-Match (strong comparison) or, without
 * If-Match, If-Unmodified-Since fails; 304 for GET/HEAD (412 otherwise) when If-None-Match
 * (weak comparison) fails or, without If-None-Match, If-Modified-Since says not modified
 * (GET/HEAD only); else 'proceed' (then check rangeApplies for If-Range).
 */
export function evaluatePreconditions(method: string, headers: RequestHeaders, validators: Validators): 'proceed' | 304 | 412 {
  const { etag, lastModifiedMs } = validators;
  const exists = validators.exists ?? true;
  const getOrHead = method === 'GET' || method === 'HEAD';
  const ifMatch = header(headers, 'if-match');
  if (ifMatch !== undefined) {
    if (!listMatches(ifMatch, etag, exists, true)) return 412;
  } else if (lastModifiedMs !== undefined && exists) {
    const since = dateHeader(headers, 'if-unmodified-since');
    if (since !== undefined && seconds(lastModifiedMs) > seconds(since)) return 412;
  }
  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    if (listMatches(ifNoneMatch, etag, exists, false)) return getOrHead ? 304 : 412;
  } else if (getOrHead && lastModifiedMs !== undefined && exists) {
    const since = dateHeader(headers, 'if-modified-since');
    if (since !== undefined && seconds(lastModifiedMs) <= seconds(since)) return 304;
  }
  return 'proceed';
}

/**
 * §13.1.5 If-Range: true (send the ranges) when there is no If-Range, when its entity-tag
 * strongly matches the current one, or when its HTTP-date equals Last-Modified to the
 * second and Last-Modified is a strong validator (§8.8.2.2: at least one second before
 * `nowMs`, the response's Date). Otherwise false: ignore Range and send the full 200.
 */
export function rangeApplies(headers: RequestHeaders, validators: Validators, nowMs = Date.now()): boolean {
  const v = headers['if-range'];
  if (v === undefined) return true;
  if (Array.isArray(v)) return false;
  const value = v.trim();
  if (value.startsWith('"') || value.startsWith('W/"')) {
    const tag = parseEntityTag(value);
    const current = validators.etag === undefined ? undefined : parseEntityTag(validators.etag);
    return tag !== undefined && current !== undefined && strongMatch(tag, current);
  }
  const date = parseHttpDate(value);
  const lm = validators.lastModifiedMs;
  if (date === undefined || lm === undefined) return false;
  return seconds(lm) === seconds(date) && seconds(lm) < seconds(nowMs);
}
