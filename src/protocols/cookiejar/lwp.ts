// LWPCookieJar's file format (libwww-perl's Set-Cookie3 lines, "#LWP-Cookies-2.0"): load
// and save byte for byte as CPython 3.11 does, with Python's LoadError messages.
import { pyRepr, pyStrip, parsePyInt } from '../core/py-text.js';
import { Cookie, CookieJar, truthy, type CookieRest, type Flag } from './cookie.js';
import { LoadError } from './errors.js';
import { iso2time, time2isoz } from './dates.js';
import { joinHeaderWords, splitHeaderWords, type HeaderPair } from './header-words.js';
import { textLines, type LoadOptions, type SaveOptions } from './file-text.js';

const MAGIC_RE = /^#LWP-Cookies-(\d+\.\d+)/;
const HEADER = 'Set-Cookie3:';
const BOOLEAN_ATTRS = ['port_spec', 'path_spec', 'domain_dot', 'secure', 'discard'];
const VALUE_ATTRS = ['version', 'port', 'path', 'domain', 'expires', 'comment', 'commenturl'];

/** Python's sorted() of str keys: by code point, not by UTF-16 unit. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** str(value) of a rest attribute: None for a lone token. */
function pyStr(v: string | null): string {
  return v === null ? 'None' : v;
}

/** lwp_cookie_str(cookie): one Set-Cookie3 value, attributes in Python's order. */
export function lwpCookieStr(cookie: Cookie): string {
  const h: HeaderPair[] = [
    [cookie.name, cookie.value],
    ['path', cookie.path],
    ['domain', cookie.domain],
  ];
  if (cookie.port !== null) h.push(['port', cookie.port]);
  if (truthy(cookie.path_specified)) h.push(['path_spec', null]);
  if (truthy(cookie.port_specified)) h.push(['port_spec', null]);
  if (truthy(cookie.domain_initial_dot)) h.push(['domain_dot', null]);
  if (truthy(cookie.secure)) h.push(['secure', null]);
  if (cookie.expires) h.push(['expires', time2isoz(cookie.expires)]);
  if (truthy(cookie.discard)) h.push(['discard', null]);
  if (cookie.comment) h.push(['comment', cookie.comment]);
  if (cookie.comment_url) h.push(['commenturl', cookie.comment_url]);
  for (const k of Object.keys(cookie.rest).sort(byCodePoint)) h.push([k, pyStr(cookie.rest[k]!)]);
  h.push(['version', cookie.version === null ? 'None' : String(cookie.version)]);
  return joinHeaderWords([h]);
}

/** LWPCookieJar.as_lwp_str(): "Set-Cookie3: ..." lines, each ending in "\n". */
export function asLwpStr(jar: Iterable<Cookie>, opts: SaveOptions): string {
  const r: string[] = [];
  for (const cookie of jar) {
    if (!opts.ignoreDiscard && truthy(cookie.discard)) continue;
    if (!opts.ignoreExpires && cookie.isExpired(opts.now)) continue;
    r.push(`Set-Cookie3: ${lwpCookieStr(cookie)}`);
  }
  return [...r, ''].join('\n');
}

/** LWPCookieJar.save(): the file's text. */
export function saveLwp(jar: Iterable<Cookie>, opts: SaveOptions): string {
  return '#LWP-Cookies-2.0\n' + asLwpStr(jar, opts);
}

/** int(text) as the Cookie constructor does it; throws where Python raises. */
function pyIntValue(v: Flag | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Error('TypeError');
  const n = parsePyInt(v, 10);
  if (n === undefined) throw new Error(`ValueError: invalid literal for int() with base 10: ${pyRepr(v)}`);
  return Number(n);
}

/** LWPCookieJar.load(): the cookies of `text` (a file's contents) added to `jar`. */
export function loadLwp(text: string, filename: string, opts: LoadOptions, jar = new CookieJar()): CookieJar {
  const lines = textLines(text);
  if (!MAGIC_RE.test(lines[0] ?? '')) throw new LoadError(`${pyRepr(filename)} does not look like a Set-Cookie3 (LWP) format file`);
  let line = '';
  try {
    for (line of lines.slice(1)) {
      if (!line.startsWith(HEADER)) continue;
      line = pyStrip(line.slice(HEADER.length));
      for (const data of splitHeaderWords([line])) {
        const [name, value] = data[0]!;
        const standard: Record<string, Flag | null> = {};
        const rest: CookieRest = {};
        for (const k of BOOLEAN_ATTRS) standard[k] = false;
        for (let [k, v] of data.slice(1)) {
          const lc = k.toLowerCase();
          // don't lose case distinction for unknown fields
          if (VALUE_ATTRS.includes(lc) || BOOLEAN_ATTRS.includes(lc)) k = lc;
          if (BOOLEAN_ATTRS.includes(k)) standard[k] = v === null ? true : v;
          else if (VALUE_ATTRS.includes(k)) standard[k] = v;
          else rest[k] = v;
        }
        const h = (k: string): Flag | null | undefined => (Object.prototype.hasOwnProperty.call(standard, k) ? standard[k] : undefined);
        const str = (k: string): string | null => {
          const v = h(k);
          return v === undefined ? null : (v as string | null);
        };
        let expires: number | null = null;
        let discard = h('discard')!;
        const expiresText = str('expires');
        if (expiresText !== null) expires = iso2time(expiresText);
        if (expires === null) discard = true;
        const domain = str('domain');
        if (domain === null) throw new Error("AttributeError: 'NoneType' object has no attribute 'startswith'");
        const port = str('port');
        if (port === null && h('port_spec') === true) throw new Error('ValueError: if port is None, port_specified must be false');
        const cookie = new Cookie({
          version: pyIntValue(h('version')),
          name,
          value,
          port,
          port_specified: h('port_spec')!,
          domain,
          domain_specified: domain.startsWith('.'),
          domain_initial_dot: h('domain_dot')!,
          path: str('path'),
          path_specified: h('path_spec')!,
          secure: h('secure')!,
          expires,
          discard,
          comment: str('comment'),
          comment_url: str('commenturl'),
          rest,
        });
        if (!opts.ignoreDiscard && truthy(cookie.discard)) continue;
        if (!opts.ignoreExpires && cookie.isExpired(opts.now)) continue;
        jar.setCookie(cookie);
      }
    }
  } catch (err) {
    throw new LoadError(`invalid Set-Cookie3 format file ${pyRepr(filename)}: ${pyRepr(line)}`, 'ERR_COOKIEJAR_FORMAT');
  }
  return jar;
}
