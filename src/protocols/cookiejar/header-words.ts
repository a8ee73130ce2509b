// split_header_words() and join_header_words(): the key=value header syntax of LWP's
// Set-Cookie3 lines (CPython 3.11 Lib/http/cookiejar.py).

// Python's Unicode \s (no re.ASCII here), which differs from JS \s at \x1c-\x1f, \x85 and \ufeff.
export const WS = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const HEADER_TOKEN_RE = new RegExp(`^[${WS}]*([^=${WS};,]+)`);
const HEADER_QUOTED_VALUE_RE = new RegExp(`^[${WS}]*=[${WS}]*"([^"\\\\]*(?:\\\\.[^"\\\\]*)*)"`, 's');
const HEADER_VALUE_RE = new RegExp(`^[${WS}]*=[${WS}]*([^${WS};,]*)`);
const JUNK_RE = new RegExp(`^[=${WS};]*`);
const TRAILING_WS = new RegExp(`[${WS}]+$`);
const LEADING_WS = new RegExp(`^[${WS}]+`);

export type HeaderPair = [string, string | null];

/** split_header_words(header_values): lists of (key, value) pairs; a lone token's value is null. */
export function splitHeaderWords(headerValues: readonly string[]): HeaderPair[][] {
  const result: HeaderPair[][] = [];
  for (let text of headerValues) {
    let pairs: HeaderPair[] = [];
    while (text) {
      let m = HEADER_TOKEN_RE.exec(text);
      if (m) {
        text = text.slice(m[0].length);
        const name = m[1]!;
        let value: string | null;
        if ((m = HEADER_QUOTED_VALUE_RE.exec(text))) {
          text = text.slice(m[0].length);
          value = m[1]!.replace(/\\(.)/gs, '$1');
        } else if ((m = HEADER_VALUE_RE.exec(text))) {
          text = text.slice(m[0].length);
          value = m[1]!.replace(TRAILING_WS, '');
        } else value = null;
        pairs.push([name, value]);
      } else if (text.replace(LEADING_WS, '').startsWith(',')) {
        // concatenated headers, as per RFC 2616 section 4.2
        text = text.replace(LEADING_WS, '').slice(1);
        if (pairs.length) result.push(pairs);
        pairs = [];
      } else {
        text = text.replace(JUNK_RE, '');
      }
    }
    if (pairs.length) result.push(pairs);
  }
  return result;
}

/** join_header_words(lists): values not matching ^\w+$ are quoted, with " and \ escaped. */
export function joinHeaderWords(lists: readonly (readonly HeaderPair[])[]): string {
  const headers: string[] = [];
  for (const pairs of lists) {
    const attr: string[] = [];
    for (let [k, v] of pairs) {
      if (v !== null) {
        if (!/^[\p{L}\p{N}_]+\n?$/u.test(v)) v = '"' + v.replace(/(["\\])/g, '\\$1') + '"';
        k = `${k}=${v}`;
      }
      attr.push(k);
    }
    if (attr.length) headers.push(attr.join('; '));
  }
  return headers.join(', ');
}
