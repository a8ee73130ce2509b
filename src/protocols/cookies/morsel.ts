// Morsel of CPython 3.11's Lib/http/cookies.py: one key=value pair with its reserved
// attributes (_reserved, _flags), set() with its CookieErrors, and OutputString(),
// output() and js_output() byte for byte.
import { pyRepr } from '../core/py-text.js';
import { CookieError } from './errors.js';
import { getDate, isLegalKey, quote } from './quote.js';

/**
 * An attribute value as Python would hold it: a str, a bool (True for a bare flag), None
 * (a "$Path" with no value), or an int (`number`, e.g. expires as an offset in seconds).
 * A non-integral number stands for a Python float.
 */
export type AttributeValue = string | number | boolean | null;

/** Morsel._reserved: lower-case attribute name to its traditional spelling, in Python's order. */
export const RESERVED: ReadonlyMap<string, string> = new Map([
  ['expires', 'expires'],
  ['path', 'Path'],
  ['comment', 'Comment'],
  ['domain', 'Domain'],
  ['max-age', 'Max-Age'],
  ['secure', 'Secure'],
  ['httponly', 'HttpOnly'],
  ['version', 'Version'],
  ['samesite', 'SameSite'],
]);

/** Morsel._flags: the attributes written as a bare name when their value is true. */
export const FLAGS: ReadonlySet<string> = new Set(['secure', 'httponly']);

/** The attribute names in the order OutputString writes them (sorted(self.items())). */
const SORTED_ATTRIBUTES = [...RESERVED.keys()].sort();

/** Options of the output methods: which attributes to write (all by default). */
export type AttributeFilter = readonly string[] | undefined;

/** The JavaScript of Morsel.js_output(), around the escaped OutputString(). */
const JS_HEAD = '\n        <script type="text/javascript">\n        <!-- begin hiding\n        document.cookie = "';
const JS_TAIL = '";\n        // end hiding -->\n        </script>\n        ';

/** Morsel.isReservedKey(K): whether K (any case) names a reserved attribute. */
export function isReservedKey(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}

/** Python's "%s" of an attribute value. */
export function pyStr(value: AttributeValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  return value;
}

function pyNumber(n: number): string {
  if (Number.isInteger(n)) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) return String(n);
  // Python's repr: exponent form with at least two exponent digits.
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2').replace(/\.?0*e/, 'e');
}

/** isinstance(value, int) in Python: ints and bools. */
function isPyInt(value: AttributeValue): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}

/** Python truthiness of an attribute value. */
function truthy(value: AttributeValue): boolean {
  return value !== null && value !== false && value !== '' && value !== 0;
}

/**
 * http.cookies.Morsel: a key, its value, its coded (network) value and the nine reserved
 * attributes, each "" until set. `now` (seconds since the epoch) fixes the clock an integer
 * `expires` is counted from; it defaults to the current time, as Python's _getdate does.
 */
export class Morsel {
  #key: string | null = null;
  #value: string | null = null;
  #coded: string | null = null;
  readonly #attrs = new Map<string, AttributeValue>([...RESERVED.keys()].map((k) => [k, '']));
  now: number | undefined;

  /** The cookie name (None until set()). */
  get key(): string | null {
    return this.#key;
  }

  /** The real (decoded) value. */
  get value(): string | null {
    return this.#value;
  }

  /** The value as written on the wire (quoted, escaped). */
  get coded_value(): string | null {
    return this.#coded;
  }

  /**
   * Morsel.set(key, val, coded_val). Throws CookieError "Attempt to set a reserved key %r"
   * for an attribute name, "Illegal key %r" for a key outside _LegalChars.
   */
  set(key: string, val: string, codedVal: string): void {
    if (isReservedKey(key)) throw new CookieError(`Attempt to set a reserved key ${pyRepr(key)}`, 'ERR_COOKIE_RESERVED_KEY');
    if (!isLegalKey(key)) throw new CookieError(`Illegal key ${pyRepr(key)}`, 'ERR_COOKIE_ILLEGAL_KEY');
    this.#key = key;
    this.#value = val;
    this.#coded = codedVal;
  }

