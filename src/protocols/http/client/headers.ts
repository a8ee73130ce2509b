// Response headers as http.client.parse_headers reads them: at most 100 lines of at most
// 65536 bytes, obs-fold continuation kept in the value (as email's compat32 parser does),
// and the first line that is not a header ends the block, as it does in Python.
import { HTTPException, LineTooLong, MAXHEADERS, MAXLINE } from './errors.js';
import type { SocketReader } from './reader.js';

/** Ordered header list with Python's Message-style case-insensitive lookups. */
export class Headers {
  /** Every header as received, in order: [name, value]. */
  readonly list: Array<[string, string]>;

  constructor(list: Array<[string, string]> = []) {
    this.list = list;
  }

  /** The first value for `name` (case-insensitive), as Message.get does; undefined if absent. */
  get(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [n, v] of this.list) if (n.toLowerCase() === lower) return v;
    return undefined;
  }

  /** Every value for `name`, in order (Message.get_all). */
  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.list.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return this.list[Symbol.iterator]();
  }
}

/** email.feedparser's header-line test: a field name of printable ASCII but ':' then ':'. */
const HEADER_RE = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/s;

/** Reads lines up to the blank line (http.client._read_headers) and parses them. */
export async function readHeaders(reader: SocketReader): Promise<Headers> {
  const lines: string[] = [];
  for (;;) {
    const line = await reader.readLine(MAXLINE + 1);
    if (line.length > MAXLINE) throw new LineTooLong('header line');
    const text = line.toString('latin1');
    if (text === '\r\n' || text === '\n' || text === '') break;
    lines.push(text);
    if (lines.length > MAXHEADERS) throw new HTTPException(`got more than ${MAXHEADERS} headers`, 'http.client.HTTPException', 'ERR_TOO_MANY_HEADERS');
  }
  return parseHeaderLines(lines);
}

/** Parses raw header lines (each with its line ending) into a Headers list. */
export function parseHeaderLines(lines: string[]): Headers {
  const list: Array<[string, string]> = [];
  for (const raw of lines) {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && list.length > 0) {
      const last = list[list.length - 1]!;
      last[1] += '\r\n' + raw.replace(/\r?\n$/, '');
      continue;
    }
    const m = HEADER_RE.exec(raw.replace(/\r?\n$/, ''));
    if (!m) break;
    list.push([m[1]!, m[2]!]);
  }
  for (const entry of list) entry[1] = entry[1].replace(/[\r\n]+$/, '');
  return new Headers(list);
}
