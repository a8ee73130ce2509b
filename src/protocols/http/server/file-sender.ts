// Sends one regular file: SimpleHTTPRequestHandler's 200/304 exactly in Python mode, and in
// netkit's HTTP/1.1 mode the extras — ETag, Accept-Ranges, preconditions in RFC 9110
// §13.2.2's order (If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since with
// Python's one-second rule), If-Range, single and multipart byte ranges, and gzip when the
// client accepts it (decided before the preconditions, so a gzipped response's ETag is its
// own variant). Small files are kept in memory keyed by (inode, size, mtime), their gzip
// made once; large files are streamed from disk (gzip through zlib with backpressure).
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { createGzip, gzipSync } from 'node:zlib';
import type { Exchange } from './exchange.js';
import { guessType } from './simple/mimetypes.js';
import { formatHttpDate, parseHttpDate } from './simple/http-date.js';
import { contentRange, decideCompression, evaluatePreconditions, makeEtag, multipartByteranges, planRange, rangeApplies, unsatisfiedContentRange, variantEtag, type ByteRange, type RequestHeaders } from './conditional/index.js';

export interface FileSenderOptions {
  /** ETag, ranges, preconditions (and gzip if `gzip`); false: Python's exact responses. */
  extras: boolean;
  /** gzip compressible responses for clients that accept it (extras only). */
  gzip: boolean;
  /** True for a path that must not be served (a symbolic link leading outside the root): 404. Checked on cache misses. */
  refuse?: ((path: string) => boolean) | undefined;
}

/** Files up to this size are cached in memory. */
const CACHE_FILE_MAX = 256 * 1024;
const CACHE_TOTAL_MAX = 64 * 1024 * 1024;

interface Meta {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  type: string;
  /** Python's lines: Content-type, Content-Length, Last-Modified. */
  lines: string;
  etag: string;
  /** gzip is on and could apply (type and size): Vary is sent and Accept-Encoding is looked at. */
  compressible: boolean;
  /** The extras' ETag, Accept-Ranges (and Vary) lines of the identity response, and lines + those. */
  identityCommon: string;
  identityLines: string;
}

interface Cached extends Meta {
  body: Buffer;
  gz: Buffer | undefined;
}

const CONDITIONAL = ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range'] as const;

function metaOf(path: string, st: Stats, gzip: boolean): Meta {
  const type = guessType(path);
  const etag = makeEtag(st);
  const compressible = gzip && decideCompression({ acceptEncoding: 'gzip', contentType: type, size: st.size }).vary;
  const lines = `Content-type: ${type}\r\nContent-Length: ${st.size}\r\nLast-Modified: ${formatHttpDate(st.mtimeMs)}\r\n`;
  const identityCommon = `ETag: ${etag}\r\nAccept-Ranges: bytes\r\n${compressible ? 'Vary: Accept-Encoding\r\n' : ''}`;
  return {
    dev: st.dev,
    identityCommon,
    identityLines: lines + identityCommon,
    ino: st.ino,
    size: st.size,
    mtimeMs: st.mtimeMs,
    type,
    lines,
    etag,
    compressible,
  };
}

/** Python's If-Modified-Since (ignored when If-None-Match is present). */
function notModified(x: Exchange, mtimeMs: number): boolean {
  const h = x.headers;
  if (!h || !h.has('if-modified-since') || h.has('if-none-match')) return false;
  const ims = parseHttpDate(h.get('if-modified-since')!);
  return ims !== undefined && Math.floor(mtimeMs / 1000) * 1000 <= ims;
}

