// Content-Disposition's file name (RFC 6266), as a download names its file: the
// parameters parsed as tokens or quoted-strings, `filename*` decoded as an RFC 8187
// (formerly 5987) ext-value, and preferred over `filename`. Pure: no file system here.

/** The parameters of a Content-Disposition value, names lower-cased, first one of a name kept. */
export function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = 0;
  const n = value.length;
  // The disposition type (attachment, inline, ...): skipped unless it is already a parameter.
  const semi = value.indexOf(';');
  const first = semi < 0 ? value : value.slice(0, semi);
  if (!first.includes('=')) i = semi < 0 ? n : semi + 1;
  while (i < n) {
    while (i < n && (value[i] === ' ' || value[i] === '\t' || value[i] === ';')) i++;
    const eq = value.indexOf('=', i);
    const end = value.indexOf(';', i);
    if (eq < 0 || (end >= 0 && end < eq)) {
      // A parameter without a value: nothing to keep.
      i = end < 0 ? n : end + 1;
      continue;
    }
    const name = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < n && (value[i] === ' ' || value[i] === '\t')) i++;
    let text: string;
    if (value[i] === '"') {
      // RFC 9110 §5.6.4 quoted-string: a backslash quotes the next character.
      text = '';
      for (i++; i < n && value[i] !== '"'; i++) text += value[i] === '\\' && i + 1 < n ? value[++i] : value[i];
      i++;
      const next = value.indexOf(';', i);
      i = next < 0 ? n : next + 1;
    } else {
      const next = value.indexOf(';', i);
      text = value.slice(i, next < 0 ? n : next).trim();
      i = next < 0 ? n : next + 1;
    }
    if (name && !params.has(name)) params.set(name, text);
  }
  return params;
}

/**
 * An RFC 8187 ext-value (`charset'language'pct-encoded`) decoded, for the charsets RFC
 * 8187 §3.2.1 requires (UTF-8) and ISO-8859-1; undefined when it is malformed, in another
 * charset, or not valid in its charset.
 */
export function decodeExtValue(value: string): string | undefined {
  const m = /^([!#$%&+\-^_`{}~0-9A-Za-z]+)'[^']*'(.*)$/s.exec(value.trim());
  if (!m) return undefined;
  const charset = m[1]!.toLowerCase();
  const latin1 = charset === 'iso-8859-1' || charset === 'latin1';
  if (charset !== 'utf-8' && !latin1) return undefined;
  const text = m[2]!;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c > 0x20 && c < 0x7f) {
      bytes.push(c);
    } else {
      return undefined;
    }
  }
  const buf = Buffer.from(bytes);
  if (latin1) return buf.toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}

/**
 * The file name a Content-Disposition value gives, unsanitised: `filename*` when it
 * decodes (RFC 6266 §4.3: it wins over `filename`), else `filename` taken literally
 * (quoted-string escapes undone, no percent-decoding). Header values arrive as latin1
 * text; a `filename` whose bytes are valid UTF-8 is read as UTF-8, the bytes curl would
 * write. Undefined when neither is there.
 */
export function dispositionFilename(value: string): string | undefined {
  const params = dispositionParams(value);
  const extended = params.get('filename*');
  const decoded = extended === undefined ? undefined : decodeExtValue(extended);
  if (decoded !== undefined) return decoded;
  const plain = params.get('filename');
  if (plain === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(plain, 'latin1'));
  } catch {
    return plain;
  }
}
