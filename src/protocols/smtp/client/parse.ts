// The pure parts of smtplib (CPython 3.11): the reply code as int() reads it, the EHLO
// feature table (esmtp_features), quoteaddr/_addr_only, and the trace lines of
// set_debuglevel(1) with netkit's secret masking.
import { pyBytesRepr, pyRepr, pyStrip } from '../../core/py-text.js';
import { parseAddressList } from '../message/addresses.js';

/** smtplib._MAXLINE: longest reply line read (more than 8 times RFC 821's 512). */
export const MAXLINE = 8192;
/** smtplib._MAXCHALLENGE: AUTH challenges answered before giving up. */
export const MAXCHALLENGE = 5;

/**
 * int(line[:3]) as getreply() does it: ASCII whitespace around an optional sign and digits
 * (underscores between digits allowed); -1 when Python's int() would raise ValueError.
 */
export function replyCode(head: Uint8Array): number {
  const text = Buffer.from(head).toString('latin1').replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
  if (!/^[+-]?\d+(_\d+)*$/.test(text)) return -1;
  return Number(text.replace(/_/g, ''));
}

/** line[4:].strip(b' \t\r\n') */
export function replyLineText(line: Buffer): Buffer {
  let start = 4;
  let end = line.length;
  const ws = (c: number | undefined): boolean => c === 32 || c === 9 || c === 13 || c === 10;
  while (start < end && ws(line[start])) start++;
  while (end > start && ws(line[end - 1])) end--;
  return start >= end ? Buffer.alloc(0) : line.subarray(start, end);
}

/** smtplib.OLDSTYLE_AUTH = re.compile(r"auth=(.*)", re.I), matched at the start. */
const OLDSTYLE_AUTH = /^auth=(.*)/i;
const FEATURE = /^([A-Za-z0-9][A-Za-z0-9-]*) ?/;

/**
 * ehlo()'s parse of the reply into esmtp_features: lower-cased keywords mapped to their
 * parameters, old-style "AUTH=..." lines and every AUTH line appended to "auth" with a
 * space, the first line (the server's name) skipped. Insertion order is Python's dict order.
 */
export function parseEhloFeatures(msg: Buffer): Map<string, string> {
  const features = new Map<string, string>();
  const lines = msg.toString('latin1').split('\n').slice(1);
  for (const each of lines) {
    const old = OLDSTYLE_AUTH.exec(each);
    if (old) {
      features.set('auth', (features.get('auth') ?? '') + ' ' + old[1]!);
      continue;
    }
    // RFC 1869: a space between the keyword and its parameters (none when there are none).
    const m = FEATURE.exec(each);
    if (!m) continue;
    const feature = m[1]!.toLowerCase();
    const params = pyStrip(each.slice(m[1]!.length));
    if (feature === 'auth') features.set(feature, (features.get(feature) ?? '') + ' ' + params);
    else features.set(feature, params);
  }
  return features;
}

/** str.split() with no argument: runs of whitespace, empty ends dropped. */
export function pySplit(text: string): string[] {
  return text.split(/[\s\x1c-\x1f\x85]+/).filter((w) => w !== '');
}

/** email.utils.parseaddr (3.11.7): the first (name, address) pair, or ('', ''). */
function parseaddr(text: string): [string, string] {
  return parseAddressList(text)[0] ?? ['', ''];
}

/** smtplib.quoteaddr: "<addr>" for MAIL FROM / RCPT TO. */
export function quoteaddr(addrstring: string): string {
  const [name, addr] = parseaddr(addrstring);
  if (name === '' && addr === '') {
    if (pyStrip(addrstring).startsWith('<')) return addrstring;
    return `<${addrstring}>`;
  }
  return `<${addr}>`;
}

/** smtplib._addr_only: the bare address for VRFY and EXPN. */
export function addrOnly(addrstring: string): string {
  const [name, addr] = parseaddr(addrstring);
  return name === '' && addr === '' ? addrstring : addr;
}

/** The mask netkit prints in place of AUTH data in traces. */

/** Trace lines exactly as smtplib's _print_debug prints them at debuglevel 1. */
export const TRACE = {
  connectTo: (host: string, port: number): string => `connect: to (${pyRepr(host)}, ${port}) None`,
  connectSSL: (host: string, port: number): string => `connect: (${pyRepr(host)}, ${port})`,
  connected: (msg: Buffer): string => `connect: ${pyBytesRepr(msg)}`,
  sendText: (text: string): string => `send: ${pyRepr(text)}`,
  sendBytes: (data: Uint8Array): string => `send: ${pyBytesRepr(data)}`,
  replyLine: (line: Buffer): string => `reply: ${pyBytesRepr(line)}`,
  // '%a' % bytes is ascii(), the same as repr() for bytes.
  retcode: (code: number, msg: Buffer): string => `reply: retcode (${code}); Msg: ${pyBytesRepr(msg)}`,
  data: (code: number, msg: Buffer): string => `data: (${code}, ${pyBytesRepr(msg)})`,
};

