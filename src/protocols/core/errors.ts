// Base error classes shared by every engine. Engines throw these; only src/cli/main.ts
// turns them into exit codes (through `kind`) and messages.

/** What went wrong, in the categories of the exit-code table (DESIGN.md §4). */
export type ErrorKind = 'failure' | 'usage' | 'network' | 'auth' | 'refused' | 'tls' | 'partial';

export interface NetkitErrorOptions {
  /** Stable machine-readable code, e.g. "ERR_BAD_UUID". */
  code?: string;
  /** The Python exception this mirrors, e.g. "ValueError" or "ftplib.error_perm". */
  python?: string;
  kind?: ErrorKind;
  cause?: unknown;
}

/** Root of every error netkit throws on purpose. `name` is a literal so it survives minification. */
export class NetkitError extends Error {
  override name = 'NetkitError';
  readonly code: string;
  readonly python: string | undefined;
  readonly kind: ErrorKind;

  constructor(message: string, options: NetkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'ERR_NETKIT';
    this.python = options.python;
    this.kind = options.kind ?? 'failure';
  }
}

/** Python's ValueError: the input is of the right type but has a bad value. */
export class PyValueError extends NetkitError {
  override name = 'ValueError';
  constructor(message: string, code = 'ERR_VALUE') {
    super(message, { code, python: 'ValueError' });
  }
}

/** Python's KeyError; its message is the repr of the key, as Python prints it. */
export class PyKeyError extends NetkitError {
  override name = 'KeyError';
  constructor(key: string, code = 'ERR_KEY') {
    super(pyRepr(key), { code, python: 'KeyError' });
  }
}

/** Python's repr() of a str: single quotes unless the text holds ' and no ". */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (!isPrintable(cp)) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

// Python's str.isprintable(): false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (but space).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
function isPrintable(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return !NON_PRINTABLE.test(String.fromCodePoint(cp));
}
