// CLI tests for `netkit cookiejar list|convert`: the noun's commands built through its
// make(ctx) under a root like main()'s (global flags, exit override), with a test IO.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Context } from '../../src/cli/context.js';
import { addGlobalOptions, readGlobalFlags } from '../../src/cli/global-options.js';
import type { IO } from '../../src/cli/io.js';
import { make } from '../../src/commands/cookiejar/index.js';
import { makeListCommand } from '../../src/commands/cookiejar/list.js';
import { makeConvertCommand, type ConvertOptions } from '../../src/commands/cookiejar/convert.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  error?: Error & { code?: string; python?: string };
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function configure(cmd: Command): void {
  cmd.exitOverride();
  addGlobalOptions(cmd);
  for (const sub of cmd.commands) configure(sub);
}

async function run(argv: string[], opts: { stdin?: string; cwd?: string } = {}, build = make): Promise<Run> {
  const out = sink();
  const err = sink();
  const io: IO = { stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]), stdout: out.stream, stderr: err.stream, env: {}, cwd: opts.cwd ?? process.cwd() };
  const ctx = new Context(io);
  const root = new Command('netkit').addCommand(build(ctx));
  root.configureOutput({ writeOut: (t) => ctx.out.write(t), writeErr: (t) => ctx.out.stderr.write(t) });
  configure(root);
  root.hook('preAction', (_r, action) => ctx.setFlags(readGlobalFlags(action)));
  let error: Run['error'];
  try {
    await root.parseAsync(argv, { from: 'user' });
  } catch (e) {
    error = e as Run['error'];
  }
  await ctx.out.flush();
  await new Promise((r) => setImmediate(r));
  return { code: error ? -1 : ctx.exitCode, stdout: out.text(), stderr: err.text(), error };
}

const NOW = Math.floor(Date.now() / 1000);
const MOZILLA = `# Netscape HTTP Cookie File
# http://curl.haxx.se/rfc/cookie_spec.html
# This is a generated file!  Do not edit.

#HttpOnly_.example.com\tTRUE\t/\tTRUE\t${NOW + 86400}\tsid\tabc
www.example.com\tFALSE\t/account\tFALSE\t${NOW + 86400}\tpref\tdark
example.com\tFALSE\t/\tFALSE\t\tsession\tx1
example.com\tFALSE\t/\tFALSE\t${NOW - 10}\told\tgone
`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netkit-cookiejar-cli-'));
}

test('list: every cookie as a key: value block, Python names and values', async () => {
  const r = await run(['cookiejar', 'list', '-'], { stdin: MOZILLA });
  assert.equal(r.code, 0, r.error?.message);
  const blocks = r.stdout.split('\n\n').filter(Boolean);
  assert.equal(blocks.length, 4);
  assert.match(blocks[0]!, /^version: 0\nname: sid\nvalue: abc\nport: None\nport_specified: False\ndomain: \.example\.com\ndomain_specified: True\ndomain_initial_dot: True\npath: \/\npath_specified: False\nsecure: True\n/);
  assert.match(blocks[0]!, /\nrest: HTTPOnly=\nrfc2109: False$/);
  assert.match(blocks[2]!, /\nexpires: None\ndiscard: True\n/);
});

test('list --url: which cookies would be sent, and why not the others', async () => {
  const r = await run(['cookiejar', 'list', '--json', '--url', 'http://www.example.com/account/x', '-'], { stdin: MOZILLA });
  assert.equal(r.code, 0, r.error?.message);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.format, 'mozilla');
  assert.equal(doc.url, 'http://www.example.com/account/x');
  const byName = Object.fromEntries(doc.cookies.map((c: { name: string; sent: boolean; refusal: unknown }) => [c.name, [c.sent, c.refusal]]));
  assert.deepEqual(byName.sid, [false, { code: 'secure', message: 'secure cookie with non-secure request' }]);
  assert.deepEqual(byName.pref, [true, null]);
  assert.deepEqual(byName.session, [true, null]);
  assert.deepEqual(byName.old, [false, { code: 'expires', message: 'cookie expired' }]);
  const human = await run(['cookiejar', 'list', '--url', 'https://example.com/', '-'], { stdin: MOZILLA });
  assert.match(human.stdout, /\nsent: False\nrefusal: domain-mismatch: request domain \.example\.com does not match cookie domain www\.example\.com\n/);
  assert.match(human.stdout, /name: sid\n[\s\S]*?sent: True\nrefusal: None\n/);
});

test('list: a file that is neither format is a LoadError naming it as Python does', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'bad.txt'), 'hello\n');
    const r = await run(['cookiejar', 'list', 'bad.txt'], { cwd: dir });
    assert.equal(r.error?.name, 'LoadError');
    assert.equal(r.error?.python, 'http.cookiejar.LoadError');
    const moz = await run(['cookiejar', 'list', '--format', 'mozilla', 'bad.txt'], { cwd: dir });
    assert.equal(moz.error?.message, "'bad.txt' does not look like a Netscape format cookies file");
    const missing = await run(['cookiejar', 'list', 'nope.txt'], { cwd: dir });
    assert.equal(missing.error?.name, 'OSError');
    assert.equal(missing.error?.message, "[Errno 2] No such file or directory: 'nope.txt'");
    assert.equal(missing.error?.python, 'FileNotFoundError');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('list --format rejects an unknown format (usage error)', async () => {
  const r = await run(['cookiejar', 'list', '--format', 'xml', 'x']);
  assert.equal(r.error?.code, 'commander.invalidArgument');
});