  /** Morsel[name] = value: the name is lower-cased; an unknown one is CookieError "Invalid attribute %r". */
  setAttribute(name: string, value: AttributeValue): void {
    const k = name.toLowerCase();
    if (!RESERVED.has(k)) throw new CookieError(`Invalid attribute ${pyRepr(k)}`, 'ERR_COOKIE_ATTRIBUTE');
    this.#attrs.set(k, value);
  }

  /** Morsel.update(values): all names checked first, then all set. */
  update(values: Iterable<readonly [string, AttributeValue]> | Record<string, AttributeValue>): void {
    const entries = Symbol.iterator in values ? [...(values as Iterable<readonly [string, AttributeValue]>)] : Object.entries(values);
    const data = new Map<string, AttributeValue>();
    for (const [name, value] of entries) {
      const k = name.toLowerCase();
      if (!RESERVED.has(k)) throw new CookieError(`Invalid attribute ${pyRepr(k)}`, 'ERR_COOKIE_ATTRIBUTE');
      data.set(k, value);
    }
    for (const [k, v] of data) this.#attrs.set(k, v);
  }

  /** Morsel[name] for a lower-case reserved name (the name is lower-cased here for convenience). */
  getAttribute(name: string): AttributeValue | undefined {
    return this.#attrs.get(name.toLowerCase());
  }

  /** The attributes as Python's dict(morsel) lists them: every reserved name, in _reserved order. */
  attributes(): [string, AttributeValue][] {
    return [...this.#attrs];
  }

  /** Morsel.isReservedKey(K). */
  isReservedKey(name: string): boolean {
    return isReservedKey(name);
  }

  /** Morsel.copy(). */
  copy(): Morsel {
    const m = new Morsel();
    m.#key = this.#key;
    m.#value = this.#value;
    m.#coded = this.#coded;
    for (const [k, v] of this.#attrs) m.#attrs.set(k, v);
    m.now = this.now;
    return m;
  }

  /**
   * Morsel.OutputString(attrs): "key=coded_value" then each set attribute in sorted name
   * order ("; "-joined): an integer expires through _getdate, an integer max-age as %d, a
   * str comment through _quote, a flag as its bare name when true, others as Name=%s.
   */
  OutputString(attrs?: AttributeFilter): string {
    const result = [`${pyStr(this.#key)}=${pyStr(this.#coded)}`];
    for (const key of SORTED_ATTRIBUTES) {
      const value = this.#attrs.get(key)!;
      if (value === '') continue;
      if (attrs !== undefined && !attrs.includes(key)) continue;
      const name = RESERVED.get(key)!;
      if (key === 'expires' && isPyInt(value)) result.push(`${name}=${getDate(Number(value), this.now)}`);
      else if (key === 'max-age' && isPyInt(value)) result.push(`${name}=${pyNumber(Number(value))}`);
      else if (key === 'comment' && typeof value === 'string') result.push(`${name}=${quote(value)}`);
      else if (FLAGS.has(key)) {
        if (truthy(value)) result.push(name);
      } else result.push(`${name}=${pyStr(value)}`);
    }
    return result.join('; ');
  }

  /** Morsel.output(attrs, header): "Set-Cookie: " + OutputString(). */
  output(attrs?: AttributeFilter, header = 'Set-Cookie:'): string {
    return `${header} ${this.OutputString(attrs)}`;
  }

  /** Morsel.js_output(attrs): the <script> block setting document.cookie, `"` escaped as `\"`. */
  js_output(attrs?: AttributeFilter): string {
    return JS_HEAD + this.OutputString(attrs).replaceAll('"', '\\"') + JS_TAIL;
  }

  /** Python's repr(): "<Morsel: OutputString()>". */
  toString(): string {
    return `<Morsel: ${this.OutputString()}>`;
  }
}
