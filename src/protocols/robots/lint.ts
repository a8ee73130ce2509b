// Warnings about a robots.txt that crawlers may read differently from what its author
// meant: unknown directives, rules outside any group, paths without a leading "/", an
// empty User-agent, a Crawl-delay that is not a number, and files past RFC 9309's 500 KiB.
import { pySplitlines, pyStrip } from '../core/py-text.js';

/** One lint finding; `line` is 1-based (0 for the file as a whole). */
export interface RobotsWarning {
  line: number;
  code: RobotsWarningCode;
  message: string;
}

/** Stable codes of lintRobots warnings. */
export type RobotsWarningCode =
  | 'file-too-large'
  | 'unknown-directive'
  | 'missing-colon'
  | 'rule-before-user-agent'
  | 'path-not-absolute'
  | 'empty-user-agent'
  | 'bad-crawl-delay';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB and may ignore the rest. */
export const ROBOTS_SIZE_LIMIT = 500 * 1024;

const KNOWN = new Set(['user-agent', 'allow', 'disallow', 'sitemap', 'crawl-delay', 'request-rate']);

/** Lints robots.txt text; warnings come in line order, the size warning first. */
export function lintRobots(text: string): RobotsWarning[] {
  const warnings: RobotsWarning[] = [];
  const size = Buffer.byteLength(text, 'utf8');
  if (size > ROBOTS_SIZE_LIMIT) {
    warnings.push({ line: 0, code: 'file-too-large', message: `file is ${size} bytes; RFC 9309 crawlers may ignore everything after ${ROBOTS_SIZE_LIMIT} bytes (500 KiB)` });
  }
  let seenAgent = false;
  pySplitlines(text).forEach((raw, index) => {
    const line = index + 1;
    const hash = raw.indexOf('#');
    const body = pyStrip(hash >= 0 ? raw.slice(0, hash) : raw);
    if (!body) return;
    const colon = body.indexOf(':');
    if (colon < 0) {
      warnings.push({ line, code: 'missing-colon', message: `line has no ":" and is ignored: ${JSON.stringify(body)}` });
      return;
    }
    const key = pyStrip(body.slice(0, colon)).toLowerCase();
    const value = pyStrip(body.slice(colon + 1));
    if (!KNOWN.has(key)) {
      warnings.push({ line, code: 'unknown-directive', message: `unknown directive ${JSON.stringify(pyStrip(body.slice(0, colon)))} is ignored` });
      return;
    }
    if (key === 'user-agent') {
      seenAgent = true;
      if (!value) warnings.push({ line, code: 'empty-user-agent', message: 'User-agent has no product token' });
      return;
    }
    if (key === 'sitemap') return;
    if (!seenAgent) {
      warnings.push({ line, code: 'rule-before-user-agent', message: `${pyStrip(body.slice(0, colon))} before any User-agent line is ignored` });
    }
    if ((key === 'allow' || key === 'disallow') && value && !value.startsWith('/') && !value.startsWith('*')) {
      warnings.push({ line, code: 'path-not-absolute', message: `path ${JSON.stringify(value)} does not start with "/" and matches no URL path` });
    }
    if (key === 'crawl-delay' && !/^\d+(\.\d+)?$/.test(value)) {
      warnings.push({ line, code: 'bad-crawl-delay', message: `Crawl-delay ${JSON.stringify(value)} is not a number of seconds` });
    } else if (key === 'crawl-delay' && !/^\d+$/.test(value)) {
      warnings.push({ line, code: 'bad-crawl-delay', message: `Crawl-delay ${JSON.stringify(value)} is not a whole number; Python's robotparser ignores it` });
    }
  });
  return warnings;
}
