// cgi.FieldStorage of CPython 3.11, over a request body already in memory: the same
// header defaults from the CGI environment, read_urlencoded, read_multi (nested parts,
// max_num_fields, the 1<<16 line cap), read_single, skip_lines, and their quirks.
import { PyValueError } from '../core/errors.js';
import { parsePyInt } from '../core/py-text.js';
import { parseQsl } from '../url/quote.js';
import { decodeBytes } from '../url/codec.js';
import { BodyReader, bytesEqual, bytesRstrip, bytesStrip, concatBytes, endsWith } from './reader.js';
import { param, parseHeader, validBoundary } from './header.js';
import { PartHeaders, parsePartHeaders } from './part-headers.js';
import { BoundaryError, CgiLimitError } from './errors.js';
import { pyBytesRepr } from '../core/py-text.js';

/** A name=value pair from a query string or urlencoded body (MiniFieldStorage). */
export interface MiniField {
  kind: 'mini';
  name: string;
  value: string;
}

/** A FieldStorage: the whole request, or one multipart part. Exactly one of list, text, bytes is set (or none). */
export interface FieldPart {
  kind: 'part';
  name: string | null;
  filename: string | null;
  disposition: string;
  dispositionOptions: Array<[string, string]>;
  type: string;
  typeOptions: Array<[string, string]>;
  headers: Array<[string, string]>;
  /** Parsed fields (urlencoded or multipart content). */
  list: FormItem[] | null;
  /** A single value without a filename, decoded. */
  text: string | null;
  /** The content of a part with a filename (an upload), as bytes. */
  bytes: Uint8Array | null;
}

export type FormItem = MiniField | FieldPart;

export interface FieldStorageOptions {
  keepBlankValues?: boolean;
  strictParsing?: boolean;
  /** max_num_fields: more fields raise ValueError('Max number of fields exceeded'). */
  maxNumFields?: number | null;
  separator?: string;
  /** The module global maxlen: a larger Content-Length raises ValueError('Maximum content length exceeded'). 0: none. */
  maxlen?: number;
  /** sys.argv[1:]: a GET without QUERY_STRING takes argv[1] as its query. */
  argv?: readonly string[];
  /** netkit's cap on multipart nesting (Python recurses until RecursionError). */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 32;
const LINE_CAP = 1 << 16;
const BUFSIZE = 8 * 1024;
const ENCODING = 'utf-8';
const ERRORS = 'replace';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const decode = (b: Uint8Array): string => decodeBytes(b, ENCODING, ERRORS);

interface State {
  env: Readonly<Record<string, string | undefined>>;
  opts: FieldStorageOptions;
}

class Storage {
  readonly part: FieldPart;
  bytesRead = 0;
  done = 0;
  private length = -1;
  private limit: number | null;
  private readonly innerboundary: Uint8Array;
  private readonly qsOnPost: string | null = null;
  private readonly binary: boolean;
  private chunks: Uint8Array[] = [];
  private textOut = '';

  constructor(
    private readonly st: State,
    private fp: BodyReader,
    given: PartHeaders | null,
    private readonly outer: Uint8Array,
    limit: number | null,
    private readonly maxNumFields: number | null,
    private readonly depth: number,
  ) {
    const env = st.env;
    const method = env.REQUEST_METHOD !== undefined ? env.REQUEST_METHOD.toUpperCase() : 'GET';
    let headers = given;
    if (method === 'GET' || method === 'HEAD') {
      const qs = env.QUERY_STRING ?? st.opts.argv?.[1] ?? '';
      this.fp = new BodyReader(utf8(qs));
      headers ??= new PartHeaders([['content-type', 'application/x-www-form-urlencoded']]);
    }
    if (headers === null) {
      const items = new Map<string, string>();
      if (method === 'POST') items.set('content-type', 'application/x-www-form-urlencoded');
      if (env.CONTENT_TYPE !== undefined) items.set('content-type', env.CONTENT_TYPE);
      if (env.QUERY_STRING !== undefined) this.qsOnPost = env.QUERY_STRING;
      if (env.CONTENT_LENGTH !== undefined) items.set('content-length', env.CONTENT_LENGTH);
      headers = new PartHeaders([...items]);
    }
    this.limit = limit;
    const cdisp = headers.has('content-disposition') ? parseHeader(headers.get('content-disposition')!) : { key: '', params: [] };
    const name = param(cdisp, 'name') ?? null;
    const filename = param(cdisp, 'filename') ?? null;
    this.binary = filename !== null;
    const ctype = headers.has('content-type')
      ? parseHeader(headers.get('content-type')!)
      : { key: outer.length || method !== 'POST' ? 'text/plain' : 'application/x-www-form-urlencoded', params: [] };
    const boundary = param(ctype, 'boundary');
    this.innerboundary = boundary !== undefined ? utf8(boundary) : new Uint8Array(0);
    if (headers.has('content-length')) {
      const n = parsePyInt(headers.get('content-length')!, 10);
      if (n !== undefined) this.length = Number(n);
      const maxlen = st.opts.maxlen ?? 0;
      if (maxlen && this.length > maxlen) throw new PyValueError('Maximum content length exceeded');
    }
    if (this.limit === null && this.length >= 0) this.limit = this.length;
    this.part = {
      kind: 'part',
      name,
      filename,
      disposition: cdisp.key,
      dispositionOptions: cdisp.params,
      type: ctype.key,
      typeOptions: ctype.params,
      headers: headers.items,
      list: null,
      text: null,
      bytes: null,
    };
    if (ctype.key === 'application/x-www-form-urlencoded') this.readUrlencoded();
    else if (ctype.key.slice(0, 10) === 'multipart/') this.readMulti();
    else this.readSingle();
  }

