// robots.txt parsing, two ways. Legacy mode is CPython 3.11's RobotFileParser.parse
// exactly (its state machine, unquote/quote of values, blank lines ending groups, only the
// first "User-agent: *" group kept as the default). The default mode is RFC 9309 as newer
// CPython implements it (gh-138907): blank lines ignored, groups for the same agent merged,
// patterns with "*" and "$". Both keep the 1-based source line of everything.
import { PyValueError } from '../core/errors.js';
import { intErrorMessage, isPyDecimal, isPyDigit, parsePyInt, pySplitlines, pyStrip } from '../core/py-text.js';
import { quote, unquote, urlparse, urlunparse } from '../url/index.js';
import { normalizeEscapes } from './normalize.js';

/** Which rules a RobotsFile follows: Python 3.11's robotparser, or RFC 9309. */
export type RobotsMode = 'legacy' | 'rfc9309';

/** One Allow or Disallow line. */
export interface RobotsRule {
  /** 1-based line in the source text. */
  line: number;
  /** The directive as written. */
  directive: 'allow' | 'disallow';
  /** The value as written (comment and surrounding whitespace removed). */
  path: string;
  /**
   * What URLs are compared with: legacy, Python's RuleLine.path (unquoted, urlparse'd,
   * quoted again); RFC 9309, the normalised pattern without its final "$".
   */
  pattern: string;
  /** The rule's effect: an empty Disallow allows everything in both modes. */
  allow: boolean;
  /** RFC 9309 only: the pattern ended in "$" and must match the whole path. */
  anchored: boolean;
}

/** Python's RequestRate(requests, seconds) named tuple. */
export interface RequestRate {
  requests: number;
  seconds: number;
}

/** A group (Python's Entry): the user agents it names and the lines that apply to them. */
export interface RobotsGroup {
  /** Line of the group's first User-agent line. */
  line: number;
  /** The product tokens as written (legacy: after unquote). */
  userAgents: string[];
  /** The line of each user agent, parallel to userAgents. */
  userAgentLines: number[];
  rules: RobotsRule[];
  /** Crawl-delay in seconds (Python int), or null. */
  crawlDelay: number | null;
  crawlDelayLine: number | null;
  requestRate: RequestRate | null;
  requestRateLine: number | null;
}

/** A Sitemap line. */
export interface RobotsSitemap {
  url: string;
  line: number;
}

/** A parsed robots.txt (Python's RobotFileParser after parse()). */
export interface RobotsFile {
  mode: RobotsMode;
  /** Every group the parser kept, in file order (Python's entries plus its default entry). */
  groups: RobotsGroup[];
  /**
   * The group used when no other matches: legacy, the first group naming "*"; RFC 9309,
   * every "*" group merged. Null without one.
   */
  defaultGroup: RobotsGroup | null;
  sitemaps: RobotsSitemap[];
  /** Python's last_checked != 0: true after parse; false for robotsForStatus() files. */
  checked: boolean;
  /** Python's allow_all (set by read() on most 4xx answers). */
  allowAll: boolean;
  /** Python's disallow_all (set by read() on 401/403, and on 5xx by newer CPython). */
  disallowAll: boolean;
}

/** Options of parseRobots. */
export interface ParseRobotsOptions {
  /** Follow CPython 3.11's robotparser exactly instead of RFC 9309. */
  legacy?: boolean;
}

function newGroup(): RobotsGroup {
  return { line: 0, userAgents: [], userAgentLines: [], rules: [], crawlDelay: null, crawlDelayLine: null, requestRate: null, requestRateLine: null };
}

/** The (lower-cased key, raw value) of a "key: value" line after comment removal, or null. */
function splitLine(raw: string): [string, string] | null {
  const hash = raw.indexOf('#');
  const line = pyStrip(hash >= 0 ? raw.slice(0, hash) : raw);
  if (!line) return null;
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  return [pyStrip(line.slice(0, colon)).toLowerCase(), pyStrip(line.slice(colon + 1))];
}

/** Python 3.11's RuleLine.path for a value: urlunparse(urlparse(path)), then quote. */
function legacyPattern(path: string): string {
  return quote(urlunparse(urlparse(path).toTuple()));
}

