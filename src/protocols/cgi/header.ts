// cgi.parse_header (with _parseparam's quote counting) and cgi.valid_boundary, as in
// CPython 3.11's Lib/cgi.py.
import { pyStrip } from '../core/py-text.js';

/** Python's str.count(sub) over text (non-overlapping). */
function count(text: string, sub: string): number {
  let n = 0;
  for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) n++;
  return n;
}

function* parseParams(s: string): Generator<string> {
  while (s.startsWith(';')) {
    s = s.slice(1);
    let end = s.indexOf(';');
    while (end > 0 && (count(s.slice(0, end), '"') - count(s.slice(0, end), '\\"')) % 2 !== 0) end = s.indexOf(';', end + 1);
    if (end < 0) end = s.length;
    yield pyStrip(s.slice(0, end));
    s = s.slice(end);
  }
}

/** A header's main value and its parameters in dict order (a repeated name keeps its first place, last value). */
export interface ParsedHeader {
  key: string;
  params: Array<[string, string]>;
}

/** cgi.parse_header(line): `form-data; name="a"` → form-data, [[name, a]]. */
export function parseHeader(line: string): ParsedHeader {
  const parts = parseParams(';' + line);
  const key = parts.next().value as string;
  const params = new Map<string, string>();
  for (const p of parts) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    const name = pyStrip(p.slice(0, i)).toLowerCase();
    let value = pyStrip(p.slice(i + 1));
    if (value.length >= 2 && value[0] === '"' && value[value.length - 1] === '"') {
      value = value.slice(1, -1).replace(/\\\\/g, '\\').replace(/\\"/g, '"');
    }
    params.set(name, value);
  }
  return { key, params: [...params] };
}

export function param(h: ParsedHeader, name: string): string | undefined {
  return h.params.find(([k]) => k === name)?.[1];
}

/** cgi.valid_boundary(bytes): re.match(b"^[ -~]{0,200}[!-~]$") — where $ also matches before a final \n. */
export function validBoundary(b: Uint8Array): boolean {
  let text = Buffer.from(b).toString('latin1');
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return /^[\x20-\x7e]{0,200}[\x21-\x7e]$/.test(text);
}
