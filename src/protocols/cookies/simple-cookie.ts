// SimpleCookie of CPython 3.11's Lib/http/cookies.py: BaseCookie.__parse_string with its
// _CookiePattern (re.ASCII | re.VERBOSE), the "$"-attributes, the all-or-nothing rejection
// of an invalid string and the silent stop where the pattern no longer matches; the
// value_decode/value_encode of SimpleCookie; output() and js_output() of the whole jar.
import { FLAGS, Morsel, RESERVED, type AttributeFilter, type AttributeValue } from './morsel.js';
import { quote, unquote } from './quote.js';

// re.ASCII classes: \s is [ \t\n\r\f\v], \w is [A-Za-z0-9_].
const S = '[\\t\\n\\v\\f\\r ]';
const KEY_CHARS = "A-Za-z0-9_!#%&'~`><@,:/$*+\\-.^|)(?}{=";
const VALUE_CHARS = KEY_CHARS + '\\[\\]';

/**
 * _CookiePattern, anchored where it is tried (sticky). Python's "." (not "\n") is written
 * out, and its "$" (end, or before a final "\n") is `$|(?=\n$)`.
 */
const COOKIE_PATTERN = new RegExp(
  `${S}*` +
    `(?<key>[${KEY_CHARS}]+?)` +
    `(?:${S}*=${S}*(?<val>` +
    `"(?:[^\\\\"]|\\\\[^\\n])*"` +
    `|[A-Za-z0-9_]{3},${S}[A-Za-z0-9_\\t\\n\\v\\f\\r \\-]{9,11}${S}[0-9:]{8}${S}GMT` +
    `|[${VALUE_CHARS}]*` +
    `))?` +
    `${S}*` +
    `(?:${S}+|;|$|(?=\\n$))`,
  'y',
);

/** Why __parse_string stopped reading the string. */
export type StopReason =
  /** The whole string was read. */
  | 'end'
  /** _CookiePattern did not match here: the rest is ignored, what came before is kept. */
  | 'no-match'
  /** A reserved attribute (Path, Secure...) came before any key=value: nothing is kept. */
  | 'attribute-before-cookie'
  /** A reserved attribute other than Secure/HttpOnly had no "=value": nothing is kept. */
  | 'attribute-without-value'
  /** A key that is not an attribute had no "=value": nothing is kept. */
  | 'key-without-value';

/** One match of _CookiePattern, as __parse_string classified it. */
export interface ScannedItem {
  /**
   * `cookie` (TYPE_KEYVALUE), `attribute` (TYPE_ATTRIBUTE, reserved or "$"-prefixed after a
   * cookie) or `ignored` (a "$"-attribute before any cookie, such as "$Version").
   */
  type: 'cookie' | 'attribute' | 'ignored';
  /** The key as applied: for a "$"-attribute, without its "$". */
  key: string;
  /** The value group as matched, or null when there was no "=". */
  raw: string | null;
  /** The value applied: unquoted for cookies and reserved attributes, true for a bare flag. */
  value: AttributeValue;
  /** Code point offsets of the whole match in the string (Python str indexes). */
  start: number;
  end: number;
}

/** The first, syntactic phase of BaseCookie.__parse_string. */
export interface CookieScan {
  items: ScannedItem[];
  /** `end` and `no-match` keep `items`; the three other reasons discard the whole string. */
  stop: StopReason;
  /** Code point offset where reading stopped (the failing match's start, or the length). */
  stopAt: number;
  /** Whether Python applies `items` (it discards everything on a rejection). */
  accepted: boolean;
}