/** int(text): Python's ValueError for what int() refuses. Values past 2**53 lose precision. */
function pyInt(text: string): number {
  const n = parsePyInt(text, 10);
  if (n === undefined) throw new PyValueError(intErrorMessage(text, 10));
  return Number(n);
}

/**
 * Crawl-delay and Request-rate ("N/M") into the group, when their numbers pass `isNumber`
 * (3.11 asks str.isdigit(), current CPython str.isdecimal()); anything else is ignored.
 */
function applyRateLimit(entry: RobotsGroup, key: 'crawl-delay' | 'request-rate', value: string, line: number, isNumber: (text: string) => boolean): void {
  if (key === 'crawl-delay') {
    if (isNumber(pyStrip(value))) {
      entry.crawlDelay = pyInt(value);
      entry.crawlDelayLine = line;
    }
    return;
  }
  const numbers = value.split('/');
  if (numbers.length === 2 && isNumber(pyStrip(numbers[0]!)) && isNumber(pyStrip(numbers[1]!))) {
    entry.requestRate = { requests: pyInt(numbers[0]!), seconds: pyInt(numbers[1]!) };
    entry.requestRateLine = line;
  }
}

/**
 * Parses robots.txt text (split into lines like Python's str.splitlines()).
 * Legacy mode throws what Python 3.11's parse() raises (PyValueError from urlparse of a
 * rule such as "Disallow: http://[x", or int() of a superscript Crawl-delay).
 */
export function parseRobots(text: string, options: ParseRobotsOptions = {}): RobotsFile {
  return options.legacy ? parseLegacy(pySplitlines(text)) : parseRfc(pySplitlines(text));
}

/**
 * The file left behind when fetching robots.txt answered HTTP `status` with an error.
 * RFC 9309 mode: any 4xx allows all, 5xx disallows all. Legacy mode, Python 3.11's
 * read(): 401/403 disallow all, other 4xx allow all, anything else leaves nothing read (so
 * can_fetch answers False).
 */
export function robotsForStatus(status: number, options: ParseRobotsOptions = {}): RobotsFile {
  const file: RobotsFile = { mode: options.legacy ? 'legacy' : 'rfc9309', groups: [], defaultGroup: null, sitemaps: [], checked: false, allowAll: false, disallowAll: false };
  if (options.legacy) {
    // 3.11's read(): 401/403 disallow_all, other 4xx allow_all, anything else left unread.
    if (status === 401 || status === 403) file.disallowAll = true;
    else if (status >= 400 && status < 500) file.allowAll = true;
  } else {
    // RFC 9309 §2.3.1.3-4: 4xx "unavailable" (401 and 403 too) allows all; 5xx disallows all.
    if (status >= 400 && status < 500) file.allowAll = true;
    else if (status >= 500 && status < 600) file.disallowAll = true;
  }
  return file;
}

function parseLegacy(lines: string[]): RobotsFile {
  const file: RobotsFile = { mode: 'legacy', groups: [], defaultGroup: null, sitemaps: [], checked: true, allowAll: false, disallowAll: false };
  const add = (entry: RobotsGroup): void => {
    file.groups.push(entry);
    if (entry.userAgents.includes('*') && file.defaultGroup === null) file.defaultGroup = entry;
  };
  let state = 0;
  let entry = newGroup();
  lines.forEach((raw, index) => {
    const n = index + 1;
    if (!raw) {
      if (state === 2) add(entry);
      if (state !== 0) {
        entry = newGroup();
        state = 0;
      }
    }
    const kv = splitLine(raw);
    if (!kv) return;
    const [key, written] = kv;
    const value = unquote(written);
    if (key === 'user-agent') {
      if (state === 2) {
        add(entry);
        entry = newGroup();
      }
      if (entry.userAgents.length === 0) entry.line = n;
      entry.userAgents.push(value);
      entry.userAgentLines.push(n);
      state = 1;
    } else if (key === 'disallow' || key === 'allow') {
      if (state !== 0) {
        const allow = key === 'allow' || value === '';
        entry.rules.push({ line: n, directive: key, path: written, pattern: legacyPattern(value), allow, anchored: false });
        state = 2;
      }
    } else if (key === 'crawl-delay' || key === 'request-rate') {
      if (state !== 0) {
        applyRateLimit(entry, key, value, n, isPyDigit);
        state = 2;
      }
    } else if (key === 'sitemap') {
      file.sitemaps.push({ url: value, line: n });
    }
  });
  if (state === 2) add(entry);
  return file;
}