  private qsl(qs: string, maxNumFields: number | null): MiniField[] {
    const o = this.st.opts;
    return parseQsl(qs, { keepBlankValues: o.keepBlankValues, strictParsing: o.strictParsing, encoding: ENCODING, errors: ERRORS, maxNumFields, separator: o.separator ?? '&' }).map(
      ([name, value]) => ({ kind: 'mini', name, value }),
    );
  }

  private readUrlencoded(): void {
    let qs = decode(this.fp.read(this.length));
    if (this.qsOnPost) qs += '&' + this.qsOnPost;
    this.part.list = this.qsl(qs, this.maxNumFields);
    this.skipLines();
  }

  private readMulti(): void {
    const ib = this.innerboundary;
    if (!validBoundary(ib)) throw new BoundaryError(`Invalid boundary in multipart form: ${pyBytesRepr(ib)}`, this.depth);
    const maxDepth = this.st.opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    if (this.depth >= maxDepth) throw new CgiLimitError(`multipart nesting deeper than ${maxDepth} levels`);
    const list: FormItem[] = [];
    this.part.list = list;
    if (this.qsOnPost) list.push(...this.qsl(this.qsOnPost, this.maxNumFields));
    const marker = new Uint8Array([...Buffer.from('--'), ...ib]);
    let line = this.fp.readline();
    this.bytesRead += line.length;
    while (!bytesEqual(bytesStrip(line), marker) && line.length) {
      line = this.fp.readline();
      this.bytesRead += line.length;
    }
    let maxNum = this.maxNumFields;
    if (maxNum !== null) maxNum -= list.length;
    for (;;) {
      const hdr: Uint8Array[] = [];
      for (;;) {
        const data = this.fp.readline();
        hdr.push(data);
        if (!bytesStrip(data).length) break;
      }
      const hdrText = concatBytes(hdr);
      if (!hdrText.length) break;
      this.bytesRead += hdrText.length;
      const headers = parsePartHeaders(decode(hdrText));
      headers.delete('content-length'); // some clients add Content-Length to parts: ignored
      const limit = this.limit === null ? null : this.limit - this.bytesRead;
      const sub = new Storage(this.st, this.fp, headers, ib, limit, maxNum, this.depth + 1);
      if (maxNum !== null) {
        maxNum -= 1;
        if (sub.part.list?.length) maxNum -= sub.part.list.length;
        if (maxNum < 0) throw new PyValueError('Max number of fields exceeded');
      }
      this.bytesRead += sub.bytesRead;
      list.push(sub.part);
      if (sub.done || (this.length > 0 && this.bytesRead >= this.length)) break;
    }
    this.skipLines();
  }

  private readSingle(): void {
    if (this.length >= 0) {
      this.readBinary();
      this.skipLines();
    } else if (this.outer.length) this.readLinesToOuterboundary();
    else this.readLinesToEof();
    this.finish();
  }

  /**
   * read_binary: Content-Length bytes. Python writes them to a text-mode temporary file
   * when there is no filename (always, at the top level) and raises TypeError; netkit keeps
   * the body as the value (a documented divergence).
   */
  private readBinary(): void {
    let todo = this.length;
    while (todo > 0) {
      const data = this.fp.read(Math.min(todo, BUFSIZE));
      this.bytesRead += data.length;
      if (!data.length) {
        this.done = -1;
        break;
      }
      this.chunks.push(data);
      todo -= data.length;
    }
    if (!this.binary) {
      this.textOut = decode(concatBytes(this.chunks.length ? this.chunks : [new Uint8Array(0)]));
      this.chunks = [];
    }
  }