/** Bytes start..end (inclusive) of the open file, without closing it. */
function slice(fd: number, start: number, end: number): AsyncIterable<Buffer> {
  return createReadStream('', { fd, autoClose: false, start, end, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>;
}

async function* multipart(parts: Array<{ head: Buffer; start: number; end: number }>, trailer: Buffer, body: Buffer | undefined, fd: number | undefined): AsyncGenerator<Buffer> {
  try {
    for (const p of parts) {
      yield p.head;
      if (body) yield body.subarray(p.start, p.end + 1);
      else for await (const chunk of slice(fd!, p.start, p.end)) yield chunk;
    }
    yield trailer;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function makeFileSender(options: FileSenderOptions): (x: Exchange, path: string, st: Stats) => void {
  const cache = new Map<string, Cached>();
  let cached = 0;

  function remember(path: string, meta: Meta, body: Buffer): Cached {
    if (cached + body.length > CACHE_TOTAL_MAX) {
      cache.clear();
      cached = 0;
    }
    const old = cache.get(path);
    if (old) cached -= old.body.length;
    const entry: Cached = { ...meta, body, gz: undefined };
    cache.set(path, entry);
    cached += body.length;
    return entry;
  }

  /** Python mode, or an extras request without any header that changes the answer. */
  function plain(x: Exchange, meta: Meta, body: Buffer | undefined, fd: number | undefined, extra: string): void {
    if (notModified(x, meta.mtimeMs)) {
      if (fd !== undefined) closeSync(fd);
      x.respond(304, undefined, extra && `ETag: ${meta.etag}\r\n`);
      return;
    }
    if (body) x.respond(200, undefined, meta.lines + extra, body);
    else x.respondFile(200, undefined, meta.lines + extra, fd!, meta.size);
  }

  function extended(x: Exchange, meta: Meta, entry: Cached | undefined, fd: number | undefined): void {
    const h = x.headers!;
    const body = entry?.body;
    const isGet = x.method === 'GET';
    const wantsRange = isGet && h.has('range');
    const mayGzip = meta.compressible && h.has('accept-encoding');
    if (!mayGzip && !wantsRange && !CONDITIONAL.some((n) => h.has(n))) {
      // The common case, with the head lines made once per file.
      if (body) x.respond(200, undefined, meta.identityLines, body);
      else x.respondFile(200, undefined, meta.identityLines, fd!, meta.size);
      return;
    }
    const decision = mayGzip ? decideCompression({ acceptEncoding: h.get('accept-encoding'), contentType: meta.type, size: meta.size, partial: wantsRange }) : { gzip: false, vary: meta.compressible };
    const etag = decision.gzip ? variantEtag(meta.etag, 'gzip') : meta.etag;
    const vary = decision.vary ? 'Vary: Accept-Encoding\r\n' : '';
    const common = `ETag: ${etag}\r\nAccept-Ranges: bytes\r\n${vary}`;
    if (!decision.gzip && !wantsRange && !CONDITIONAL.some((n) => h.has(n))) {
      plain(x, meta, body, fd, common);
      return;
    }
    const record: RequestHeaders = {};
    for (const n of CONDITIONAL) record[n] = h.get(n);
    const validators = { etag, lastModifiedMs: meta.mtimeMs };
    const pre = evaluatePreconditions(x.method, record, validators);
    if (pre !== 'proceed') {
      if (fd !== undefined) closeSync(fd);
      if (pre === 304) x.respond(304, undefined, `ETag: ${etag}\r\n${vary}`);
      else x.error(412);
      return;
    }
    if (wantsRange && rangeApplies(record, validators)) {
      const plan = planRange(h.get('range'), meta.size, x.method);
      if (plan.kind === 'unsatisfiable') {
        if (fd !== undefined) closeSync(fd);
        x.respond(416, undefined, `Content-Range: ${unsatisfiedContentRange(meta.size)}\r\nContent-Length: 0\r\n${common}`);
        return;
      }
      if (plan.kind === 'ranges') {
        sendRanges(x, meta, plan.ranges, body, fd, common);
        return;
      }
    }
    if (!decision.gzip) {
      // Ranges did not apply: the full identity response (If-Modified-Since already checked).
      if (body) x.respond(200, undefined, meta.lines + common, body);
      else x.respondFile(200, undefined, meta.lines + common, fd!, meta.size);
      return;
    }
    const lm = `Last-Modified: ${formatHttpDate(meta.mtimeMs)}\r\n`;
    const head = `Content-type: ${meta.type}\r\nContent-Encoding: gzip\r\n${lm}${common}`;
    if (entry) {
      entry.gz ??= gzipSync(entry.body);
      x.respond(200, undefined, `${head}Content-Length: ${entry.gz.length}\r\n`, entry.gz);
      return;
    }
    if (x.method === 'HEAD') {
      closeSync(fd!);
      void x.respondStream(200, undefined, head, (async function* () {})());
      return;
    }
    // Streamed through zlib: memory stays flat whatever the size (backpressure both ways).
    const gz = createReadStream('', { fd: fd!, autoClose: true, highWaterMark: 256 * 1024 }).pipe(createGzip({ level: 6 }));
    void x.respondStream(200, undefined, head, gz as AsyncIterable<Buffer>);
  }

  function sendRanges(x: Exchange, meta: Meta, ranges: ByteRange[], body: Buffer | undefined, fd: number | undefined, common: string): void {
    if (ranges.length === 1) {
      const r = ranges[0]!;
      const length = r.end - r.start + 1;
      const lines = `Content-type: ${meta.type}\r\nContent-Range: ${contentRange(r, meta.size)}\r\nContent-Length: ${length}\r\nLast-Modified: ${formatHttpDate(meta.mtimeMs)}\r\n${common}`;
      if (body) x.respond(206, undefined, lines, body.subarray(r.start, r.end + 1));
      else x.respondFile(206, undefined, lines, fd!, length, r.start);
      return;
    }
    const plan = multipartByteranges(ranges, meta.type, meta.size);
    const lines = `Content-Type: ${plan.contentType}\r\nLast-Modified: ${formatHttpDate(meta.mtimeMs)}\r\n${common}`;
    if (x.method === 'HEAD' || body) {
      if (fd !== undefined) closeSync(fd);
      const whole = body ? Buffer.concat(plan.parts.flatMap((p) => [p.head, body.subarray(p.start, p.end + 1)]).concat(plan.trailer)) : undefined;
      x.respond(206, undefined, `${lines}Content-Length: ${plan.contentLength}\r\n`, whole);
      return;
    }
    void x.respondStream(206, undefined, lines, multipart(plan.parts, plan.trailer, undefined, fd), plan.contentLength);
  }

  return function sendFile(x: Exchange, path: string, st: Stats): void {
    const hit = cache.get(path);
    if (hit && hit.ino === st.ino && hit.dev === st.dev && hit.size === st.size && hit.mtimeMs === st.mtimeMs) {
      if (options.extras && x.headers) extended(x, hit, hit, undefined);
      else plain(x, hit, hit.body, undefined, '');
      return;
    }
    if (options.refuse?.(path)) {
      x.error(404, 'File not found');
      return;
    }
    let fd: number;
    let fs: Stats;
    try {
      fd = openSync(path, 'r');
    } catch {
      x.error(404, 'File not found');
      return;
    }
    try {
      fs = fstatSync(fd);
    } catch {
      closeSync(fd);
      x.error(404, 'File not found');
      return;
    }
    const meta = metaOf(path, fs, options.gzip);
    let entry: Cached | undefined;
    if (fs.size <= CACHE_FILE_MAX && fs.isFile()) {
      let body: Buffer;
      try {
        body = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      if (body.length !== fs.size) {
        // Changed while read: serve what was read, keep nothing.
        x.respond(200, undefined, meta.lines.replace(/Content-Length: \d+/, `Content-Length: ${body.length}`), body);
        return;
      }
      entry = remember(path, meta, body);
      if (options.extras && x.headers) extended(x, entry, entry, undefined);
      else plain(x, entry, body, undefined, '');
      return;
    }
    if (options.extras && x.headers) extended(x, meta, undefined, fd);
    else plain(x, meta, undefined, fd, '');
  };
}
