// The hidden password prompt of `http get -u USER` on a real terminal: bin/netkit runs
// under script(1) (a pseudo-terminal), asks "Password for alice", takes the answer
// without echoing it, and sends it as Basic credentials. Without a terminal (the other
// CLI tests) the same command is a usage error instead of a prompt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ok, startFakeHTTPServer } from '../fakes/http-server.js';
import { missing } from '../helpers/peers.js';

const BIN = fileURLToPath(new URL('../../bin/netkit', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/js/netkit.cjs', import.meta.url));
const SECRET = 'pr0mpted-Secret';

test('http get -u alice on a terminal: a hidden prompt, the answer sent as Basic credentials, never echoed', async (t) => {
  const why = spawnSync('script', ['--version'], { timeout: 10_000 }).status === 0 ? (existsSync(BUNDLE) ? undefined : 'dist/js/netkit.cjs is missing: run npm run build') : 'script(1) is not installed';
  const skip = why === undefined ? undefined : missing(why);
  if (skip) return t.skip(skip);
  const expected = `Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`;
  const server = await startFakeHTTPServer((req) => {
    const auth = req.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    return auth === expected ? { send: ok('welcome\n') } : { send: 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="r"\r\nContent-Length: 0\r\n\r\n' };
  });
  try {
    // CI would turn prompts off: this test is the person at the terminal.
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'dumb' };
    delete env.CI;
    const child = spawn('script', ['-qec', `"${process.execPath}" "${BIN}" http get -u alice ${server.url}/private`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      await new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (/Password for alice/i.test(out)) resolve();
        };
        child.stdout.on('data', check);
        void exited.then(() => reject(new Error(`netkit exited before prompting: ${JSON.stringify(out)}`)));
        check();
      });
      child.stdin.write(`${SECRET}\r`);
      assert.equal(await exited, 0, out);
    } finally {
      clearTimeout(deadline);
    }
    assert.match(out, /welcome/);
    assert.ok(!out.includes(SECRET), 'the password was echoed on the terminal');
    assert.equal(server.received.at(-1)?.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1], expected);
  } finally {
    await server.close();
  }
});