/** The code point offset of a UTF-16 offset (the same number when there are no surrogates). */
function cpOffset(text: string, utf16: number): number {
  if (!/[\ud800-\udfff]/.test(text)) return utf16;
  let n = 0;
  for (let i = 0; i < utf16; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || text.charCodeAt(i - 1) < 0xd800 || text.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n;
}

/**
 * The syntactic pass of BaseCookie.__parse_string (SimpleCookie's value_decode): every
 * _CookiePattern match in order, and where and why it stopped.
 */
export function scanCookieString(text: string): CookieScan {
  const items: ScannedItem[] = [];
  let i = 0;
  let morselSeen = false;
  const n = text.length;
  const stop = (reason: StopReason, at: number): CookieScan => ({
    items,
    stop: reason,
    stopAt: cpOffset(text, at),
    accepted: reason === 'end' || reason === 'no-match',
  });
  while (i < n) {
    COOKIE_PATTERN.lastIndex = i;
    const m = COOKIE_PATTERN.exec(text);
    if (!m) return stop('no-match', i);
    const key = m.groups!['key']!;
    const raw = m.groups!['val'] ?? null;
    const start = i;
    i = m.index + m[0].length;
    const at = { start: cpOffset(text, start), end: cpOffset(text, i) };
    if (key[0] === '$') {
      if (!morselSeen) items.push({ type: 'ignored', key: key.slice(1), raw, value: raw, ...at });
      else items.push({ type: 'attribute', key: key.slice(1), raw, value: raw, ...at });
    } else if (RESERVED.has(key.toLowerCase())) {
      if (!morselSeen) return stop('attribute-before-cookie', start);
      if (raw === null) {
        if (FLAGS.has(key.toLowerCase())) items.push({ type: 'attribute', key, raw, value: true, ...at });
        else return stop('attribute-without-value', start);
      } else items.push({ type: 'attribute', key, raw, value: unquote(raw), ...at });
    } else if (raw !== null) {
      items.push({ type: 'cookie', key, raw, value: unquote(raw), ...at });
      morselSeen = true;
    } else return stop('key-without-value', start);
  }
  return stop('end', n);
}

function compareKeys(a: string, b: string): number {
  // Keys are ASCII (set() insists on _LegalChars), so UTF-16 order is code point order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * http.cookies.SimpleCookie: Morsels by key in insertion order; output() sorts by key.
 * `now` (seconds since the epoch) is handed to the morsels for an integer `expires`.
 */
export class SimpleCookie {
  readonly #jar = new Map<string, Morsel>();
  now: number | undefined;

  /** SimpleCookie(input): loads the string when it is non-empty. */
  constructor(input?: string) {
    if (input) this.load(input);
  }

  /** The morsels in dict order (first appearance of each key). */
  get morsels(): Morsel[] {
    return [...this.#jar.values()];
  }

  /** The keys in dict order. */
  keys(): string[] {
    return [...this.#jar.keys()];
  }

  /** C[key], or undefined where Python raises KeyError. */
  get(key: string): Morsel | undefined {
    return this.#jar.get(key);
  }

  /** C[key] = value: value_encode gives str(value) and _quote(str(value)). */
  set(key: string, value: string): Morsel {
    return this.#set(key, value, quote(value));
  }

  #set(key: string, real: string, coded: string): Morsel {
    const m = this.#jar.get(key) ?? new Morsel();
    m.set(key, real, coded);
    m.now = this.now;
    this.#jar.set(key, m);
    return m;
  }

  /**
   * BaseCookie.load(str): __parse_string. A rejected string changes nothing; an accepted
   * one is applied in order and may throw CookieError half way (an illegal key such as
   * "a,b", or an unknown "$"-attribute), leaving what was applied before, as Python does.
   */
  load(text: string): CookieScan {
    const scan = scanCookieString(text);
    if (!scan.accepted) return scan;
    let current: Morsel | undefined;
    for (const item of scan.items) {
      if (item.type === 'ignored') continue;
      if (item.type === 'attribute') current!.setAttribute(item.key, item.value);
      else current = this.#set(item.key, item.value as string, item.raw!);
    }
    return scan;
  }

  /** BaseCookie.output(attrs, header, sep): each morsel's output() in key order, "\r\n"-joined. */
  output(attrs?: AttributeFilter, header = 'Set-Cookie:', sep = '\r\n'): string {
    return this.#sorted().map((m) => m.output(attrs, header)).join(sep);
  }

  /** BaseCookie.js_output(attrs): each morsel's js_output() in key order, concatenated. */
  js_output(attrs?: AttributeFilter): string {
    return this.#sorted().map((m) => m.js_output(attrs)).join('');
  }

  #sorted(): Morsel[] {
    return [...this.#jar].sort((a, b) => compareKeys(a[0], b[0])).map(([, m]) => m);
  }
}

/**
 * SimpleCookie(header) for `cookie parse`: the jar (its `morsels` in dict order, `output()`)
 * and the scan saying where and why Python stopped reading. Throws CookieError where
 * Python's constructor raises.
 */
export function loadCookie(header: string): { morsels: Morsel[]; cookie: SimpleCookie; scan: CookieScan } {
  const cookie = new SimpleCookie();
  const scan = cookie.load(header);
  return { morsels: cookie.morsels, cookie, scan };
}

/** Attributes for makeCookie, by any-case reserved name (expires may be an int offset). */
export type MakeAttributes = Readonly<Record<string, AttributeValue | undefined>>;

/**
 * `cookie make`: C = SimpleCookie(); C[name] = value; C[name][attr] = ... for each given
 * attribute (undefined ones skipped), in the given order. Throws CookieError as Python does:
 * reserved or illegal name, unknown attribute. `now` fixes the clock for an int expires.
 */
export function makeCookie(name: string, value: string, attributes: MakeAttributes = {}, now?: number): Morsel {
  const cookie = new SimpleCookie();
  cookie.now = now;
  const m = cookie.set(name, value);
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) m.setAttribute(k, v);
  return m;
}
