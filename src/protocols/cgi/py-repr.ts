// Python's repr() of bytes and html.escape(s, quote=True), for messages and cgi.test()'s report.

/** repr(b): b'...' (or b"..." when it holds ' and no "). */
export function pyBytesRepr(b: Uint8Array): string {
  const has = (c: number): boolean => b.includes(c);
  const quote = has(0x27) && !has(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/** html.escape(s): & < > " ' as Python writes them. */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}
