// CLI goldens for `netkit uuid` (python -m uuid of 3.14) and `netkit uuid parse`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('uuid5 of @dns example.com, byte-identical to Python', async () => {
  const r = await runCli(['uuid', '-u', 'uuid5', '-n', '@dns', '-N', 'example.com']);
  assert.deepEqual(r, { code: 0, stdout: 'cfbff0d1-9375-5685-968c-48ce8b15ae17\n', stderr: '' });
});

test('uuid3 and uuid5 of python.org (the uuid module docs)', async () => {
  const v3 = await runCli(['uuid', '--uuid', 'uuid3', '--namespace', '@dns', '--name', 'python.org']);
  assert.equal(v3.stdout, '6fa459ea-ee8a-3ca4-894e-db77e160355e\n');
  const v5 = await runCli(['uuid', '-u', 'uuid5', '-n', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '-N', 'python.org']);
  assert.equal(v5.stdout, '886313e1-3b8a-5372-9b90-0c9aee199e5d\n');
});

test('default is one uuid4', async () => {
  const r = await runCli(['uuid']);
  assert.equal(r.code, 0);
  const m = UUID_RE.exec(r.stdout.trimEnd());
  assert.ok(m, r.stdout);
  assert.equal(m[1], '4');
});

for (const [fn, version] of [['uuid1', '1'], ['uuid4', '4'], ['uuid6', '6'], ['uuid7', '7'], ['uuid8', '8']] as const) {
  test(`${fn} -C 50: 50 distinct version-${version} UUIDs`, async () => {
    const r = await runCli(['uuid', '-u', fn, '-C', '50']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 50);
    assert.equal(new Set(lines).size, 50);
    for (const line of lines) assert.equal(UUID_RE.exec(line)?.[1], version, line);
  });
}

test('uuid7 and uuid6 are strictly increasing within one run', async () => {
  for (const fn of ['uuid7', 'uuid6']) {
    const lines = (await runCli(['uuid', '-u', fn, '-C', '20000'])).stdout.trimEnd().split('\n');
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1]! < lines[i]!, `${fn}: ${lines[i - 1]} !< ${lines[i]}`);
  }
});

test('uuid1 and uuid6 carry the same node, and uuid6 time decodes to now', async () => {
  const r = await runCli(['uuid', '-u', 'uuid6', '--json']);
  const rec = JSON.parse(r.stdout);
  assert.equal(rec.version, 6);
  assert.ok(Math.abs(Date.parse(rec.timestamp) - Date.now()) < 60_000, rec.timestamp);
  const r1 = JSON.parse((await runCli(['uuid', '-u', 'uuid1', '--json'])).stdout);
  assert.equal(r1.node, rec.node);
  assert.ok(Math.abs(Date.parse(r1.timestamp) - Date.now()) < 60_000, r1.timestamp);
});

test('--format variants', async () => {
  const ns = ['-u', 'uuid5', '-n', '@dns', '-N', 'example.com'];
  const forms: Record<string, string> = {
    str: 'cfbff0d1-9375-5685-968c-48ce8b15ae17',
    hex: 'cfbff0d193755685968c48ce8b15ae17',
    urn: 'urn:uuid:cfbff0d1-9375-5685-968c-48ce8b15ae17',
    braces: '{cfbff0d1-9375-5685-968c-48ce8b15ae17}',
    upper: 'CFBFF0D1-9375-5685-968C-48CE8B15AE17',
    int: BigInt('0xcfbff0d193755685968c48ce8b15ae17').toString(),
  };
  for (const [format, expected] of Object.entries(forms)) {
    const r = await runCli(['uuid', ...ns, '--format', format, '-C', '2']);
    assert.equal(r.stdout, `${expected}\n${expected}\n`, format);
  }
});

test('missing namespace or name: Python wording, exit 2', async () => {
  for (const argv of [['-u', 'uuid5'], ['-u', 'uuid3', '-n', '@dns'], ['-u', 'uuid5', '-N', 'x'], ['-u', 'uuid5', '-n', '@dns', '-N', '']]) {
    const r = await runCli(['uuid', ...argv]);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.stdout, '');
    const fn = argv[1];
    assert.equal(
      r.stderr.split('\n')[0],
      `netkit: uuid: Incorrect number of arguments. ${fn} requires a namespace and a name. Run 'netkit uuid -h' for more information.`,
    );
  }
});

