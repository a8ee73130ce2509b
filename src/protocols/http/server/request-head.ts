// Parses one HTTP request head (request line and header block) from bytes, with
// http.server's rules and limits: BaseHTTPRequestHandler.parse_request and
// http.client.parse_headers of CPython 3.11. Pure: returns a head, "more bytes needed",
// or the error Python would send_error() with.

/** http.server reads the request line with readline(65537): longer is 414. */
export const MAX_REQUEST_LINE = 65536;
/** http.client._MAXLINE: a longer header line is 431 "Line too long". */
export const MAX_HEADER_LINE = 65536;
/** http.client._MAXHEADERS: the count includes the blank line that ends the block. */
export const MAX_HEADER_LINES = 100;

/** Header fields in arrival order; names kept as sent, looked up case-insensitively. */
export class RequestHeaders {
  readonly names: string[] = [];
  readonly values: string[] = [];
  private lower: string[] = [];

  add(name: string, value: string): void {
    this.names.push(name);
    this.lower.push(name.toLowerCase());
    this.values.push(value);
  }

  /** The first value of `name` (lower-case), as email.message.Message.get does. */
  get(lowerName: string): string | undefined {
    const i = this.lower.indexOf(lowerName);
    return i < 0 ? undefined : this.values[i];
  }

  has(lowerName: string): boolean {
    return this.lower.indexOf(lowerName) >= 0;
  }

  get size(): number {
    return this.names.length;
  }
}

export interface RequestHead {
  method: string;
  /** The request target, with a leading "//..." reduced to "/" (CVE-2021-28861). */
  path: string;
  /** "HTTP/1.1", or "HTTP/0.9" for a two-word request line. */
  version: string;
  /** The request line as decoded (latin-1) with CR/LF stripped from its end: what the log shows. */
  requestLine: string;
  headers: RequestHeaders;
  /** True when Python would close after the response (protocol, version, Connection). */
  close: boolean;
}

/** What parse_request would send_error() with; `version` says whether a status line is sent. */
export interface HeadError {
  code: number;
  message?: string;
  explain?: string;
  requestLine: string;
  /** "HTTP/0.9": the error body goes without status line or headers. */
  version: string;
  method: string;
}

export type HeadResult =
  | { kind: 'head'; head: RequestHead; end: number }
  | { kind: 'error'; error: HeadError; end: number }
  | { kind: 'more' }
  | { kind: 'empty' };

/** Python's str.split() separators among latin-1 characters. */
function isPySpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0;
}

function pySplit(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isPySpace(text.charCodeAt(i))) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** Python's repr() of a latin-1 str (what "%r" prints in the error messages). */
export function reprLatin1(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // str.isdigit() on latin-1 also takes ² ³ ¹.
    if (!((c >= 0x30 && c <= 0x39) || c === 0xb2 || c === 0xb3 || c === 0xb9)) return false;
  }
  return true;
}

/** Python's int() of digits (superscripts are not decimal: int() fails, so the version is 400 too). */
function versionNumber(version: string): [number, number] | undefined {
  if (!version.startsWith('HTTP/')) return undefined;
  const parts = version.slice(5).split('.');
  if (parts.length !== 2) return undefined;
  if (!parts.every(isDigits) || parts.some((p) => p.length > 10)) return undefined;
  if (!parts.every((p) => /^[0-9]+$/.test(p))) return undefined;
  return [Number(parts[0]), Number(parts[1])];
}

/**
 * Parses the head starting at `start` in `buf` (bytes up to `end`). `protocol` is the
 * server's protocol_version ("HTTP/1.0" or "HTTP/1.1").
 */
