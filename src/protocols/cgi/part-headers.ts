// A multipart part's header block as email.feedparser.FeedParser (policy compat32) reads
// it for cgi.FieldStorage: lines split on \r\n, \r or \n; headers end at the first line
// that is neither a header nor a continuation; folded values keep their inner line breaks.

/** A part's headers in order, looked up case-insensitively as email.message.Message does. */
export class PartHeaders {
  constructor(readonly items: Array<[string, string]>) {}

  has(name: string): boolean {
    const n = name.toLowerCase();
    return this.items.some(([k]) => k.toLowerCase() === n);
  }

  /** The first value (Message.__getitem__). */
  get(name: string): string | undefined {
    const n = name.toLowerCase();
    return this.items.find(([k]) => k.toLowerCase() === n)?.[1];
  }

  /** `del msg[name]`: every header of that name. */
  delete(name: string): void {
    const n = name.toLowerCase();
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i]![0].toLowerCase() === n) this.items.splice(i, 1);
  }
}

const HEADER_RE = /^(?:From |[\x21-\x39\x3b-\x7e]*:|[\t ])/;

function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** compat32's header_source_parse: the value after ':' without leading blanks, continuations appended. */
function sourceParse(lines: readonly string[]): [string, string] {
  const first = lines[0]!;
  const colon = first.indexOf(':');
  const value = first.slice(colon + 1).replace(/^[ \t]+/, '') + lines.slice(1).join('');
  return [first.slice(0, colon), value.replace(/[\r\n]+$/, '')];
}

/** FeedParser().feed(text); .close(): the headers it finds. */
export function parsePartHeaders(text: string): PartHeaders {
  const lines: string[] = [];
  for (const line of splitLines(text)) {
    if (!HEADER_RE.test(line)) break; // the blank separator, or a body line: headers end
    lines.push(line);
  }
  const items: Array<[string, string]> = [];
  let last: string[] = [];
  const flush = (): void => {
    if (last.length) items.push(sourceParse(last));
    last = [];
  };
  for (const line of lines) {
    if (line[0] === ' ' || line[0] === '\t') {
      if (last.length) last.push(line); // a continuation before any header is a defect: dropped
      continue;
    }
    flush();
    if (line.startsWith('From ')) continue; // the unixfrom line, or a misplaced envelope header: not a header
    const i = line.indexOf(':');
    if (i === 0) continue; // missing header name: a defect, dropped
    last = [line];
  }
  flush();
  return new PartHeaders(items);
}
