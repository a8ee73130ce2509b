// MozillaCookieJar's file format (Netscape cookies.txt, as curl writes it): load and save
// byte for byte as CPython 3.11 does, `#HttpOnly_` lines and Python's LoadError messages.
import { pyRepr, pyStrip } from '../core/py-text.js';
import { Cookie, CookieJar, HTTPONLY_ATTR, truthy, type CookieRest } from './cookie.js';
import { LoadError } from './errors.js';
import { pyFloatToInt, textLines, type LoadOptions, type SaveOptions } from './file-text.js';

export const HTTPONLY_PREFIX = '#HttpOnly_';
const NETSCAPE_MAGIC_RGX = /^#( Netscape)? HTTP Cookie File/;
export const NETSCAPE_HEADER_TEXT = '# Netscape HTTP Cookie File\n# http://curl.haxx.se/rfc/cookie_spec.html\n# This is a generated file!  Do not edit.\n\n';

/** MozillaCookieJar.load(): the cookies of `text` (a file's contents) added to `jar`. */
export function loadMozilla(text: string, filename: string, opts: LoadOptions, jar = new CookieJar()): CookieJar {
  const lines = textLines(text);
  if (!NETSCAPE_MAGIC_RGX.test(lines[0] ?? '')) throw new LoadError(`${pyRepr(filename)} does not look like a Netscape format cookies file`);
  let line = '';
  try {
    for (line of lines.slice(1)) {
      const rest: CookieRest = {};
      // httponly (RFC 6265) is written as a "#HttpOnly_" prefix on the line
      if (line.startsWith(HTTPONLY_PREFIX)) {
        rest[HTTPONLY_ATTR] = '';
        line = line.slice(HTTPONLY_PREFIX.length);
      }
      // the last field may be absent, so keep any trailing tab
      if (line.endsWith('\n')) line = line.slice(0, -1);
      const stripped = pyStrip(line);
      if (stripped.startsWith('#') || stripped.startsWith('$') || stripped === '') continue;
      const fields = line.split('\t');
      if (fields.length !== 7) throw new Error(`expected 7 fields, got ${fields.length}`);
      const [domain, domainSpecified, path, secure, expiresText, name0, value0] = fields as [string, string, string, string, string, string, string];
      let name = name0;
      let value: string | null = value0;
      // cookies.txt regards 'Set-Cookie: foo' as a cookie with no name; http.cookiejar as one with no value
      if (name === '') {
        name = value0;
        value = null;
      }
      const initialDot = domain.startsWith('.');
      if ((domainSpecified === 'TRUE') !== initialDot) throw new Error('AssertionError');
      const discard = expiresText === '' || (opts.zeroIsSession === true && expiresText === '0');
      const cookie = new Cookie({
        version: 0,
        name,
        value,
        port: null,
        port_specified: false,
        domain,
        domain_specified: domainSpecified === 'TRUE',
        domain_initial_dot: initialDot,
        path,
        path_specified: false,
        secure: secure === 'TRUE',
        expires: discard ? null : pyFloatToInt(expiresText),
        discard,
        comment: null,
        comment_url: null,
        rest,
      });
      if (!opts.ignoreDiscard && truthy(cookie.discard)) continue;
      if (!opts.ignoreExpires && cookie.isExpired(opts.now)) continue;
      jar.setCookie(cookie);
    }
  } catch (err) {
    throw new LoadError(`invalid Netscape format cookies file ${pyRepr(filename)}: ${pyRepr(line)}`, 'ERR_COOKIEJAR_FORMAT');
  }
  return jar;
}

/** MozillaCookieJar.save(): the file's text (the Netscape header, then one line per cookie). */
export function saveMozilla(jar: Iterable<Cookie>, opts: SaveOptions): string {
  let text = NETSCAPE_HEADER_TEXT;
  for (const cookie of jar) {
    let domain = cookie.domain;
    if (!opts.ignoreDiscard && truthy(cookie.discard)) continue;
    if (!opts.ignoreExpires && cookie.isExpired(opts.now)) continue;
    const secure = truthy(cookie.secure) ? 'TRUE' : 'FALSE';
    const initialDot = domain.startsWith('.') ? 'TRUE' : 'FALSE';
    const expires = cookie.expires !== null ? String(cookie.expires) : '';
    const [name, value] = cookie.value === null ? ['', cookie.name] : [cookie.name, cookie.value];
    if (cookie.hasNonstandardAttr(HTTPONLY_ATTR)) domain = HTTPONLY_PREFIX + domain;
    text += [domain, initialDot, cookie.path ?? 'None', secure, expires, name, value].join('\t') + '\n';
  }
  return text;
}