export function parseRequestHead(buf: Buffer, start: number, end: number, protocol: string): HeadResult {
  const nl = buf.indexOf(10, start);
  const lineEnd = nl < 0 || nl >= end ? -1 : nl;
  if (lineEnd < 0) {
    if (end - start > MAX_REQUEST_LINE) {
      return { kind: 'error', error: { code: 414, requestLine: '', version: '', method: '' }, end };
    }
    return { kind: 'more' };
  }
  if (lineEnd + 1 - start > MAX_REQUEST_LINE) {
    return { kind: 'error', error: { code: 414, requestLine: '', version: '', method: '' }, end: lineEnd + 1 };
  }
  // rstrip('\r\n') of the decoded line.
  let stop = lineEnd;
  while (stop > start && (buf[stop - 1] === 13 || buf[stop - 1] === 10)) stop--;
  const requestLine = buf.toString('latin1', start, stop);
  const words = pySplit(requestLine);
  if (words.length === 0) {
    // A blank line: Python's parse_request returns False with no response and closes.
    return { kind: 'empty' };
  }
  let version = 'HTTP/0.9';
  let close = true;
  const fail = (code: number, message: string, v = version): HeadResult => ({
    kind: 'error',
    error: { code, message, requestLine, version: v, method: '' },
    end: lineEnd + 1,
  });
  if (words.length >= 3) {
    const word = words[words.length - 1]!;
    const number = versionNumber(word);
    if (!number) return fail(400, `Bad request version (${reprLatin1(word)})`);
    if ((number[0] > 1 || (number[0] === 1 && number[1] >= 1)) && protocol >= 'HTTP/1.1') close = false;
    if (number[0] >= 2) return fail(505, `Invalid HTTP version (${word.slice(5)})`);
    version = word;
  }
  if (words.length < 2 || words.length > 3) return fail(400, `Bad request syntax (${reprLatin1(requestLine)})`);
  const method = words[0]!;
  let path = words[1]!;
  if (words.length === 2) {
    close = true;
    if (method !== 'GET') return fail(400, `Bad HTTP/0.9 request type (${reprLatin1(method)})`);
  }
  if (path.startsWith('//')) path = '/' + path.replace(/^\/+/, '');
  const headers = new RequestHeaders();
  let pos = lineEnd + 1;
  let lines = 0;
  let broken = false;
  const headFail = (message: string, explain: string, at: number): HeadResult => ({
    kind: 'error',
    error: { code: 431, message, explain, requestLine, version, method },
    end: at,
  });
  for (;;) {
    const n = buf.indexOf(10, pos);
    if (n < 0 || n >= end) {
      if (end - pos > MAX_HEADER_LINE) return headFail('Line too long', 'got more than 65536 bytes when reading header line', end);
      return { kind: 'more' };
    }
    if (n + 1 - pos > MAX_HEADER_LINE) return headFail('Line too long', 'got more than 65536 bytes when reading header line', n + 1);
    lines++;
    if (lines > MAX_HEADER_LINES) return headFail('Too many headers', 'got more than 100 headers', n + 1);
    const blank = n === pos || (n === pos + 1 && buf[pos] === 13);
    if (blank) {
      pos = n + 1;
      break;
    }
    if (!broken) broken = !addHeaderLine(headers, buf, pos, n);
    pos = n + 1;
  }
  const connection = headers.get('connection');
  if (connection !== undefined) {
    const c = connection.toLowerCase();
    if (c === 'close') close = true;
    else if (c === 'keep-alive' && protocol >= 'HTTP/1.1') close = false;
  }
  return { kind: 'head', head: { method, path, version, requestLine, headers, close }, end: pos };
}

/**
 * One header line into `headers` (email.feedparser's rules: a name of printable ASCII
 * without ":" then ":"; a line starting with blank continues the previous field). False
 * when the line is neither: the parser treats the rest as body and ignores it.
 */
function addHeaderLine(headers: RequestHeaders, buf: Buffer, from: number, nl: number): boolean {
  let stop = nl;
  if (stop > from && buf[stop - 1] === 13) stop--;
  const first = buf[from]!;
  if (first === 0x20 || first === 0x09) {
    const last = headers.size - 1;
    if (last < 0) return false;
    headers.values[last] += '\r\n' + buf.toString('latin1', from, stop);
    return true;
  }
  const colon = buf.indexOf(58, from);
  if (colon < 0 || colon >= stop) return false;
  for (let i = from; i < colon; i++) {
    const c = buf[i]!;
    if (c < 0x21 || c > 0x7e) return false;
  }
  let v = colon + 1;
  while (v < stop && (buf[v] === 0x20 || buf[v] === 0x09)) v++;
  headers.add(buf.toString('latin1', from, colon), buf.toString('latin1', v, stop));
  return true;
}
