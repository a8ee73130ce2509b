// The CLI framework: help and version, exit codes, usage errors, JSON errors, prompts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { Context } from '../../src/cli/context.js';
import { PassThrough, Readable } from 'node:stream';

test('--help at every level exits 0 with examples on stdout', async () => {
  for (const argv of [['--help'], ['http', '--help'], ['http', 'status', '--help'], ['uuid', '-h'], ['uuid', 'parse', '--help'], ['help', 'uuid']]) {
    const r = await runCli(argv);
    assert.equal(r.code, 0, argv.join(' '));
    assert.match(r.stdout, /^Usage: netkit/, argv.join(' '));
    assert.equal(r.stderr, '');
  }
  assert.match((await runCli(['--help'])).stdout, /Exit status:\n +0 +success/);
  for (const argv of [['--help'], ['http', '--help'], ['http', 'status', '--help'], ['uuid', '--help'], ['uuid', 'parse', '--help'], ['completion', '--help']]) {
    assert.match((await runCli(argv)).stdout, /\nExamples:\n  \$ netkit /, argv.join(' '));
  }
});

test('--version prints the version', async () => {
  const r = await runCli(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^\d+\.\d+\.\d+(-dev)?\n$|^0\.0\.0-dev\n$/);
});

test('no command: help on stderr, exit 2', async () => {
  const r = await runCli([]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^Usage: netkit/);
});

test('unknown noun: exit 2 with usage', async () => {
  const r = await runCli(['frobnicate']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "netkit: unknown command 'frobnicate'\nUsage: netkit [options] [command]\nTry 'netkit --help' for more information.\n");
});

test('bad --timeout value is a usage error', async () => {
  const r = await runCli(['http', 'status', '200', '--timeout', '-3']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^netkit: http status: option '--timeout <seconds>' argument '-3' is invalid\. expected a positive number of seconds/);
});

test('a fatal error under --json is a JSON object on stderr', async () => {
  const r = await runCli(['uuid', '-u', 'uuid5', '--json']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.deepEqual(JSON.parse(r.stderr), {
    error: {
      type: 'UsageError',
      code: 'ERR_USAGE',
      message: "Incorrect number of arguments. uuid5 requires a namespace and a name. Run 'netkit uuid -h' for more information.",
    },
  });
});

test('global flags are read wherever they stand; -q silences status', async () => {
  const r = await runCli(['-q', 'http', 'status', '--json', '200']);
  assert.equal(JSON.parse(r.stdout).value, 200);
});

function context(stdinTTY: boolean, stderrTTY: boolean, env: Record<string, string> = {}): Context {
  const stdin = Readable.from([]) as Readable & { isTTY?: boolean };
  stdin.isTTY = stdinTTY;
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  stderr.isTTY = stderrTTY;
  return new Context({ stdin, stdout: new PassThrough(), stderr, env, cwd: '/' });
}

test('prompts only when a person is there', async () => {
  assert.equal(context(true, true).prompt.interactive, true);
  assert.equal(context(false, true).prompt.interactive, false);
  assert.equal(context(true, false).prompt.interactive, false);
  assert.equal(context(true, true, { CI: 'true' }).prompt.interactive, false);
  const noInput = context(true, true);
  noInput.setFlags({ input: false });
  assert.equal(noInput.prompt.interactive, false);
  await assert.rejects(context(false, false).prompt.password('Password:', 'a password'), {
    name: 'UsageError',
    message: 'a password is needed and there is no terminal to ask on (--no-input or not a TTY)',
  });
  assert.equal(await context(false, false).prompt.confirm('Overwrite?', 'confirmation', false), false);
});

test('spinner is skipped off a terminal: the work still completes', async () => {
  const ctx = context(false, false);
  assert.equal(await ctx.out.spin('working', Promise.resolve(42)), 42);
});

test('a global option value before the noun is not taken for the noun', async () => {
  const r = await runCli(['--timeout', '5', 'http', 'status', '200']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '200 OK - Request fulfilled, document follows\n');
});

test('result() is one pretty JSON document under --json, its human form otherwise', async () => {
  const text = (s: PassThrough): string => (s.read() ?? '').toString();
  for (const json of [false, true]) {
    const stdout = new PassThrough();
    const ctx = new Context({ stdin: Readable.from([]), stdout, stderr: new PassThrough(), env: {}, cwd: '/' }, { json });
    ctx.out.result({ a: 1, b: [2] }, (v) => `a is ${v.a}\n`);
    await ctx.out.flush();
    assert.equal(text(stdout), json ? '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}\n' : 'a is 1\n');
  }
});

test('status and warnings go to stderr, and -q silences them', async () => {
  for (const quiet of [false, true]) {
    const stderr = new PassThrough();
    const ctx = new Context({ stdin: Readable.from([]), stdout: new PassThrough(), stderr, env: {}, cwd: '/' }, { quiet });
    ctx.out.commandPath = 'uuid';
    ctx.out.status('working');
    ctx.out.warn('careful');
    await ctx.out.flush();
    assert.equal((stderr.read() ?? '').toString(), quiet ? '' : 'working\nnetkit: uuid: warning: careful\n');
  }
});
