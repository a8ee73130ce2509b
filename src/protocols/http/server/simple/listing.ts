// SimpleHTTPRequestHandler.list_directory's body in CPython 3.11 (file system encoding
// utf-8): entries sorted by name.lower(), the request path unquoted (surrogatepass, else
// replace) and html-escaped for the title, `/` after directories, `@` after symlinks,
// hrefs quote(linkname, errors='surrogatepass'), the page encoded utf-8/surrogateescape.
//
// Names are JS strings holding Python's str: a file name byte that is not UTF-8 is the lone
// surrogate U+DC80..U+DCFF (os.fsdecode's surrogateescape; decodeBytes(name, 'utf-8',
// 'surrogateescape') from src/protocols/url gives it), and comes out as that raw byte.
// isDir is os.path.isdir (links followed), isLink os.path.islink. Where Python's page would
// hold a surrogate that surrogateescape cannot encode, this throws PyUnicodeEncodeError as
// Python raises UnicodeEncodeError (the request then fails without a response).
import { encodeText, PyUnicodeEncodeError } from '../../../url/index.js';
import { htmlEscapeNoQuote } from './error-page.js';
import { quoteSurrogatepass, unquoteForServer } from './surrogatepass.js';

export interface ListingEntry {
  name: string;
  isDir: boolean;
  isLink: boolean;
}

const SURROGATE = /[\ud800-\udfff]/;

interface Keyed {
  e: ListingEntry;
  key: string;
  wide: boolean;
}

/** Python's comparison of two str: by code point (UTF-16 order is the same unless a surrogate is involved). */
function compareKeys(a: Keyed, b: Keyed): number {
  if (!a.wide && !b.wide) return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  const x = Array.from(a.key, (ch) => ch.codePointAt(0)!);
  const y = Array.from(b.key, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]! - y[i]!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The list_directory page for request path `requestPath` (self.path, query included) over `entries` in os.listdir order. */
export function listDirectoryHtml(requestPath: string, entries: ReadonlyArray<ListingEntry>): Buffer {
  // list.sort(key=lambda a: a.lower()): stable, so equal keys keep the given (os.listdir) order
  const sorted = entries
    .map((e): Keyed => {
      const key = e.name.toLowerCase();
      return { e, key, wide: SURROGATE.test(key) };
    })
    .sort(compareKeys)
    .map((x) => x.e);
  const unquoted = unquoteForServer(requestPath);
  // Python's page then holds a lone high surrogate, which encode('utf-8', 'surrogateescape') refuses
  if (unquoted.highSurrogate) throw new PyUnicodeEncodeError("'utf-8' codec can't encode a high surrogate of the request path: surrogates not allowed");
  const displaypath = htmlEscapeNoQuote(unquoted.text);
  const title = `Directory listing for ${displaypath}`;
  const r = ['<!DOCTYPE HTML>', '<html lang="en">', '<head>', '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, '<hr>\n<ul>'];
  for (const { name, isDir, isLink } of sorted) {
    let displayname = name;
    let linkname = name;
    if (isDir) displayname = linkname = name + '/';
    if (isLink) displayname = name + '@';
    r.push(`<li><a href="${quoteSurrogatepass(linkname)}">${htmlEscapeNoQuote(displayname)}</a></li>`);
  }
  r.push('</ul>\n<hr>\n</body>\n</html>\n');
  const page = r.join('\n');
  return SURROGATE.test(page) ? Buffer.from(encodeText(page, 'utf-8', 'surrogateescape')) : Buffer.from(page, 'utf8');
}
