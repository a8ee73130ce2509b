// CLI goldens for `netkit url`: each verb, human and --json, Python's errors, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

const json = (text: string): Array<Record<string, unknown>> => text.trimEnd().split('\n').map((l) => JSON.parse(l));

test('parse: urlparse fields and attributes as key: value lines', async () => {
  const r = await runCli(['url', 'parse', 'https://user:pw@Example.com:8443/a;p?q=1#frag']);
  assert.equal(
    r.stdout,
    'scheme: https\nnetloc: user:pw@Example.com:8443\npath: /a\nparams: p\nquery: q=1\nfragment: frag\nusername: user\npassword: pw\nhostname: example.com\nport: 8443\n\n',
  );
});

test('split --json: five fields plus attributes; None is null', async () => {
  const [r] = json((await runCli(['url', 'split', '--json', 'http://[::1]:8080/x'])).stdout);
  assert.deepEqual(r, { scheme: 'http', netloc: '[::1]:8080', path: '/x', query: '', fragment: '', username: null, password: null, hostname: '::1', port: 8080 });
});

test('an attribute Python raises on makes the record an error; the rest go on', async () => {
  const r = await runCli(['url', 'split', '--json'], { stdin: 'http://h:99999/\nhttp://[::1/\nhttp://ok/\n' });
  assert.equal(r.code, 1);
  const [port, v6, ok] = json(r.stdout);
  assert.equal((port!.error as { message: string }).message, 'Port out of range 0-65535');
  assert.equal((v6!.error as { message: string }).message, 'Invalid IPv6 URL');
  assert.equal(ok!.hostname, 'ok');
});

test('--scheme and --no-fragments are scheme= and allow_fragments=', async () => {
  const [a] = json((await runCli(['url', 'split', '--json', '--scheme', 'https', '//example.com/p'])).stdout);
  assert.equal(a!.scheme, 'https');
  const [b] = json((await runCli(['url', 'split', '--json', '--no-fragments', 'http://h/a#b'])).stdout);
  assert.equal(b!.path, '/a#b');
  assert.equal(b!.fragment, '');
});

test('parse --compare: where Python and WHATWG disagree (exit 1)', async () => {
  const r = await runCli(['url', 'parse', '--compare', 'http://evil.com\\@good.com/']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\n {2}hostname: python "good\.com" \| whatwg "evil\.com" {2}<- differs\n/);
  const same = await runCli(['url', 'parse', '--compare', '--json', 'https://example.com/a?b#c']);
  assert.equal(same.code, 0);
  assert.equal(JSON.parse(same.stdout).agree, true);
});

test('get: one field per line; only that field is read', async () => {
  assert.deepEqual(await runCli(['url', 'get', 'hostname', 'https://Example.COM:8080/x', 'http://h:99999/', 'mailto:x']), {
    code: 0,
    stdout: 'example.com\nh\n\n',
    stderr: '',
  });
  const port = await runCli(['url', 'get', 'port', 'http://h:99999/']);
  assert.deepEqual(port, { code: 1, stdout: '', stderr: 'netkit: url get: Port out of range 0-65535\n' });
  assert.equal((await runCli(['url', 'get', 'color', 'http://h/'])).code, 2);
});

test('unsplit and unparse: from flags or JSON lines', async () => {
  assert.equal((await runCli(['url', 'unsplit', '--scheme', 'https', '--netloc', 'example.com', '--path', '/a', '--query', 'q=1'])).stdout, 'https://example.com/a?q=1\n');
  assert.equal((await runCli(['url', 'unparse', '--scheme', 'http', '--netloc', 'h', '--path', '/p', '--params', 'x', '--query', 'q'])).stdout, 'http://h/p;x?q\n');
  const piped = await runCli(['url', 'unsplit'], { stdin: '{"scheme":"http","netloc":"h","path":"/p","fragment":"f"}\n{"scheme":1}\n' });
  assert.equal(piped.code, 1);
  assert.equal(piped.stdout, 'http://h/p#f\n');
  assert.match(piped.stderr, /scheme must be a string/);
});

test('join, defrag', async () => {
  assert.equal(
    (await runCli(['url', 'join', 'https://example.com/a/b/c', '../d', './e?x=1', '//other.org/f'])).stdout,
    'https://example.com/a/d\nhttps://example.com/a/b/e?x=1\nhttps://other.org/f\n',
  );
  assert.equal((await runCli(['url', 'defrag', 'https://example.com/page#section-2', 'http://h/'])).stdout, 'https://example.com/page\tsection-2\nhttp://h/\t\n');
});

test('quote and unquote, with --plus, --safe and --encoding', async () => {
  assert.equal((await runCli(['url', 'quote', 'a b/c?d=é'])).stdout, 'a%20b/c%3Fd%3D%C3%A9\n');
  assert.equal((await runCli(['url', 'quote', '--plus', 'a b/c'])).stdout, 'a+b%2Fc\n');
  assert.equal((await runCli(['url', 'quote', '--safe', '', 'a/b'])).stdout, 'a%2Fb\n');
  assert.equal((await runCli(['url', 'quote', '--encoding', 'latin-1', 'café'])).stdout, 'caf%E9\n');
  assert.equal((await runCli(['url', 'unquote', 'a%20b%2Fc'])).stdout, 'a b/c\n');
  assert.equal((await runCli(['url', 'unquote', '--plus', 'q=a+b%26c'])).stdout, 'q=a b&c\n');
  const bad = await runCli(['url', 'quote', '--encoding', 'nope', 'x']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'netkit: url quote: unknown encoding: nope\n');
});

test('encode: KEY=VALUE pairs, or JSON objects with --doseq', async () => {
  assert.equal((await runCli(['url', 'encode', 'q=a b', 'lang=en'])).stdout, 'q=a+b&lang=en\n');
  assert.equal((await runCli(['url', 'encode', '--quote-via', 'quote', 'p=a b'])).stdout, 'p=a%20b\n');
  const seq = await runCli(['url', 'encode', '--doseq'], { stdin: '{"q": "x y", "tag": ["a", "b"], "n": 1, "t": true}\n' });
  assert.equal(seq.stdout, 'q=x+y&tag=a&tag=b&n=1&t=True\n');
  const noseq = await runCli(['url', 'encode'], { stdin: '{"tag": ["a", "b"]}\n' });
  assert.equal(noseq.stdout, "tag=%5B%27a%27%2C+%27b%27%5D\n");
});

test('decode: parse_qs and parse_qsl as Python prints them, or JSON; strict errors', async () => {
  assert.equal((await runCli(['url', 'decode', 'a=1&b=2&a=3'])).stdout, "{'a': ['1', '3'], 'b': ['2']}\n");
  assert.equal((await runCli(['url', 'decode', '--list', '--keep-blank-values', 'a=&b=x+y'])).stdout, "[('a', ''), ('b', 'x y')]\n");
  assert.deepEqual(JSON.parse((await runCli(['url', 'decode', '--json', 'tag=a&tag=b'])).stdout), { query: 'tag=a&tag=b', fields: { tag: ['a', 'b'] } });
  assert.deepEqual(await runCli(['url', 'decode', '--strict-parsing', 'a']), { code: 1, stdout: '', stderr: "netkit: url decode: bad query field: 'a'\n" });
  assert.equal((await runCli(['url', 'decode', '--max-num-fields', '1', 'a=1&b=2'])).stderr, 'netkit: url decode: Max number of fields exceeded\n');
  assert.equal((await runCli(['url', 'decode', '--separator', ';', 'a=1;b=2'])).stdout, "{'a': ['1'], 'b': ['2']}\n");
});
