// html.escape(s, quote=True) for cgi.test()'s report; repr() of bytes is core's pyBytesRepr.

/** html.escape(s): & < > " ' as Python writes them. */
export function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
}
