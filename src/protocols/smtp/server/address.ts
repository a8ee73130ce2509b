// smtpd's MAIL/RCPT argument parsing: _strip_command_keyword, _getaddr (email's
// get_angle_addr / get_addr_spec, for the forms SMTP clients send), _getparams, and
// smtp_MAIL's checks of the parameters.
import { pyStrip } from '../../core/py-text.js';
import { R } from './templates.js';

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

/**
 * smtp_MAIL's checks of its parameters, in smtpd's order: BODY=7BIT|8BITMIME, SMTPUTF8
 * (with -u) taking no value, SIZE=digits within `sizeLimit`, nothing else. `error` is the
 * reply to send (null: the MAIL syntax reply), absent when they are fine; `smtputf8`
 * says SMTPUTF8 was asked for (smtpd sets that before a later parameter fails).
 */
export function checkMailParams(options: readonly string[], smtputf8Enabled: boolean, sizeLimit: number | undefined): { error?: string | null; smtputf8: boolean } {
  const params = getParams(options);
  if (!params) return { error: null, smtputf8: false };
  const body = params.get('BODY') ?? '7BIT';
  params.delete('BODY');
  if (body !== '7BIT' && body !== '8BITMIME') return { error: R.bodyValues, smtputf8: false };
  let smtputf8 = false;
  if (smtputf8Enabled) {
    const utf8 = params.get('SMTPUTF8') ?? false;
    params.delete('SMTPUTF8');
    if (utf8 === true) smtputf8 = true;
    else if (utf8 !== false) return { error: R.smtputf8NoArgs, smtputf8 };
  }
  const size = params.get('SIZE');
  params.delete('SIZE');
  if (size) {
    if (size === true || !/^[0-9]+$/.test(size)) return { error: null, smtputf8 };
    if (sizeLimit && Number(size) > sizeLimit) return { error: R.sizeExceeded, smtputf8 };
  }
  if (params.size > 0) return { error: R.mailParams, smtputf8 };
  return { smtputf8 };
}
