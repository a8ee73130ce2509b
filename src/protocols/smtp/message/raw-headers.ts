// The top-level header block of a raw message, split as CPython 3.11's email.feedparser
// does it for email.message_from_bytes (compat32): which lines are header fields, their
// (name, value) pairs (8-bit bytes read as UTF-8), and their byte spans.
import { MessageFormatError } from './errors.js';

/** netkit's caps on one header block (DESIGN.md §4 Limits); Python has none. */
export const MAX_HEADER_FIELDS = 10_000;
export const MAX_HEADER_BYTES = 1024 * 1024;

/** One header field: compat32's (name, value) and the bytes [start, end) it spans. */
export interface RawHeaderField {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** A line of the header block Python's parser drops (unix-from, orphan continuation, ...). */
export interface DroppedLine {
  start: number;
  end: number;
}

export interface RawHeaderBlock {
  fields: RawHeaderField[];
  dropped: DroppedLine[];
  /** Offset of the first body byte (after the blank separator line, if any). */
  bodyStart: number;
}

const CR = 0x0d;
const LF = 0x0a;

/** End of the line starting at `at`, its terminator included (\r\n, \r or \n, as NLCRE_crack). */
function lineEnd(raw: Uint8Array, at: number): number {
  for (let i = at; i < raw.length; i++) {
    const b = raw[i];
    if (b === LF) return i + 1;
    if (b === CR) return raw[i + 1] === LF ? i + 2 : i + 1;
  }
  return raw.length;
}

function startsWithFrom(raw: Uint8Array, at: number, end: number): boolean {
  return end - at >= 5 && raw[at] === 0x46 && raw[at + 1] === 0x72 && raw[at + 2] === 0x6f && raw[at + 3] === 0x6d && raw[at + 4] === 0x20;
}

/** Index of the colon when the line is `[\041-\071\073-\176]*:` at its start, else -1. */
function fieldColon(raw: Uint8Array, at: number, end: number): number {
  for (let i = at; i < end; i++) {
    const b = raw[i]!;
    if (b === 0x3a) return i;
    if (b < 0x21 || b > 0x7e) return -1;
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0. */
function utf8Sequence(raw: Uint8Array, i: number, end: number): number {
  const b = raw[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < end && raw[i + k]! >= lo && raw[i + k]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * Header bytes as text: UTF-8 (RFC 6532 §3), each byte outside a well-formed sequence
 * becoming one U+FFFD. That is what compat32 gives for such a value (Python decodes with
 * surrogateescape, then email.header.Header's str() turns each escaped byte into U+FFFD).
 */
export function decodeHeaderText(raw: Uint8Array, start = 0, end = raw.length): string {
  let ascii = true;
  for (let i = start; i < end && ascii; i++) if (raw[i]! >= 0x80) ascii = false;
  if (ascii) return Buffer.from(raw.buffer, raw.byteOffset + start, end - start).toString('latin1');
  let out = '';
  let run = start;
  for (let i = start; i < end; ) {
    if (raw[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8Sequence(raw, i, end);
    if (n > 0) {
      i += n;
      continue;
    }
    out += Buffer.from(raw.buffer, raw.byteOffset + run, i - run).toString('utf8') + '\ufffd';
    run = ++i;
  }
  return out + Buffer.from(raw.buffer, raw.byteOffset + run, end - run).toString('utf8');
}

/** compat32 header_source_parse: name before the first colon, value lstripped, CR/LF trimmed at the end. */
function sourceParse(raw: Uint8Array, start: number, colon: number, end: number): { name: string; value: string } {
  const name = decodeHeaderText(raw, start, colon);
  let from = colon + 1;
  while (from < end && (raw[from] === 0x20 || raw[from] === 0x09)) from++;
  let to = end;
  while (to > from && (raw[to - 1] === CR || raw[to - 1] === LF)) to--;
  return { name, value: decodeHeaderText(raw, from, to) };
}

/**
 * Splits the top-level header block as feedparser._parsegen and _parse_headers do: lines
 * matching `^(From |[\041-\071\073-\176]*:|[\t ])` are headers; the first other line ends
 * the block (an empty line is consumed as the separator, anything else starts the body).
 */
export function parseHeaderBlock(raw: Uint8Array): RawHeaderBlock {
  const lines: [number, number][] = [];
  let at = 0;
  let bodyStart = raw.length;
  while (at < raw.length) {
    const end = lineEnd(raw, at);
    const b = raw[at]!;
    const isHeader = startsWithFrom(raw, at, end) || b === 0x20 || b === 0x09 || fieldColon(raw, at, end) >= 0;
    if (!isHeader) {
      bodyStart = b === CR || b === LF ? end : at;
      break;
    }
    lines.push([at, end]);
    if (lines.length > MAX_HEADER_FIELDS * 4 || end > MAX_HEADER_BYTES) {
      throw new MessageFormatError(`message header block exceeds netkit's limit of ${MAX_HEADER_BYTES} bytes or ${MAX_HEADER_FIELDS} fields`, { code: 'ERR_HEADER_LIMIT' });
    }
    at = end;
  }
  if (at >= raw.length) bodyStart = raw.length;

  const fields: RawHeaderField[] = [];
  const dropped: DroppedLine[] = [];
  let cur: { start: number; colon: number; end: number } | undefined;
  const commit = (): void => {
    if (!cur) return;
    if (fields.length >= MAX_HEADER_FIELDS) {
      throw new MessageFormatError(`message has more than ${MAX_HEADER_FIELDS} header fields (netkit's limit)`, { code: 'ERR_HEADER_LIMIT' });
    }
    fields.push({ ...sourceParse(raw, cur.start, cur.colon, cur.end), start: cur.start, end: cur.end });
    cur = undefined;
  };
  for (let n = 0; n < lines.length; n++) {
    const [start, end] = lines[n]!;
    const b = raw[start];
    if (b === 0x20 || b === 0x09) {
      // FirstHeaderLineIsContinuationDefect when no field is open: the line is ignored
      if (cur) cur.end = end;
      else dropped.push({ start, end });
      continue;
    }
    commit();
    if (startsWithFrom(raw, start, end)) {
      if (n === 0) {
        dropped.push({ start, end }); // the unix-from line; the generator omits it
        continue;
      }
      if (n === lines.length - 1) {
        // "From " as the last header line is the first line of the body
        bodyStart = start;
        break;
      }
      dropped.push({ start, end }); // MisplacedEnvelopeHeaderDefect
      continue;
    }
    const colon = fieldColon(raw, start, end);
    if (colon === start) {
      dropped.push({ start, end }); // InvalidHeaderDefect("Missing header name.")
      continue;
    }
    cur = { start, colon, end };
  }
  commit();
  return { fields, dropped, bodyStart };
}

/** compat32 Message.get_all(name) values ([] when absent), names compared case-insensitively. */
export function headerValues(block: RawHeaderBlock, name: string): string[] {
  const lower = name.toLowerCase();
  return block.fields.filter((f) => f.name.toLowerCase() === lower).map((f) => f.value);
}