/**
 * Newer CPython's RuleLine: "**" runs collapse, "$" followed by "$"/"*" collapses to "$",
 * the rest is normalised around the special characters; null when a "$" is left inside
 * the pattern (Python raises ValueError there and skips the rule).
 */
export function rfcPattern(path: string): { pattern: string; anchored: boolean } | null {
  let p = path.replace(/\*{2,}/g, '*').replace(/\$[$*]+/g, '$');
  const q = p.indexOf('?');
  const head = q >= 0 ? p.slice(0, q) : p;
  let out = head.replace(/[^*$]+/g, (m) => normalizeEscapes(m));
  if (q >= 0) out += '?' + p.slice(q + 1).replace(/[^=&*$]+/g, (m) => normalizeEscapes(m));
  p = out;
  const anchored = p.endsWith('$');
  p = p.replace(/\$+$/, '');
  if (p.includes('$')) return null;
  return { pattern: p, anchored };
}

function parseRfc(lines: string[]): RobotsFile {
  const file: RobotsFile = { mode: 'rfc9309', groups: [], defaultGroup: null, sitemaps: [], checked: true, allowAll: false, disallowAll: false };
  let state = 0;
  let entry = newGroup();
  lines.forEach((raw, index) => {
    const n = index + 1;
    const kv = splitLine(raw);
    if (!kv) return;
    const [key, value] = kv;
    if (key === 'user-agent') {
      if (state === 2) {
        file.groups.push(entry);
        entry = newGroup();
      }
      if (entry.userAgents.length === 0) entry.line = n;
      entry.userAgents.push(value);
      entry.userAgentLines.push(n);
      state = 1;
    } else if (key === 'disallow' || key === 'allow') {
      if (state !== 0) {
        state = 2;
        const allow = key === 'allow' || value === '';
        const compiled = rfcPattern(value);
        if (compiled) entry.rules.push({ line: n, directive: key, path: value, pattern: compiled.pattern, allow, anchored: compiled.anchored });
      }
    } else if (key === 'crawl-delay' || key === 'request-rate') {
      if (state !== 0) {
        applyRateLimit(entry, key, value, n, isPyDecimal);
        state = 2;
      }
    } else if (key === 'sitemap') {
      file.sitemaps.push({ url: value, line: n });
    }
  });
  if (state !== 0) file.groups.push(entry);
  file.defaultGroup = agentTable(file).get('*') ?? null;
  return file;
}

/** Newer CPython's merge_entries(e1, e2). */
function mergeGroups(a: RobotsGroup, b: RobotsGroup): RobotsGroup {
  const keep = new Set(b.userAgents);
  const userAgents: string[] = [];
  const userAgentLines: number[] = [];
  a.userAgents.forEach((ua, i) => {
    if (keep.has(ua)) {
      userAgents.push(ua);
      userAgentLines.push(a.userAgentLines[i]!);
    }
  });
  return {
    line: a.line,
    userAgents,
    userAgentLines,
    rules: [...a.rules, ...b.rules],
    crawlDelay: b.crawlDelay ?? a.crawlDelay,
    crawlDelayLine: b.crawlDelay === null ? a.crawlDelayLine : b.crawlDelayLine,
    requestRate: b.requestRate ?? a.requestRate,
    requestRateLine: b.requestRate === null ? a.requestRateLine : b.requestRateLine,
  };
}

const TABLES = new WeakMap<RobotsFile, Map<string, RobotsGroup>>();

/**
 * RFC 9309 mode: newer CPython's `groups` dict, lower-cased product token → the merged
 * group of every group naming it, in first-seen order.
 */
export function agentTable(file: RobotsFile): Map<string, RobotsGroup> {
  let table = TABLES.get(file);
  if (table) return table;
  table = new Map();
  for (const group of file.groups) {
    for (const agent of group.userAgents) {
      const key = agent.toLowerCase();
      const seen = table.get(key);
      table.set(key, seen ? mergeGroups(seen, group) : group);
    }
  }
  TABLES.set(file, table);
  return table;
}
