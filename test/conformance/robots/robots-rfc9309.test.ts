// The default (RFC 9309) robots mode against a table of cases: RFC 9309's own examples
// (§2.2.2, §2.2.3, §5.1, §5.2) and the behaviours newer CPython's robotparser adopted in
// gh-138907 (longest match, Allow wins ties, "*" and "$", groups merged, exact agent
// preferred, blank lines ignored, /robots.txt always allowed). No Python 3.11 oracle here.
import { conformance } from '../conformance.js';
import { canFetch, crawlDelay, parseRobots, requestRate } from '../../../src/protocols/robots/index.js';

interface RfcCase {
  tag: string;
  text: string;
  agent: string;
  allowed: string[];
  disallowed: string[];
  delay?: number | null;
  rate?: [number, number] | null;
}

const RFC_5_1 = [
  'User-Agent: *',
  'Disallow: *.gif$',
  'Disallow: /example/',
  'Allow: /publications/',
  '',
  'User-Agent: foobot',
  'Disallow:/',
  'Allow:/example/page.html',
  'Allow:/example/allowed.gif',
  '',
  'User-Agent: barbot',
  'User-Agent: bazbot',
  'Disallow: /example/page.html',
  '',
  'User-Agent: quxbot',
  '',
  'EOF',
  '',
].join('\n');

const ALL = (rules: string): string => `User-agent: *\n${rules}\n`;

