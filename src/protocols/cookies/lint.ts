// lintCookie (beyond Python): what SimpleCookie silently dropped or rejected in a header,
// and where, and which attributes make a cookie risky or refused by browsers (SameSite=None,
// the __Secure- and __Host- prefixes and Partitioned without Secure, RFC 6265bis).
import { pyRepr } from '../core/py-text.js';
import { RESERVED } from './morsel.js';
import { isLegalKey } from './quote.js';
import { scanCookieString } from './simple-cookie.js';

/** One finding; `position` is a code point offset in the header (a Python str index). */
export interface CookieLintFinding {
  code: string;
  message: string;
  position?: number;
}

const ASCII_SPACE = /^[\t\n\v\f\r ]*$/;
const SNIPPET = 40;

function snippet(text: string): string {
  const cps = Array.from(text);
  return pyRepr(cps.length > SNIPPET ? cps.slice(0, SNIPPET).join('') : text) + (cps.length > SNIPPET ? '...' : '');
}

/** What Python's SimpleCookie(header) keeps, drops or raises on, in header order. */
function pythonFindings(header: string): CookieLintFinding[] {
  const scan = scanCookieString(header);
  const out: CookieLintFinding[] = [];
  const cps = Array.from(header);
  for (const item of scan.items) {
    if (item.type === 'ignored') {
      out.push({ code: 'ignored-dollar-attribute', message: `"$${item.key}" comes before any name=value pair; Python ignores it`, position: item.start });
    }
  }
  // The failing match's start, past the whitespace _CookiePattern would have skipped.
  let at = scan.stopAt;
  while (at < cps.length && ASCII_SPACE.test(cps[at]!)) at++;
  const what = snippet(cps.slice(at).join(''));
  switch (scan.stop) {
    case 'no-match': {
      const rest = cps.slice(at).join('');
      if (!ASCII_SPACE.test(rest)) {
        out.push({ code: 'dropped-rest', message: `Python stops parsing at ${what}: it is not a name[=value] pair it can read, so the rest of the header is silently dropped`, position: at });
      }
      break;
    }
    case 'attribute-before-cookie':
      out.push({ code: 'rejected-attribute-before-cookie', message: `Python discards the whole header: the attribute at ${what} comes before any name=value pair`, position: at });
      break;
    case 'attribute-without-value':
      out.push({ code: 'rejected-attribute-without-value', message: `Python discards the whole header: the attribute at ${what} needs a value (only Secure and HttpOnly may stand alone)`, position: at });
      break;
    case 'key-without-value': {
      const partitioned = /^partitioned/i.test(cps.slice(at).join(''));
      const why = partitioned ? ' (Python 3.11 does not know the Partitioned attribute)' : '';
      out.push({ code: 'rejected-key-without-value', message: `Python discards the whole header: ${what} is a name without "=value"${why}`, position: at });
      break;
    }
    case 'end':
      break;
  }
  if (!scan.accepted) return out;
  const seen = new Set<string>();
  for (const item of scan.items) {
    if (item.type === 'cookie') {
      if (!isLegalKey(item.key)) {
        out.push({ code: 'python-raises', message: `Python raises CookieError: Illegal key ${pyRepr(item.key)}`, position: item.start });
        break;
      }
      if (seen.has(item.key)) out.push({ code: 'duplicate-cookie', message: `${pyRepr(item.key)} appears again; Python keeps the later value (and the earlier attributes)`, position: item.start });
      seen.add(item.key);
    } else if (item.type === 'attribute' && !RESERVED.has(item.key.toLowerCase())) {
      out.push({ code: 'python-raises', message: `Python raises CookieError: Invalid attribute ${pyRepr(item.key.toLowerCase())}`, position: item.start });
      break;
    }
  }
  return out;
}

interface Segment {
  name: string;
  value: string | null;
  position: number;
}

interface LooseCookie extends Segment {
  attributes: Segment[];
}

const KNOWN_ATTRIBUTES = new Set([...RESERVED.keys(), 'partitioned']);

/** A browser-like reading: ";"-separated, the first name=value a cookie, known names its attributes. */
function looseCookies(header: string): LooseCookie[] {
  const cookies: LooseCookie[] = [];
  let position = 0;
  for (const part of header.split(';')) {
    const len = Array.from(part).length;
    const lead = Array.from(part.slice(0, part.length - part.trimStart().length)).length;
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    let value = eq < 0 ? null : part.slice(eq + 1).trim();
    if (value !== null && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    const seg = { name, value, position: position + lead };
    const attr = name.replace(/^\$/, '').toLowerCase();
    if (cookies.length > 0 && KNOWN_ATTRIBUTES.has(attr)) cookies[cookies.length - 1]!.attributes.push({ ...seg, name: attr });
    else if (value !== null && name !== '') cookies.push({ ...seg, attributes: [] });
    position += len + 1;
  }
  return cookies;
}

function riskFindings(header: string): CookieLintFinding[] {
  const out: CookieLintFinding[] = [];
  for (const c of looseCookies(header)) {
    const attr = (n: string): Segment | undefined => [...c.attributes].reverse().find((a) => a.name === n);
    const secure = attr('secure') !== undefined;
    const who = pyRepr(c.name);
    const sameSite = attr('samesite');
    if (sameSite && sameSite.value?.toLowerCase() === 'none' && !secure) {
      out.push({ code: 'samesite-none-without-secure', message: `${who} has SameSite=None without Secure: browsers reject it`, position: sameSite.position });
    }
    const partitioned = attr('partitioned');
    if (partitioned && !secure) {
      out.push({ code: 'partitioned-without-secure', message: `${who} is Partitioned without Secure: browsers reject it`, position: partitioned.position });
    }
    const lower = c.name.toLowerCase();
    if (lower.startsWith('__secure-') && !secure) {
      out.push({ code: 'secure-prefix-without-secure', message: `${who} has the __Secure- prefix without Secure: browsers reject it`, position: c.position });
    }
    if (lower.startsWith('__host-')) {
      if (!secure) out.push({ code: 'host-prefix-without-secure', message: `${who} has the __Host- prefix without Secure: browsers reject it`, position: c.position });
      const domain = attr('domain');
      if (domain) out.push({ code: 'host-prefix-with-domain', message: `${who} has the __Host- prefix and a Domain attribute: browsers reject it`, position: domain.position });
      const path = attr('path');
      if (!path || path.value !== '/') {
        out.push({ code: 'host-prefix-path-not-root', message: `${who} has the __Host- prefix without Path=/: browsers reject it`, position: path ? path.position : c.position });
      }
    }
  }
  return out;
}

/**
 * `cookie parse --lint`: first what CPython 3.11's SimpleCookie(header) silently drops,
 * rejects whole or raises on (codes dropped-rest, rejected-attribute-before-cookie,
 * rejected-attribute-without-value, rejected-key-without-value, python-raises,
 * ignored-dollar-attribute, duplicate-cookie), then risky attributes read the way browsers
 * read a Set-Cookie header (";"-separated; codes samesite-none-without-secure,
 * partitioned-without-secure, secure-prefix-without-secure, host-prefix-without-secure,
 * host-prefix-with-domain, host-prefix-path-not-root). Prefixes match case-insensitively.
 * An empty list means nothing to report.
 */
export function lintCookie(header: string): CookieLintFinding[] {
  return [...pythonFindings(header), ...riskFindings(header)];
}
