// Questions asked of a parsed robots.txt: may this agent fetch this URL, and its crawl
// delay, request rate and sitemaps. Legacy files answer like CPython 3.11's
// RobotFileParser (first matching rule in file order); RFC 9309 files like newer CPython
// (longest match wins, Allow wins ties, "*" and "$" patterns, /robots.txt always allowed).
import { agentTable, type RequestRate, type RobotsFile, type RobotsGroup, type RobotsRule } from './parse.js';
import { quote, unquote, urlparse, urlsplitParts, urlunparse, type SplitParts } from '../url/index.js';
import { normalizeEscapes } from './normalize.js';

/** The answer of canFetch. */
export interface FetchVerdict {
  /** Python's can_fetch(agent, url). */
  allowed: boolean;
  /** The rule that decided, or null (no group, no matching rule, or a file-wide state). */
  rule: RobotsRule | null;
  /** The group whose rules were consulted (merged in RFC 9309 mode), or null. */
  group: RobotsGroup | null;
  /** The path (and query) the rules were compared with, after Python's normalisation. */
  target: string | null;
  /** Why, in a word: a rule matched, no rule matched, or a file-wide state decided. */
  reason: 'rule' | 'no-rule' | 'no-group' | 'disallow-all' | 'allow-all' | 'not-read' | 'robots-txt' | 'bad-url';
}

// ------------------------------------------------------------------ group selection

/** Python 3.11's Entry.applies_to: "*" matches all, else a token inside the agent's name. */
function legacyApplies(group: RobotsGroup, agent: string): boolean {
  const name = agent.split('/')[0]!.toLowerCase();
  return group.userAgents.some((ua) => ua === '*' || name.includes(ua.toLowerCase()));
}

/** Newer CPython's Entry.applies_to: like 3.11 but "*" is left to the fallback. */
function rfcApplies(group: RobotsGroup, agent: string): boolean {
  const name = agent.split('/')[0]!.toLowerCase();
  return group.userAgents.some((ua) => ua !== '*' && name.includes(ua.toLowerCase()));
}

/**
 * The group Python consults for `agent`: legacy, the first non-"*" group whose token is
 * in the agent's name, else the default group; RFC 9309, an exact (case-insensitive)
 * token match first, then the first such substring match, then "*".
 */
export function findGroup(file: RobotsFile, agent: string): RobotsGroup | null {
  if (file.mode === 'legacy') {
    for (const group of file.groups) {
      if (group.userAgents.includes('*')) continue;
      if (legacyApplies(group, agent)) return group;
    }
    return file.defaultGroup;
  }
  const table = agentTable(file);
  const exact = table.get(agent.toLowerCase());
  if (exact) return exact;
  for (const group of table.values()) if (rfcApplies(group, agent)) return group;
  return table.get('*') ?? null;
}

// ------------------------------------------------------------------ rule matching

/** Python 3.11's can_fetch URL normalisation: urlparse(unquote(url)), path onwards, quote. */
export function legacyTarget(url: string): string {
  const p = urlparse(unquote(url));
  const target = quote(urlunparse(['', '', p.path, p.params, p.query, p.fragment]));
  return target || '/';
}

/** Newer CPython's _urlunsplit(None, None, path, query, fragment): the path-and-after part. */
function pathQueryFragment(s: SplitParts): string {
  let url = s.path.startsWith('//') ? '//' + s.path : s.path;
  if (s.query !== null) url += '?' + s.query;
  if (s.fragment !== null) url += '#' + s.fragment;
  return url;
}

/** Newer CPython's normalize_uri of the URL's path, query and fragment. Throws PyValueError. */
export function rfcTarget(url: string): string {
  const rest = pathQueryFragment(urlsplitParts(url));
  const q = rest.indexOf('?');
  let target = normalizeEscapes(q >= 0 ? rest.slice(0, q) : rest);
  if (q >= 0) target += '?' + rest.slice(q + 1).replace(/[^=&]+/g, (m) => normalizeEscapes(m));
  return target || '/';
}