const CASES: RfcCase[] = [
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'somebot', allowed: ['/publications/x', '/', '/a.gifx'], disallowed: ['/x.gif', '/example/', '/example/page.html', '/a/b/c.gif'] },
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'foobot', allowed: ['/example/page.html', '/example/allowed.gif', '/robots.txt'], disallowed: ['/', '/example/', '/x.gif', '/publications/x'] },
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'FooBot/1.0', allowed: ['/example/page.html'], disallowed: ['/other'] },
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'barbot', allowed: ['/', '/example/', '/x.gif', '/example/page.htm'], disallowed: ['/example/page.html', '/example/page.html?x'] },
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'bazbot', allowed: ['/x.gif'], disallowed: ['/example/page.html'] },
  { tag: 'rfc-5.1', text: RFC_5_1, agent: 'quxbot', allowed: ['/', '/example/', '/x.gif', '/example/page.html'], disallowed: [] },
  { tag: 'rfc-5.2', text: 'User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n', agent: 'foobot', allowed: ['/example/page/', '/example/page/other.gif'], disallowed: ['/example/page/disallowed.gif'] },
  { tag: 'rfc-2.2.2', text: 'User-agent: *\nAllow: /folder\nDisallow: /folder\n', agent: 'x', allowed: ['/folder', '/folder/page'], disallowed: [] },
  { tag: 'rfc-2.2.2', text: 'User-agent: *\nDisallow: /folder\nAllow: /folder\n', agent: 'x', allowed: ['/folder/page'], disallowed: [] },
  { tag: 'rfc-2.2.3', text: 'User-agent: *\nDisallow: /foo/bar?baz=https://foo.bar\nDisallow: /foo/bar/\u30c4\nDisallow: /foo/bar/%62%61%7A\n', agent: 'x', allowed: ['/foo/bar?baz=quz', '/foo/bar/'], disallowed: ['/foo/bar?baz=https%3A%2F%2Ffoo.bar', '/foo/bar?baz=https://foo.bar', '/foo/bar/%E3%83%84', '/foo/bar/\u30c4', '/foo/bar/baz', '/foo/bar/%62az'] },
  { tag: 'rfc-2.2.3', text: 'User-agent: *\nDisallow: /path/file-with-a-%2A.html\nDisallow: /path/foo-%24\n', agent: 'x', allowed: ['/path/file-with-a-x.html', '/path/foo-x'], disallowed: ['/path/file-with-a-*.html', '/path/file-with-a-%2A.html', '/path/foo-$', '/path/foo-%24'] },
  { tag: 'wildcards', text: ALL('Disallow: /fish*'), agent: 'x', allowed: ['/Fish.asp', '/catfish', '/?id=fish', '/desert/fish'], disallowed: ['/fish', '/fish.html', '/fish/salmon.html', '/fishheads', '/fish.php?id=anything'] },
  { tag: 'wildcards', text: ALL('Disallow: /*.php$'), agent: 'x', allowed: ['/filename.php?parameters', '/filename.php/', '/filename.php5', '/windows.PHP'], disallowed: ['/filename.php', '/folder/filename.php', '/a.php.php'] },
  { tag: 'wildcards', text: ALL('Disallow: /fish*.php'), agent: 'x', allowed: ['/Fish.PHP', '/fish'], disallowed: ['/fish.php', '/fishheads/catfish.php?parameters'] },
  { tag: 'wildcards', text: ALL('Disallow: /a**b$$\nDisallow: /c$*\nDisallow: /d$e'), agent: 'x', allowed: ['/a/bc', '/cd', '/d', '/d$e', '/de'], disallowed: ['/ab', '/a/x/b', '/c'] },
  { tag: 'wildcards', text: ALL('Disallow: *'), agent: 'x', allowed: ['/robots.txt'], disallowed: ['/', '/anything'] },
  { tag: 'longest-match', text: ALL('Allow: /p\nDisallow: /'), agent: 'x', allowed: ['/page'], disallowed: ['/', '/other'] },
  { tag: 'longest-match', text: ALL('Allow: /page\nDisallow: /*.htm'), agent: 'x', allowed: ['/page'], disallowed: ['/page.htm'] },
  { tag: 'longest-match', text: ALL('Allow: /$\nDisallow: /'), agent: 'x', allowed: ['/', 'http://example.com', 'http://example.com/'], disallowed: ['/page.htm'] },
  { tag: 'longest-match', text: ALL('Disallow: /\nAllow: /folder1/myfile.html\nDisallow: /folder1/'), agent: 'x', allowed: ['/folder1/myfile.html'], disallowed: ['/folder1/other.html', '/x'] },
  { tag: 'longest-match', text: ALL('Disallow:\nDisallow: /x'), agent: 'x', allowed: ['/', '/y'], disallowed: ['/x'] },
  { tag: 'user-agent', text: 'User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Mobile\nAllow: /\n', agent: 'Googlebot-Mobile', allowed: ['/something.jpg'], disallowed: [] },
  { tag: 'user-agent', text: 'User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Mobile\nAllow: /\n', agent: 'Googlebot', allowed: [], disallowed: ['/something.jpg'] },
  { tag: 'user-agent', text: 'User-agent: Googlebot\nDisallow: /\n\nUser-agent: Googlebot-Mobile\nAllow: /\n', agent: 'Googlebot-News', allowed: [], disallowed: ['/something.jpg'] },
  { tag: 'user-agent', text: 'User-agent: FOOBOT\nDisallow: /a\nUser-agent: *\nDisallow: /b\n', agent: 'foobot', allowed: ['/b'], disallowed: ['/a'] },
  { tag: 'user-agent', text: 'User-agent: *\nDisallow: /b\n', agent: 'anything', allowed: ['/a', '/robots.txt'], disallowed: ['/b'] },
  { tag: 'groups', text: 'User-agent: a\nDisallow: /x\n\nUser-agent: b\nDisallow: /y\n\nUser-agent: a\nDisallow: /z\n', agent: 'a', allowed: ['/y'], disallowed: ['/x', '/z'] },
  { tag: 'groups', text: 'User-agent: *\nDisallow: /some/path\n\nUser-agent: *\nDisallow: /another/path\n', agent: 'x', allowed: ['/'], disallowed: ['/some/path', '/another/path'] },
  { tag: 'groups', text: 'User-agent: a\n\nDisallow: /x\n', agent: 'a', allowed: ['/y'], disallowed: ['/x'] },
  { tag: 'groups', text: 'Disallow: /x\nUser-agent: *\nDisallow: /y\n', agent: 'a', allowed: ['/x'], disallowed: ['/y'] },
  { tag: 'groups', text: 'User-agent: a\nUser-agent: b\nDisallow: /x\nUser-agent: c\nDisallow: /y\n', agent: 'b', allowed: ['/y'], disallowed: ['/x'] },
  { tag: 'groups', text: 'User-agent: *\nDisallow: /\n', agent: 'x', allowed: ['/robots.txt', 'http://example.com/robots.txt'], disallowed: ['/robots.txt?x', '/robots.txt/', '/'] },
  { tag: 'normalization', text: ALL('Disallow: /a%3cd.html\nDisallow: /%7ejoe/\nDisallow: /some/path?\nDisallow: /q?a=%41'), agent: 'x', allowed: ['/some/path', '/q?a=B'], disallowed: ['/a%3Cd.html', '/a<d.html', '/~joe/x', '/%7Ejoe/x', '/some/path?', '/some/path?x', '/q?a=A', '/q?a=%41'] },
  // CPython decodes %2F like any other escape (quote keeps "/" safe), so "/a%2fb" is "/a/b".
  { tag: 'normalization', text: ALL('Disallow: /a%2fb'), agent: 'x', allowed: ['/a'], disallowed: ['/a/b', '/a%2fb', '/a%2Fb'] },
  { tag: 'normalization', text: ALL('Disallow: /x'), agent: 'x', allowed: ['http://[bad/x', 'http://[1.2.3.4]/x'], disallowed: ['http://example.com/x', 'HTTPS://EXAMPLE.COM/x?y'] },
  { tag: 'delay', text: 'User-agent: a\nCrawl-delay: 5\nRequest-rate: 1/10\nUser-agent: a\nCrawl-delay: 7\n', agent: 'a', allowed: ['/'], disallowed: [], delay: 7, rate: [1, 10] },
  { tag: 'delay', text: 'User-agent: *\nCrawl-delay: 1.5\nRequest-rate: 3 / 15\n', agent: 'a', allowed: ['/'], disallowed: [], delay: null, rate: [3, 15] },
  { tag: 'delay', text: 'User-agent: *\nCrawl-delay: \u00b2\nRequest-rate: \u0663/5\n', agent: 'a', allowed: ['/'], disallowed: [], delay: null, rate: [3, 5] },
];

conformance('RFC 9309 (default mode)', CASES, (c) => {
  const file = parseRobots(c.text);
  const expected: Record<string, unknown> = { allowed: c.allowed.map((u) => [u, true]), disallowed: c.disallowed.map((u) => [u, false]) };
  const actual: Record<string, unknown> = {
    allowed: c.allowed.map((u) => [u, canFetch(file, c.agent, u).allowed]),
    disallowed: c.disallowed.map((u) => [u, canFetch(file, c.agent, u).allowed]),
  };
  if ('delay' in c) {
    expected.delay = c.delay;
    actual.delay = crawlDelay(file, c.agent);
  }
  if ('rate' in c) {
    const rate = requestRate(file, c.agent);
    expected.rate = c.rate;
    actual.rate = rate === null ? null : [rate.requests, rate.seconds];
  }
  return { input: { agent: c.agent, text: c.text }, expected, actual };
});
