// smtpd's MAIL/RCPT argument parsing: _strip_command_keyword, _getaddr (email's
// get_angle_addr / get_addr_spec, for the forms SMTP clients send) and _getparams.
import { pyStrip } from '../../core/py-text.js';

/** _strip_command_keyword: the text after "FROM:"/"TO:" (any case), stripped; '' otherwise. */
export function stripKeyword(keyword: string, arg: string): string {
  return arg.slice(0, keyword.length).toUpperCase() === keyword ? pyStrip(arg.slice(keyword.length)) : '';
}

/**
 * _getaddr: [address, rest]. "<>" is the null sender "<>"; a source route ("<@a,@b:x@y>")
 * is dropped; an unclosed "<a@b" is taken whole. Quoted local parts with spaces and
 * comments, which email's parser rewrites or rejects, are taken as they come.
 */
export function getAddr(arg: string): [string, string] {
  if (!arg) return ['', ''];
  const text = arg.replace(/^[ \t]+/, '');
  if (text.startsWith('<')) {
    const close = text.indexOf('>');
    let inner = close === -1 ? text.slice(1) : text.slice(1, close);
    const rest = close === -1 ? '' : text.slice(close + 1).replace(/^[ \t]+/, '');
    if (close !== -1 && inner === '') return ['<>', rest];
    if (inner.startsWith('@')) {
      const colon = inner.indexOf(':');
      inner = colon === -1 ? '' : inner.slice(colon + 1);
    }
    return [inner.trim(), rest];
  }
  const m = /^([^ \t]*)[ \t]*(.*)$/s.exec(text)!;
  return [m[1]!, m[2]!];
}

/** _getparams: {NAME: value | true}, or undefined when a parameter is malformed (RFC 1869). */
export function getParams(params: readonly string[]): Map<string, string | true> | undefined {
  const result = new Map<string, string | true>();
  for (const p of params) {
    const eq = p.indexOf('=');
    const name = eq === -1 ? p : p.slice(0, eq);
    const value = eq === -1 ? '' : p.slice(eq + 1);
    if (!/^[\p{L}\p{N}]+$/u.test(name) || (eq !== -1 && !value)) return undefined;
    result.set(name, eq === -1 ? true : value);
  }
  return result;
}

/** Python's str.upper().split(). */
export function upperSplit(text: string): string[] {
  return text.toUpperCase().split(/[\s\x1c-\x1f\x85]+/u).filter((w) => w !== '');
}