/**
 * How much of `target` a RFC 9309 rule matches, plus one (0: no match) — newer CPython's
 * RuleLine.applies_to, where "*" parts are found lazily and atomically and the last part
 * greedily, so the length is where the match ends in the target.
 */
export function matchLength(rule: RobotsRule, target: string): number {
  const parts = rule.pattern.split('*');
  if (parts.length === 1) {
    if (rule.anchored) return target === rule.pattern ? rule.pattern.length + 1 : 0;
    return target.startsWith(rule.pattern) ? rule.pattern.length + 1 : 0;
  }
  if (!target.startsWith(parts[0]!)) return 0;
  let pos = parts[0]!.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const at = target.indexOf(parts[i]!, pos);
    if (at < 0) return 0;
    pos = at + parts[i]!.length;
  }
  const last = parts[parts.length - 1]!;
  if (rule.anchored) {
    return target.endsWith(last) && target.length - last.length >= pos ? target.length + 1 : 0;
  }
  const at = target.lastIndexOf(last);
  return at >= pos ? at + last.length + 1 : 0;
}

function legacyAllowance(group: RobotsGroup, target: string): RobotsRule | null {
  for (const rule of group.rules) if (rule.pattern === '*' || target.startsWith(rule.pattern)) return rule;
  return null;
}

function rfcAllowance(group: RobotsGroup, target: string): RobotsRule | null {
  let best = -1;
  let winner: RobotsRule | null = null;
  for (const rule of group.rules) {
    const m = matchLength(rule, target);
    if (!m) continue;
    if (m > best) {
      best = m;
      winner = rule;
    } else if (m === best && winner && !winner.allow && rule.allow) {
      winner = rule;
    }
  }
  return winner;
}

/**
 * Python's RobotFileParser.can_fetch(agent, url) with the rule and group that decided.
 * Legacy mode throws PyValueError where 3.11 raises (urlparse of a malformed URL such as
 * "http://[x/"); RFC 9309 mode allows such URLs like newer CPython.
 */
export function canFetch(file: RobotsFile, agent: string, url: string): FetchVerdict {
  const base = { rule: null, group: null, target: null };
  if (file.disallowAll) return { allowed: false, ...base, reason: 'disallow-all' };
  if (file.allowAll) return { allowed: true, ...base, reason: 'allow-all' };
  if (!file.checked) return { allowed: false, ...base, reason: 'not-read' };
  if (file.mode === 'legacy') {
    const target = legacyTarget(url);
    const group = findGroup(file, agent);
    if (!group) return { allowed: true, rule: null, group: null, target, reason: 'no-group' };
    const rule = legacyAllowance(group, target);
    return { allowed: rule ? rule.allow : true, rule, group, target, reason: rule ? 'rule' : 'no-rule' };
  }
  let target: string;
  try {
    target = rfcTarget(url);
  } catch {
    return { allowed: true, ...base, reason: 'bad-url' };
  }
  if (target === '/robots.txt') return { allowed: true, rule: null, group: null, target, reason: 'robots-txt' };
  const group = findGroup(file, agent);
  if (!group) return { allowed: true, rule: null, group: null, target, reason: 'no-group' };
  const rule = rfcAllowance(group, target);
  return { allowed: rule ? rule.allow : true, rule, group, target, reason: rule ? 'rule' : 'no-rule' };
}

/** Python's crawl_delay(agent): the group's Crawl-delay, or null (None). */
export function crawlDelay(file: RobotsFile, agent: string): number | null {
  if (!file.checked) return null;
  return findGroup(file, agent)?.crawlDelay ?? null;
}

/** Python's request_rate(agent): RequestRate(requests, seconds) of the group, or null. */
export function requestRate(file: RobotsFile, agent: string): RequestRate | null {
  if (!file.checked) return null;
  return findGroup(file, agent)?.requestRate ?? null;
}

/** Python's site_maps(): every Sitemap value in file order, or null when there is none. */
export function siteMaps(file: RobotsFile): string[] | null {
  return file.sitemaps.length === 0 ? null : file.sitemaps.map((s) => s.url);
}
