// The text codecs urllib.parse reaches through str.encode / bytes.decode: utf-8, latin-1 and
// ascii (with Python's aliases and name normalization), under the 'strict', 'replace',
// 'ignore', 'backslashreplace', 'xmlcharrefreplace' (encoding) and 'surrogateescape' error
// handlers, raising Python's exact UnicodeEncodeError / UnicodeDecodeError /
// LookupError messages. Positions count code points (encode) or bytes (decode), as Python's.
import { OTHER_PYTHON_CODECS } from './codec-names.js';
import { PyTypeError } from '../core/errors.js';
import { PyLookupError, PyUnicodeDecodeError, PyUnicodeEncodeError, UnsupportedCodecError } from './errors.js';

/** A codec netkit implements, by the name Python's error messages use. */
export type CodecName = 'utf-8' | 'latin-1' | 'ascii';

const ALIASES: Record<string, CodecName> = {};
for (const n of 'utf_8 u8 utf utf8 utf8_ucs2 utf8_ucs4 cp65001'.split(' ')) ALIASES[n] = 'utf-8';
for (const n of 'latin_1 8859 cp819 csisolatin1 ibm819 iso8859 iso8859_1 iso_8859_1 iso_8859_1_1987 iso_ir_100 l1 latin latin1'.split(' ')) ALIASES[n] = 'latin-1';
for (const n of 'ascii 646 ansi_x3.4_1968 ansi_x3_4_1968 ansi_x3.4_1986 cp367 csascii ibm367 iso646_us iso_646.irv_1991 iso_ir_6 us us_ascii'.split(' ')) ALIASES[n] = 'ascii';

type Handler = 'strict' | 'replace' | 'ignore' | 'backslashreplace' | 'xmlcharrefreplace' | 'surrogateescape' | 'namereplace';
const HANDLERS = new Set(['strict', 'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace', 'surrogateescape', 'namereplace']);
const OTHER_HANDLERS = new Set(['surrogatepass']);

/** encodings.normalize_encoding after the codec registry's lowercasing. */
function normalize(name: string): string {
  let out = '';
  let punct = false;
  for (const ch of name.toLowerCase().replace(/ /g, '_')) {
    if (/^[\p{L}\p{N}.]$/u.test(ch)) {
      if (punct && out) out += '_';
      if (ch.charCodeAt(0) < 0x80) out += ch;
      punct = false;
    } else punct = true;
  }
  return out;
}

/** codecs.lookup(name) for the codecs netkit has; LookupError `unknown encoding: X` otherwise. */
export function lookupCodec(encoding: string): CodecName {
  const n = normalize(encoding);
  const found = ALIASES[n] ?? ALIASES[n.replace(/\./g, '_')];
  if (found) return found;
  if (OTHER_PYTHON_CODECS.has(n) || OTHER_PYTHON_CODECS.has(n.replace(/\./g, '_'))) {
    throw new UnsupportedCodecError(`encoding ${encoding} is not supported by netkit (only utf-8, latin-1 and ascii)`);
  }
  throw new PyLookupError(`unknown encoding: ${encoding}`);
}

function handler(errors: string): Handler {
  if (HANDLERS.has(errors)) return errors as Handler;
  if (OTHER_HANDLERS.has(errors)) throw new UnsupportedCodecError(`error handler ${errors} is not supported by netkit (only strict, replace and ignore)`);
  throw new PyLookupError(`unknown error handler name ${quoteName(errors)}`);
}

/** '%s' as Python's error-handler lookup quotes it (no escaping, single quotes). */
function quoteName(name: string): string {
  return `'${name}'`;
}

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