  /**
   * __write: bytes go to the value in order. Adjacent pieces of the body are joined without
   * a copy; text is decoded piece by piece as Python does, except that pieces are decoded
   * together where an ASCII byte on either side of the join makes that the same text.
   */
  private write(data: Uint8Array): void {
    if (!data.length) return;
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.buffer === data.buffer && last.byteOffset + last.length === data.byteOffset && (this.binary || last[last.length - 1]! < 0x80 || data[0]! < 0x80)) {
      this.chunks[this.chunks.length - 1] = new Uint8Array(data.buffer, last.byteOffset, last.length + data.length);
      return;
    }
    if (!this.binary) this.flushText();
    this.chunks.push(data);
  }

  private flushText(): void {
    for (const c of this.chunks) this.textOut += decode(c);
    this.chunks = [];
  }

  private readLinesToEof(): void {
    for (;;) {
      const line = this.fp.readline(LINE_CAP);
      this.bytesRead += line.length;
      if (!line.length) {
        this.done = -1;
        break;
      }
      this.write(line);
    }
  }

  private readLinesToOuterboundary(): void {
    const next = new Uint8Array([...Buffer.from('--'), ...this.outer]);
    const last = new Uint8Array([...next, ...Buffer.from('--')]);
    let delim: Uint8Array = new Uint8Array(0);
    let lastLineLfend = true;
    let read = 0;
    for (;;) {
      if (this.limit !== null && this.limit >= 0 && this.limit <= read) break;
      let line = this.fp.readline(LINE_CAP);
      this.bytesRead += line.length;
      read += line.length;
      if (!line.length) {
        this.done = -1;
        break;
      }
      if (delim.length === 1 && delim[0] === 0x0d) {
        line = this.fp.widen(line, 1); // the \r held back is the byte just before
        delim = new Uint8Array(0);
      }
      if (lastLineLfend && line[0] === 0x2d && line[1] === 0x2d) {
        const stripped = bytesRstrip(line);
        if (bytesEqual(stripped, next)) break;
        if (bytesEqual(stripped, last)) {
          this.done = 1;
          break;
        }
      }
      const odelim = delim;
      const n = line.length;
      if (n >= 2 && line[n - 2] === 0x0d && line[n - 1] === 0x0a) {
        delim = line.subarray(n - 2);
        line = line.subarray(0, n - 2);
        lastLineLfend = true;
      } else if (n >= 1 && line[n - 1] === 0x0a) {
        delim = line.subarray(n - 1);
        line = line.subarray(0, n - 1);
        lastLineLfend = true;
      } else if (n >= 1 && line[n - 1] === 0x0d) {
        delim = line.subarray(n - 1); // a \r\n may straddle the 1<<16 cap
        line = line.subarray(0, n - 1);
        lastLineLfend = false;
      } else {
        delim = new Uint8Array(0);
        lastLineLfend = false;
      }
      this.write(odelim);
      this.write(line);
    }
  }

  /** skip_lines: to the outer boundary, which it only knows on a line ending in "--" (Python's test). */
  private skipLines(): void {
    if (!this.outer.length || this.done) return;
    const next = new Uint8Array([...Buffer.from('--'), ...this.outer]);
    const last = new Uint8Array([...next, ...Buffer.from('--')]);
    const dash = Buffer.from('--');
    let lastLineLfend = true;
    for (;;) {
      const line = this.fp.readline(LINE_CAP);
      this.bytesRead += line.length;
      if (!line.length) {
        this.done = -1;
        break;
      }
      if (endsWith(line, dash) && lastLineLfend) {
        const stripped = bytesStrip(line);
        if (bytesEqual(stripped, next)) break;
        if (bytesEqual(stripped, last)) {
          this.done = 1;
          break;
        }
      }
      lastLineLfend = line.length > 0 && line[line.length - 1] === 0x0a;
    }
  }

  private finish(): void {
    if (this.binary) this.part.bytes = this.chunks.length ? concatBytes(this.chunks) : new Uint8Array(0);
    else {
      this.flushText();
      this.part.text = this.textOut;
    }
  }
}

/**
 * cgi.FieldStorage(fp=body, environ=env, ...): the whole request as a FieldPart. `body`
 * is what stdin holds (unused for GET and HEAD, which read QUERY_STRING).
 */
export function parseFieldStorage(env: Readonly<Record<string, string | undefined>>, body: Uint8Array, opts: FieldStorageOptions = {}): FieldPart {
  return parseFieldStorageFrom(env, new BodyReader(body), opts);
}

/** The same over a reader, which keeps its position (cgi.test() builds a second FieldStorage over what is left). */
export function parseFieldStorageFrom(env: Readonly<Record<string, string | undefined>>, fp: BodyReader, opts: FieldStorageOptions = {}): FieldPart {
  return new Storage({ env, opts }, fp, null, new Uint8Array(0), null, opts.maxNumFields ?? null, 0).part;
}
