// CLI goldens for `netkit http status`: stdout, stderr, exit code; human and --json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

test('one code, human', async () => {
  const r = await runCli(['http', 'status', '404']);
  assert.deepEqual(r, { code: 0, stdout: '404 Not Found - Nothing matches the given URI\n', stderr: '' });
});

test('418 --json is one object with Python fields and 3.12 predicates', async () => {
  const r = await runCli(['http', 'status', '418', '--json']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), {
    value: 418,
    name: 'IM_A_TEAPOT',
    phrase: "I'm a Teapot",
    description: 'Server refuses to brew coffee because it is a teapot.',
    is_informational: false,
    is_success: false,
    is_redirection: false,
    is_client_error: true,
    is_server_error: false,
  });
  assert.equal(r.stderr, '');
});

test('global flag before the noun works too', async () => {
  const r = await runCli(['--json', 'http', 'status', 'not_found']);
  assert.equal(JSON.parse(r.stdout).value, 404);
});

test('unknown code: Python message, exit 1, others still printed', async () => {
  const r = await runCli(['http', 'status', '999', '200']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '200 OK - Request fulfilled, document follows\n');
  assert.equal(r.stderr, 'netkit: http status: 999 is not a valid HTTPStatus\n');
});

test('unknown code under --json: an error record in the stream', async () => {
  const r = await runCli(['http', 'status', '999', '--json']);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.stdout), {
    input: '999',
    error: { type: 'ValueError', python: 'ValueError', code: 'ERR_UNKNOWN_STATUS', message: '999 is not a valid HTTPStatus' },
  });
});

test('stdin lines when no operands: blank lines skipped, CRLF accepted', async () => {
  const r = await runCli(['http', 'status'], { stdin: '200\r\n\nNOT_FOUND\nbogus\n503' });
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    '200 OK - Request fulfilled, document follows\n404 Not Found - Nothing matches the given URI\n503 Service Unavailable - The server cannot process the request due to a high load\n',
  );
  assert.equal(r.stderr, "netkit: http status: 'bogus' is not a valid HTTPStatus\n");
});

test('no operands on an interactive stdin is a usage error', async () => {
  const r = await runCli(['http', 'status'], { stdinTTY: true });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^netkit: http status: no CODE given/);
  assert.match(r.stderr, /Usage: netkit http status \[options\] \[CODE\|NAME\.\.\.\]/);
});

test('--list prints all 62 members in definition order', async () => {
  const r = await runCli(['http', 'status', '--list']);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 62);
  assert.equal(lines[0], '100 Continue - Request received, please continue');
  assert.equal(lines[2], '102 Processing');
});

test('--list with operands is a usage error', async () => {
  const r = await runCli(['http', 'status', '--list', '200']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n')[0], 'netkit: http status: --list takes no CODE operands');
});

test('status line and phrase lookups', async () => {
  const r = await runCli(['http', 'status', 'HTTP/1.1 503 Service Unavailable', "i'm a teapot", 'Non-Authoritative Information', '--json']);
  assert.deepEqual(
    r.stdout.trim().split('\n').map((l) => JSON.parse(l).value),
    [503, 418, 203],
  );
});

test('unknown option: exit 2, usage on stderr, nothing on stdout', async () => {
  const r = await runCli(['http', 'status', '--bogus']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "netkit: http status: unknown option '--bogus'\nUsage: netkit http status [options] [CODE|NAME...]\nTry 'netkit http status --help' for more information.\n",
  );
});

test('colour only on a terminal, and never with NO_COLOR', async () => {
  const tty = await runCli(['http', 'status', '200'], { tty: true });
  assert.equal(tty.stdout, '\u001b[32m200\u001b[39m OK - Request fulfilled, document follows\n');
  const noColor = await runCli(['http', 'status', '200'], { tty: true, env: { NO_COLOR: '1' } });
  assert.equal(noColor.stdout, '200 OK - Request fulfilled, document follows\n');
  const flag = await runCli(['http', 'status', '200', '--no-color'], { tty: true });
  assert.equal(flag.stdout, '200 OK - Request fulfilled, document follows\n');
});
