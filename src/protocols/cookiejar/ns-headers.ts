// parse_ns_headers(): the ad-hoc parser of Netscape (and RFC 2109) Set-Cookie values,
// as CPython 3.11 Lib/http/cookiejar.py has it: ";"-separated name=value pairs, known
// attributes lowercased, expires read by http2time(), a version "0" added when absent.
import { pyStrip } from '../core/py-text.js';
import { http2time } from './dates.js';

/** An attribute's value: text, null when there was no "=", or seconds (a parsed expires, null if bad). */
export type AttrValue = string | number | null;
export type AttrPair = [string, AttrValue];

const KNOWN_ATTRS = ['expires', 'domain', 'path', 'secure', 'version', 'port', 'max-age'];

/** strip_quotes(text): one leading and one trailing double quote removed. */
export function stripQuotes(text: string): string {
  if (text.startsWith('"')) text = text.slice(1);
  if (text.endsWith('"')) text = text.slice(0, -1);
  return text;
}

/**
 * parse_ns_headers(ns_headers): for each header, its (key, value) pairs, the cookie's
 * name=value first. `now` (seconds) only picks the century of two-digit expires years.
 * Throws where Python raises (an expires like "Wed, 09 Foo 1994 22:23:32 GMT").
 */
export function parseNsHeaders(nsHeaders: readonly string[], now?: number): AttrPair[][] {
  const result: AttrPair[][] = [];
  for (const nsHeader of nsHeaders) {
    const pairs: AttrPair[] = [];
    let versionSet = false;
    const params = nsHeader.split(';');
    for (let ii = 0; ii < params.length; ii++) {
      const param = pyStrip(params[ii]!);
      const eq = param.indexOf('=');
      let key = pyStrip(eq < 0 ? param : param.slice(0, eq));
      if (!key) {
        if (ii === 0) break;
        continue;
      }
      // allow for a distinction between present and empty and missing altogether
      let val: AttrValue = eq < 0 ? null : pyStrip(param.slice(eq + 1));
      if (ii !== 0) {
        const lc = key.toLowerCase();
        if (KNOWN_ATTRS.includes(lc)) key = lc;
        if (key === 'version') {
          // this is an RFC 2109 cookie
          if (val !== null) val = stripQuotes(val);
          versionSet = true;
        } else if (key === 'expires') {
          // convert expires date to seconds since epoch (null if invalid)
          if (val !== null) val = http2time(stripQuotes(val), now);
        }
      }
      pairs.push([key, val]);
    }
    if (pairs.length) {
      if (!versionSet) pairs.push(['version', '0']);
      result.push(pairs);
    }
  }
  return result;
}