function escapeChar(cp: number): string {
  if (cp <= 0xff) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** str.encode(encoding, errors) for the supported codecs. */
export function encodeText(text: string, encoding: string, errors: string): Uint8Array {
  const codec = lookupCodec(encoding);
  const limit = codec === 'ascii' ? 0x80 : codec === 'latin-1' ? 0x100 : -1;
  const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
  const bad = (cp: number): boolean => (limit < 0 ? isSurrogate(cp) : cp >= limit);
  if (limit < 0 && !cps.some(isSurrogate)) return Buffer.from(text, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    if (!bad(cp)) {
      if (limit >= 0) out.push(cp);
      else for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) out.push(b);
      continue;
    }
    let end = i + 1;
    while (end < cps.length && bad(cps[end]!)) end++;
    const h = handler(errors);
    const run = cps.slice(i, end);
    // surrogateescape takes the run's leading U+DC80..U+DCFF and fails on the rest of it
    let start = i;
    if (h === 'surrogateescape') while (start < end && cps[start]! >= 0xdc80 && cps[start]! <= 0xdcff) start++;
    const escaped = h === 'surrogateescape' && start === end;
    if (h === 'strict' || h === 'namereplace' || (h === 'surrogateescape' && !escaped)) {
      if (h === 'namereplace') throw new UnsupportedCodecError('error handler namereplace is not supported by netkit');
      const reason = limit < 0 ? 'surrogates not allowed' : `ordinal not in range(${limit})`;
      const where = end === start + 1 ? `character '${escapeChar(cps[start]!)}' in position ${start}` : `characters in position ${start}-${end - 1}`;
      throw new PyUnicodeEncodeError(`'${codec}' codec can't encode ${where}: ${reason}`);
    }
    let text = '';
    if (h === 'replace') text = '?'.repeat(run.length);
    else if (h === 'backslashreplace') text = run.map(escapeChar).join('');
    else if (h === 'xmlcharrefreplace') text = run.map((c) => `&#${c};`).join('');
    if (escaped) for (const c of run) out.push(c - 0xdc00);
    for (let k = 0; k < text.length; k++) out.push(text.charCodeAt(k));
    i = end - 1;
  }
  return Uint8Array.from(out);
}

function decodeError(codec: CodecName, start: number, end: number, bytes: Uint8Array, reason: string): PyUnicodeDecodeError {
  const where = end === start + 1 ? `byte 0x${bytes[start]!.toString(16).padStart(2, '0')} in position ${start}` : `bytes in position ${start}-${end - 1}`;
  return new PyUnicodeDecodeError(`'${codec}' codec can't decode ${where}: ${reason}`);
}

const isCont = (b: number | undefined): boolean => b !== undefined && b >= 0x80 && b <= 0xbf;

/**
 * The length of the invalid run at bytes[i] under CPython's UTF-8 decoder and its reason,
 * or 0 when a whole character starts there (its length is then returned as `ok`).
 */
function utf8Step(bytes: Uint8Array, i: number): { ok: number; bad: number; reason: string } {
  const b = bytes[i]!;
  const left = bytes.length - i;
  if (b < 0x80) return { ok: 1, bad: 0, reason: '' };
  if (b < 0xc2 || b > 0xf4) return { ok: 0, bad: 1, reason: 'invalid start byte' };
  const need = b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  for (let k = 1; k < need; k++) {
    if (k >= left) return { ok: 0, bad: left, reason: 'unexpected end of data' };
    const c = bytes[i + k]!;
    const valid = k === 1 ? c >= lo && c <= hi : isCont(c);
    if (!valid) return { ok: 0, bad: k, reason: 'invalid continuation byte' };
  }
  return { ok: need, bad: 0, reason: '' };
}

/** bytes.decode(encoding, errors) for the supported codecs. */
export function decodeBytes(bytes: Uint8Array, encoding: string, errors: string): string {
  const codec = lookupCodec(encoding);
  if (codec === 'latin-1') return Buffer.from(bytes).toString('latin1');
  let out = '';
  let i = 0;
  let from = 0;
  const flush = (to: number): void => {
    if (to > from) out += Buffer.from(bytes.subarray(from, to)).toString(codec === 'ascii' ? 'latin1' : 'utf8');
  };
  while (i < bytes.length) {
    let bad = 0;
    let reason = '';
    if (codec === 'ascii') {
      if (bytes[i]! < 0x80) {
        i++;
        continue;
      }
      bad = 1;
      reason = 'ordinal not in range(128)';
    } else {
      const step = utf8Step(bytes, i);
      if (step.ok) {
        i += step.ok;
        continue;
      }
      bad = step.bad;
      reason = step.reason;
    }
    flush(i);
    const h = handler(errors);
    if (h === 'strict') throw decodeError(codec, i, i + bad, bytes, reason);
    if (h === 'xmlcharrefreplace' || h === 'namereplace') throw new PyTypeError("don't know how to handle UnicodeDecodeError in error callback");
    const run = Array.from(bytes.subarray(i, i + bad));
    if (h === 'replace') out += '\ufffd';
    else if (h === 'backslashreplace') out += run.map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('');
    else if (h === 'surrogateescape') {
      if (run.some((b) => b < 0x80)) throw decodeError(codec, i, i + bad, bytes, reason);
      out += String.fromCharCode(...run.map((b) => 0xdc00 + b));
    }
    i += bad;
    from = i;
  }
  flush(i);
  return out;
}