test('stray namespace or name for uuid4 is a usage error (Python ignores it)', async () => {
  const r = await runCli(['uuid', '-N', 'x']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^netkit: uuid: Incorrect number of arguments\. uuid4 does not take a namespace or a name\./);
});

test('bad namespace: the UUID error and the value, exit 2', async () => {
  const r = await runCli(['uuid', '-u', 'uuid5', '-n', '@nope', '-N', 'x']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n')[0], "netkit: uuid: badly formed hexadecimal UUID string: '@nope'");
});

test('invalid choice and invalid count: argparse wording', async () => {
  const a = await runCli(['uuid', '-u', 'uuid9']);
  assert.equal(a.code, 2);
  assert.equal(
    a.stderr.split('\n')[0],
    "netkit: uuid: argument -u/--uuid: invalid choice: 'uuid9' (choose from 'uuid1', 'uuid3', 'uuid4', 'uuid5', 'uuid6', 'uuid7', 'uuid8')",
  );
  const b = await runCli(['uuid', '-C', 'ten']);
  assert.equal(b.code, 2);
  assert.equal(b.stderr.split('\n')[0], "netkit: uuid: argument -C/--count: invalid int value: 'ten'");
});

test('count as Python int(): underscores and zero', async () => {
  assert.equal((await runCli(['uuid', '-C', '1_0'])).stdout.split('\n').length, 11);
  assert.deepEqual(await runCli(['uuid', '-C', '0']), { code: 0, stdout: '', stderr: '' });
});

test('--json generation gives parse records', async () => {
  const r = await runCli(['uuid', '-u', 'uuid5', '-n', '@url', '-N', 'https://example.com/', '--json', '-C', '2']);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].version, 5);
  assert.equal(lines[0].variant, 'specified in RFC 4122');
});

const DNS_RECORD = {
  uuid: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  hex: '6ba7b8109dad11d180b400c04fd430c8',
  int: '143098242404177361603877621312831893704',
  urn: 'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  version: 1,
  variant: 'specified in RFC 4122',
  fields: [1806153744, 40365, 4561, 128, 180, 825973027016],
  time_low: 1806153744,
  time_mid: 40365,
  time_hi_version: 4561,
  clock_seq_hi_variant: 128,
  clock_seq_low: 180,
  node: 825973027016,
  time: '131059232331511824',
  clock_seq: 180,
  bytes_le: '10b8a76bad9dd11180b400c04fd430c8',
  timestamp: '1998-02-04T22:13:53.1511824Z',
};

test('uuid parse --json from stdin: the NAMESPACE_DNS record', async () => {
  const r = await runCli(['uuid', 'parse', '--json'], { stdin: '6ba7b810-9dad-11d1-80b4-00c04fd430c8\n' });
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.stdout), DNS_RECORD);
});

test('uuid parse accepts every form uuid.UUID does', async () => {
  const forms = [
    '{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}',
    'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    '6ba7b8109dad11d180b400c04fd430c8',
    '6Ba7B810-9dAd-11d1-80B4-00c04fD430c8',
  ];
  const r = await runCli(['uuid', 'parse', ...forms]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), forms.map(() => '6ba7b810-9dad-11d1-80b4-00c04fd430c8 1 1998-02-04T22:13:53.1511824Z specified in RFC 4122'));
});

test('uuid parse: malformed lines are error records, the rest still parsed, exit 1', async () => {
  const r = await runCli(['uuid', 'parse', '--json'], { stdin: 'nope\n00000000-0000-0000-0000-000000000000\n' });
  assert.equal(r.code, 1);
  const [bad, nil] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(bad, {
    input: 'nope',
    error: { type: 'ValueError', python: 'ValueError', code: 'ERR_BAD_UUID', message: 'badly formed hexadecimal UUID string' },
  });
  assert.equal(nil.version, null);
  assert.equal(nil.variant, 'reserved for NCS compatibility');
  assert.equal(nil.timestamp, null);
});

test('uuid parse: human error line on stderr', async () => {
  const r = await runCli(['uuid', 'parse', 'xyz']);
  assert.deepEqual(r, { code: 1, stdout: '', stderr: 'netkit: uuid parse: badly formed hexadecimal UUID string\n' });
});

test('uuid7 timestamp is milliseconds', async () => {
  const r = await runCli(['uuid', 'parse', '--json', '017f22e2-79b0-7cc3-98c4-dc0c0c07398f']);
  assert.equal(JSON.parse(r.stdout).timestamp, '2022-02-22T19:22:22.000Z');
});
