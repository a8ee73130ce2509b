// The 'surrogatepass' UTF-8 error handler that http.server's unquote/quote calls use, which
// src/protocols/url's codec does not offer: lone surrogates encode as their 3-byte UTF-8
// form (ED A0..BF xx) and decode back. Strings are JS strings holding Python's code points
// (a non-UTF-8 file name byte is U+DC80..U+DCFF, as os.fsdecode's surrogateescape gives).
import { decodeBytes, quoteFromBytes, unquote, unquoteToBytes } from '../../../url/index.js';

/** str.encode('utf-8', 'surrogatepass'). */
export function encodeSurrogatepass(s: string): Uint8Array {
  const out: number[] = [];
  let from = 0;
  const flush = (to: number): void => {
    if (to > from) out.push(...Buffer.from(s.slice(from, to), 'utf8'));
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    flush(i);
    out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    from = i + 1;
  }
  flush(s.length);
  return Uint8Array.from(out);
}

/**
 * Set when a decode made a high surrogate (U+D800..U+DBFF): a JS string cannot tell such a
 * code point followed by a decoded low surrogate from the astral character they pair into.
 */
let madeHighSurrogate = false;

/** bytes.decode('utf-8', 'surrogatepass'); throws PyUnicodeDecodeError as Python does. */
export function decodeSurrogatepass(bytes: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xed && bytes[i + 1]! >= 0xa0 && bytes[i + 1]! <= 0xbf && (bytes[i + 2]! & 0xc0) === 0x80) {
      out += decodeBytes(bytes.subarray(from, i), 'utf-8', 'strict');
      const cu = 0xd000 | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      if (cu <= 0xdbff) madeHighSurrogate = true;
      out += String.fromCharCode(cu);
      i += 2;
      from = i + 1;
    }
  }
  return out + decodeBytes(bytes.subarray(from), 'utf-8', 'strict');
}

/**
 * urllib.parse.unquote(s, errors='surrogatepass'), falling back to unquote(s) on
 * UnicodeDecodeError — http.server's idiom. `highSurrogate` says a %ED%A0..%ED%AF escape
 * decoded to a high surrogate, which Python keeps as a lone code point (and which no
 * utf-8/surrogateescape encoding accepts) even where JS pairs it with a following low one.
 */
export function unquoteForServer(s: string): { text: string; highSurrogate: boolean } {
  madeHighSurrogate = false;
  const text = unquoteSurrogatepassOrReplace(s);
  return { text, highSurrogate: madeHighSurrogate };
}

/** urllib.parse.unquote(s, errors='surrogatepass'), falling back to unquote(s) on UnicodeDecodeError — http.server's idiom. */
export function unquoteSurrogatepassOrReplace(s: string): string {
  if (!s.includes('%')) return s;
  try {
    let out = '';
    for (const part of s.split(/([\x00-\x7f]+)/)) {
      if (part && part.charCodeAt(0) < 0x80) out += decodeSurrogatepass(unquoteToBytes(part));
      else out += part;
    }
    return out;
  } catch (err) {
    if ((err as Error).name !== 'UnicodeDecodeError') throw err;
    madeHighSurrogate = false;
    return unquote(s);
  }
}

/** urllib.parse.quote(s, errors='surrogatepass') with safe '/'. */
export function quoteSurrogatepass(s: string): string {
  return s ? quoteFromBytes(encodeSurrogatepass(s), '/') : s;
}