test('convert --to lwp to stdout: Python save() defaults drop session and expired cookies', async () => {
  const r = await run(['cookiejar', 'convert', '--to', 'lwp', '-'], { stdin: MOZILLA });
  assert.equal(r.code, 0, r.error?.message);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], '#LWP-Cookies-2.0');
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /^Set-Cookie3: sid=abc; path="\/"; domain="\.example\.com"; domain_dot; secure; expires="\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"; HTTPOnly=""; version=0$/);
  const all = await run(['cookiejar', 'convert', '--to', 'lwp', '--ignore-discard', '--ignore-expires', '-'], { stdin: MOZILLA });
  assert.equal(all.stdout.split('\n').length, 6);
  assert.match(all.stdout, /Set-Cookie3: session=x1; path="\/"; domain="example\.com"; discard; version=0\n/);
});

test('convert -o: written atomically (no temp file left), round trip back to mozilla is byte-identical', async () => {
  const dir = tempDir();
  try {
    writeFileSync(join(dir, 'in.txt'), MOZILLA);
    const a = await run(['cookiejar', 'convert', 'in.txt', '--to', 'lwp', '--ignore-discard', '--ignore-expires', '-o', 'out.lwp'], { cwd: dir });
    assert.equal(a.code, 0, a.error?.message);
    assert.equal(a.stdout, '');
    assert.equal(a.stderr, 'wrote 4 cookies to out.lwp\n');
    assert.equal(statSync(join(dir, 'out.lwp')).mode & 0o777, 0o600);
    const b = await run(['cookiejar', 'convert', 'out.lwp', '--to', 'mozilla', '--ignore-discard', '--ignore-expires', '-o', 'back.txt'], { cwd: dir });
    assert.equal(b.code, 0, b.error?.message);
    assert.equal(readFileSync(join(dir, 'back.txt'), 'utf8'), MOZILLA);
    assert.deepEqual(readdirSync(dir).sort(), ['back.txt', 'in.txt', 'out.lwp']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('convert --to json: the cookies with Python attribute names; --json with -o gives a summary', async () => {
  const r = await run(['cookiejar', 'convert', '--to', 'json', '--ignore-discard', '-'], { stdin: MOZILLA });
  const cookies = JSON.parse(r.stdout);
  assert.deepEqual(cookies.map((c: { name: string }) => c.name), ['sid', 'pref', 'session']);
  assert.deepEqual(cookies[0].rest, { HTTPOnly: '' });
  const dir = tempDir();
  try {
    const s = await run(['cookiejar', 'convert', '--json', '--to', 'mozilla', '-o', join(dir, 'o.txt'), '-'], { stdin: MOZILLA });
    const doc = JSON.parse(s.stdout);
    assert.deepEqual({ ...doc, output: null }, { file: '-', from: 'mozilla', to: 'mozilla', output: null, cookies: 2 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('convert: --to is required; -o into a missing directory is an OSError and leaves nothing', async () => {
  const r = await run(['cookiejar', 'convert', '-'], { stdin: MOZILLA });
  assert.equal(r.error?.code, 'commander.missingMandatoryOptionValue');
  const w = await run(['cookiejar', 'convert', '--to', 'lwp', '-o', '/nonexistent-dir/x.lwp', '-'], { stdin: MOZILLA });
  assert.equal(w.error?.name, 'OSError');
});

test('the verbs parse flags into the options their run functions get', async () => {
  let seen: unknown;
  await run(['convert', 'f', '--to', 'json', '--ignore-expires'], {}, (ctx) =>
    makeConvertCommand(ctx, async (_ctx, file, opts: ConvertOptions) => {
      seen = [file, { to: opts.to, format: opts.format, ignoreDiscard: opts.ignoreDiscard, ignoreExpires: opts.ignoreExpires }];
      return 0;
    }),
  );
  assert.deepEqual(seen, ['f', { to: 'json', format: 'auto', ignoreDiscard: false, ignoreExpires: true }]);
  await run(['list', 'f', '--url', 'http://x/'], {}, (ctx) =>
    makeListCommand(ctx, async (_ctx, file, opts) => {
      seen = [file, { url: opts.url, format: opts.format }];
      return 0;
    }),
  );
  assert.deepEqual(seen, ['f', { url: 'http://x/', format: 'auto' }]);
});

test('man/netkit-cookiejar.1 names every command and option of the noun', () => {
  const page = readFileSync(new URL('../../man/netkit-cookiejar.1', import.meta.url), 'utf8')
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\-/g, '-')
    .replace(/^\.[A-Z]+ ?/gm, '')
    .replace(/"/g, '');
  const noun = make(new Context({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {}, cwd: '/' }));
  const missing: string[] = [];
  for (const cmd of noun.commands) {
    if (!page.includes(`netkit cookiejar ${cmd.name()}`)) missing.push(cmd.name());
    for (const o of cmd.options) for (const flag of [o.short, o.long]) if (flag && !new RegExp(`(^|[^-\\w])${flag.replace(/-/g, '\\-')}\\b`).test(page)) missing.push(`${cmd.name()} ${flag}`);
  }
  assert.deepEqual(missing, []);
});
