// Python's text rules that engines mirror: str.isspace()/str.strip() and int(text, base)
// (Objects/longobject.c), including Unicode decimal digits and underscores.

// str.isspace() in CPython 3.11 (Unicode 14): bidi classes WS, B, S and category Zs.
const PY_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

// The zero of every run of ten Unicode decimal digits (category Nd) in Unicode 14, the
// version CPython 3.11 uses; int() reads each as its digit value.
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
  0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
  0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
  0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

export function isPySpace(cp: number): boolean {
  return PY_SPACE.has(cp);
}

/** Python's str.strip() with no argument. */
export function pyStrip(text: string): string {
  const cps = Array.from(text);
  let a = 0;
  let b = cps.length;
  while (a < b && PY_SPACE.has(cps[a]!.codePointAt(0)!)) a++;
  while (b > a && PY_SPACE.has(cps[b - 1]!.codePointAt(0)!)) b--;
  return a === 0 && b === cps.length ? text : cps.slice(a, b).join('');
}

/** The value of a Unicode decimal digit, or -1. */
function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x660) return -1;
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return cp - zero;
  }
  return -1;
}

/**
 * Python's int(text, base) for base 10 or 16: surrounding whitespace, a sign, a "0x"
 * prefix (base 16), single underscores between digits. Returns undefined where Python
 * raises ValueError.
 */
export function parsePyInt(text: string, base: 10 | 16): bigint | undefined {
  // _PyUnicode_TransformDecimalAndSpaceToASCII: spaces → " ", decimal digits → ASCII,
  // any other non-ASCII character makes the literal invalid.
  let ascii = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (PY_SPACE.has(cp)) ascii += ' ';
    else if (cp < 0x80) ascii += ch;
    else {
      const d = decimalValue(cp);
      if (d < 0) return undefined;
      ascii += String(d);
    }
  }
  const re = base === 16 ? /^ *([+-]?)(?:0[xX](_?))?([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*) *$/ : /^ *([+-]?)()([0-9]+(?:_[0-9]+)*) *$/;
  const m = re.exec(ascii);
  if (!m) return undefined;
  const digits = m[3]!.replace(/_/g, '');
  const magnitude = BigInt((base === 16 ? '0x' : '') + digits);
  return m[1] === '-' ? -magnitude : magnitude;
}
