// cgitb's job for failed CGI scripts: the HTML report escapes everything the script or
// the client controls, the text report, the format chosen by Accept, and writeReport's
// files (exclusive create, mode 0600, unique tmpXXXXXXXX names) — also from a real failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCgiEnv, cgiReport, logFileName, reportContentType, reportFormatFor, runCgi, savedNotice, selectCgi, writeReport, type CgiReportInput } from '../../src/protocols/http/server/cgi/index.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'netkit-cgi-report-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const EVIL = `<script>alert("x&'y")</script>`;

function input(): CgiReportInput {
  return {
    failure: { kind: 'exit', message: `CGI script exit code 2 ${EVIL}` },
    completion: { exitCode: 2, signal: null, elapsedMs: 1234, stderr: Buffer.from(`Traceback ${EVIL}\n`), stderrTruncated: true },
    env: { SCRIPT_NAME: `/cgi-bin/${EVIL}`, QUERY_STRING: EVIL, [`HTTP_${EVIL}`]: 'v' },
    scriptPath: `/srv/cgi-bin/${EVIL}`,
    when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  };
}

test('the HTML report escapes every value and keeps cgitb sections', () => {
  const html = cgiReport(input(), 'html');
  assert.equal(html.includes('<script>'), false);
  assert.equal(html.includes('"x&'), false);
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&amp;&#x27;y&quot;)&lt;/script&gt;'));
  assert.match(html, /<title>CGI script failed: \/cgi-bin\/&lt;script&gt;/);
  assert.match(html, /bgcolor="#6622aa"/);
  for (const section of ['The script', 'Standard error', 'The CGI environment']) assert.ok(html.includes(`<h3>${section}</h3>`), section);
  assert.match(html, /The last \d+ bytes of stderr:/);
  assert.ok(html.includes('1.234 s'));
  assert.ok(html.includes('Fri, 02 Jan 2026 03:04:05 GMT'));
});

test('the text report', () => {
  const text = cgiReport(input(), 'text');
  assert.match(text, /^exit: CGI script exit code 2 <script>/);
  assert.match(text, /\nExit status: 2\n/);
  assert.match(text, /\nElapsed: 1\.234 s\n/);
  assert.ok(text.includes(`QUERY_STRING = ${JSON.stringify(EVIL)}`));
  assert.equal(reportContentType('text'), 'text/plain; charset=utf-8');
});

test('the format follows Accept; HTML by default as cgitb', () => {
  assert.equal(reportFormatFor(undefined), 'html');
  assert.equal(reportFormatFor('*/*'), 'html');
  assert.equal(reportFormatFor('text/plain'), 'text');
  assert.equal(reportFormatFor('text/html,application/xhtml+xml,*/*;q=0.8'), 'html');
  assert.equal(reportFormatFor('text/html;q=0.5, text/plain'), 'text');
  assert.equal(reportFormatFor('application/json'), 'html');
});

test('writeReport: exclusive, 0600, unique names', async () => {
  assert.match(logFileName('html'), /^tmp[a-z0-9_]{8}\.html$/);
  assert.match(logFileName('text'), /^tmp[a-z0-9_]{8}\.txt$/);
  const logdir = join(dir, 'logs');
  mkdirSync(logdir);
  const paths = await Promise.all([writeReport(logdir, input(), 'html'), writeReport(logdir, input(), 'text')]);
  assert.equal(new Set(paths).size, 2);
  assert.equal(readdirSync(logdir).length, 2);
  for (const p of paths) assert.equal(statSync(p).mode & 0o777, 0o600);
  assert.equal(readFileSync(paths[0]!, 'utf8'), cgiReport(input(), 'html'));
  assert.equal(savedNotice('/x/<a>.html', 'html'), '<p> /x/&lt;a&gt;.html contains the description of this error.\n');
  assert.equal(savedNotice('/x/a.txt', 'text'), '/x/a.txt contains the description of this error.\n');
});

test('a report from a real failing script', async () => {
  const root = join(dir, 'root');
  mkdirSync(join(root, 'cgi-bin'), { recursive: true });
  writeFileSync(join(root, 'cgi-bin', 'die.sh'), '#!/bin/sh\necho "fatal: <oops>" >&2\nexit 7\n');
  chmodSync(join(root, 'cgi-bin', 'die.sh'), 0o755);
  const sel = await selectCgi('/cgi-bin/die.sh?q=<x>', { root });
  assert.equal(sel.kind, 'script');
  if (sel.kind !== 'script') return;
  const env = buildCgiEnv(sel.script, { method: 'GET', path: '/cgi-bin/die.sh?q=<x>', headers: [], clientAddress: '127.0.0.1' }, { serverSoftware: 's', serverName: 'n', serverPort: 1, protocolVersion: 'HTTP/1.1' });
  const r = await runCgi(sel.script, env, { timeoutMs: 10_000 });
  assert.equal(r.failure?.kind, 'exit');
  const done = await r.completion;
  const html = cgiReport({ failure: r.failure!, completion: done, env, scriptPath: sel.script.scriptFile }, 'html');
  assert.ok(html.includes('fatal: &lt;oops&gt;'));
  assert.ok(html.includes('q=&lt;x&gt;'));
  assert.ok(html.includes('<tr><td valign=top><strong>Exit status</strong></td><td><tt>7</tt></td></tr>'));
});
