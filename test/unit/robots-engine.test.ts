// Unit tests of src/protocols/robots: parse (line numbers, groups, both modes), canFetch's
// verdict details, file-wide states (robotsForStatus) and lintRobots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canFetch, crawlDelay, lintRobots, parseRobots, requestRate, robotsForStatus, siteMaps, ROBOTS_SIZE_LIMIT } from '../../src/protocols/robots/index.js';

const TEXT = [
  'Disallow: /early', // 1: before any User-agent
  'User-agent: figtree', // 2
  'Crawl-delay: 3', // 3
  'Request-rate: 9/30', // 4
  'Disallow: /tmp', // 5
  'Allow: /tmp/ok', // 6
  '', // 7
  'User-agent: *', // 8
  'Disallow: /private/', // 9
  'Sitemap: http://example.com/s.xml', // 10
].join('\n');

test('parseRobots records groups, rules, delays and sitemaps with their lines', () => {
  const file = parseRobots(TEXT);
  assert.equal(file.mode, 'rfc9309');
  assert.equal(file.groups.length, 2);
  const [fig, star] = file.groups;
  assert.deepEqual(fig!.userAgents, ['figtree']);
  assert.equal(fig!.line, 2);
  assert.deepEqual(fig!.rules.map((r) => [r.line, r.directive, r.path]), [[5, 'disallow', '/tmp'], [6, 'allow', '/tmp/ok']]);
  assert.equal(fig!.crawlDelay, 3);
  assert.equal(fig!.crawlDelayLine, 3);
  assert.deepEqual(fig!.requestRate, { requests: 9, seconds: 30 });
  assert.equal(fig!.requestRateLine, 4);
  assert.equal(file.defaultGroup, star);
  assert.deepEqual(file.sitemaps, [{ url: 'http://example.com/s.xml', line: 10 }]);
  assert.deepEqual(siteMaps(file), ['http://example.com/s.xml']);
});

test('legacy parse keeps Python 3.11 patterns and the first "*" group', () => {
  const file = parseRobots('User-agent: *\nDisallow: /a%3cd?x=1\n\nUser-agent: *\nDisallow: /b\n', { legacy: true });
  assert.equal(file.mode, 'legacy');
  assert.equal(file.groups.length, 2);
  assert.equal(file.defaultGroup, file.groups[0]);
  assert.equal(file.groups[0]!.rules[0]!.pattern, '/a%3Cd%3Fx%3D1');
  assert.equal(canFetch(file, 'bot', '/b').allowed, true);
  assert.equal(canFetch(file, 'bot', '/a<d?x=1').allowed, false);
});

test('legacy: first match in file order; RFC 9309: longest match', () => {
  const text = 'User-agent: *\nDisallow: /folder1/\nAllow: /folder1/myfile.html\n';
  const legacy = canFetch(parseRobots(text, { legacy: true }), 'bot', '/folder1/myfile.html');
  assert.equal(legacy.allowed, false);
  assert.equal(legacy.rule?.line, 2);
  const rfc = canFetch(parseRobots(text), 'bot', '/folder1/myfile.html');
  assert.equal(rfc.allowed, true);
  assert.equal(rfc.rule?.line, 3);
  assert.equal(rfc.reason, 'rule');
  assert.equal(rfc.group?.line, 1);
  assert.equal(rfc.target, '/folder1/myfile.html');
});

test('canFetch reasons: no group, no rule, /robots.txt', () => {
  const file = parseRobots('User-agent: a\nDisallow: /x\n');
  assert.deepEqual([canFetch(file, 'b', '/x').allowed, canFetch(file, 'b', '/x').reason], [true, 'no-group']);
  assert.deepEqual([canFetch(file, 'a', '/y').allowed, canFetch(file, 'a', '/y').reason], [true, 'no-rule']);
  const all = parseRobots('User-agent: *\nDisallow: /\n');
  assert.equal(canFetch(all, 'a', 'http://example.com/robots.txt').reason, 'robots-txt');
  assert.equal(canFetch(parseRobots('User-agent: *\nDisallow: /\n', { legacy: true }), 'a', '/robots.txt').allowed, false);
});

test('robotsForStatus: RFC 9309 allows all on any 4xx; legacy read() disallows on 401/403; 5xx by mode', () => {
  assert.equal(canFetch(robotsForStatus(403), 'a', '/').allowed, true);
  assert.equal(canFetch(robotsForStatus(403, { legacy: true }), 'a', '/').reason, 'disallow-all');
  assert.equal(canFetch(robotsForStatus(404), 'a', '/').allowed, true);
  assert.equal(canFetch(robotsForStatus(503), 'a', '/').allowed, false);
  const legacy503 = robotsForStatus(503, { legacy: true });
  assert.equal(canFetch(legacy503, 'a', '/').reason, 'not-read');
  assert.equal(crawlDelay(robotsForStatus(404), 'a'), null);
  assert.equal(requestRate(robotsForStatus(404), 'a'), null);
  assert.equal(siteMaps(robotsForStatus(404)), null);
});

test('legacy errors are Python ValueErrors', () => {
  assert.throws(() => parseRobots('User-agent: *\nCrawl-delay: \u00b2\n', { legacy: true }), { name: 'ValueError', message: "invalid literal for int() with base 10: '\u00b2'" });
  const file = parseRobots('User-agent: *\nDisallow: /\n', { legacy: true });
  assert.throws(() => canFetch(file, 'a', 'http://[x/'), { name: 'ValueError', message: 'Invalid IPv6 URL' });
  assert.equal(canFetch(parseRobots('User-agent: *\nDisallow: /\n'), 'a', 'http://[x/').reason, 'bad-url');
});

test('RFC 9309: "$" inside a pattern drops the rule; "*" and "$" patterns match', () => {
  const file = parseRobots('User-agent: *\nDisallow: /a$b\nDisallow: /*.gif$\n');
  assert.deepEqual(file.groups[0]!.rules.map((r) => [r.pattern, r.anchored]), [['/*.gif', true]]);
  assert.equal(canFetch(file, 'a', '/x/y.gif').allowed, false);
  assert.equal(canFetch(file, 'a', '/x/y.gif?z').allowed, true);
  assert.equal(canFetch(file, 'a', '/a$b').allowed, true);
});

test('lintRobots flags the usual mistakes with lines and codes', () => {
  const text = ['Disallow: /x', 'User-agent:', 'Disalow: /y', 'Allow: y', 'Crawl-delay: soon', 'Crawl-delay: 1.5', 'garbage', 'Allow: *.gif', 'Disallow:'].join('\n');
  assert.deepEqual(
    lintRobots(text).map((w) => [w.line, w.code]),
    [
      [1, 'rule-before-user-agent'],
      [2, 'empty-user-agent'],
      [3, 'unknown-directive'],
      [4, 'path-not-absolute'],
      [5, 'bad-crawl-delay'],
      [6, 'bad-crawl-delay'],
      [7, 'missing-colon'],
    ],
  );
  assert.deepEqual(lintRobots(TEXT.replace('Disallow: /early\n', '')), []);
  const huge = lintRobots('User-agent: *\n' + '#'.repeat(ROBOTS_SIZE_LIMIT));
  assert.deepEqual(huge.map((w) => [w.line, w.code]), [[0, 'file-too-large']]);
});
