// CLI goldens for `netkit robots check|parse|lint`: verdicts, the deciding line, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'netkit-robots-'));
const ROBOTS = join(dir, 'robots.txt');
writeFileSync(ROBOTS, 'User-agent: *\nDisallow: /private\nAllow: /private/ok\nCrawl-delay: 2\nSitemap: https://x/s.xml\n\nUser-agent: bot\nDisallow: /\n');

test('check: RFC 9309 longest match, the deciding line, exit 1 when one is refused', async () => {
  const r = await runCli(['robots', 'check', ROBOTS, '/private/x', '/private/ok/1', '/pub']);
  assert.deepEqual(r, {
    code: 1,
    stdout: 'disallowed /private/x (line 2: Disallow: /private)\nallowed /private/ok/1 (line 3: Allow: /private/ok)\nallowed /pub\n',
    stderr: '',
  });
  assert.equal((await runCli(['robots', 'check', ROBOTS, '/pub', '/private/ok'])).code, 0);
});

test('check --legacy: Python 3.11 takes the first matching rule', async () => {
  const r = await runCli(['robots', 'check', '--legacy', ROBOTS, '/private/ok/1']);
  assert.equal(r.stdout, 'disallowed /private/ok/1 (line 2: Disallow: /private)\n');
});

test('check --json: agent group, crawl_delay, site_maps, URLs from stdin', async () => {
  const r = await runCli(['robots', 'check', ROBOTS, '--agent', 'bot', '--json'], { stdin: '/pub\n' });
  assert.deepEqual(JSON.parse(r.stdout), {
    url: '/pub',
    agent: 'bot',
    allowed: false,
    rule: { line: 8, directive: 'disallow', path: '/' },
    reason: 'rule',
    crawl_delay: null,
    request_rate: null,
    site_maps: ['https://x/s.xml'],
  });
  const star = JSON.parse((await runCli(['robots', 'check', ROBOTS, '/pub', '--json'])).stdout);
  assert.equal(star.crawl_delay, 2);
});

test('check: robots.txt on stdin with "-"; a missing file is one clear error', async () => {
  const r = await runCli(['robots', 'check', '-', '/x'], { stdin: 'User-agent: *\nDisallow: /x\n' });
  assert.equal(r.stdout, 'disallowed /x (line 2: Disallow: /x)\n');
  const missing = await runCli(['robots', 'check', join(dir, 'nope.txt'), '/x']);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `netkit: robots check: [Errno 2] No such file or directory: '${join(dir, 'nope.txt')}'\n`);
});

test('parse prints the structure as JSON', async () => {
  const parsed = JSON.parse((await runCli(['robots', 'parse', ROBOTS])).stdout);
  assert.equal(parsed.mode, 'rfc9309');
  assert.deepEqual(parsed.groups[0].user_agents, ['*']);
  assert.deepEqual(parsed.groups[0].rules[1], { line: 3, directive: 'allow', path: '/private/ok', allow: true });
  assert.deepEqual(parsed.site_maps, [{ line: 5, url: 'https://x/s.xml' }]);
});

test('lint: file:line: code: message, exit 1; a clean file exits 0', async () => {
  const r = await runCli(['robots', 'lint', '-'], { stdin: 'Disallow: /x\nUser-agent: *\nFoo: bar\nDisallow: x\n' });
  assert.equal(r.code, 1);
  assert.deepEqual(
    r.stdout.trimEnd().split('\n').map((l) => l.split(':').slice(0, 3).join(':')),
    ['(stdin):1: rule-before-user-agent', '(stdin):3: unknown-directive', '(stdin):4: path-not-absolute'],
  );
  assert.deepEqual(await runCli(['robots', 'lint', ROBOTS]), { code: 0, stdout: '', stderr: '' });
});
