// CLI goldens for `netkit ip`: each verb, human and --json, exit codes and Python's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';

const lines = (text: string): string[] => text.trimEnd().split('\n');
const records = (text: string): Array<Record<string, unknown>> => lines(text).map((l) => JSON.parse(l));

test('info: an address as key: value lines', async () => {
  const r = await runCli(['ip', 'info', '192.168.1.10']);
  assert.equal(r.code, 0);
  assert.equal(
    r.stdout,
    [
      'type: address',
      'address: 192.168.1.10',
      'version: 4',
      'int: 3232235786',
      'compressed: 192.168.1.10',
      'exploded: 192.168.1.10',
      'packed: c0a8010a',
      'reverse_pointer: 10.1.168.192.in-addr.arpa',
      'max_prefixlen: 32',
      'is_multicast: False',
      'is_private: True',
      'is_global: False',
      'is_unspecified: False',
      'is_reserved: False',
      'is_loopback: False',
      'is_link_local: False',
      '',
      '',
    ].join('\n'),
  );
});

test('info --json: IPv6 fields, teredo and mapped as strings', async () => {
  const r = await runCli(['ip', 'info', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '::ffff:192.0.2.1', 'fe80::1%eth0', '--json']);
  const [teredo, mapped, scoped] = records(r.stdout);
  assert.deepEqual(teredo!.teredo, ['65.54.227.120', '192.0.2.45']);
  assert.equal(mapped!.ipv4_mapped, '192.0.2.1');
  assert.equal(mapped!.compressed, '::ffff:c000:201');
  assert.equal(scoped!.scope_id, 'eth0');
  assert.equal(scoped!.address, 'fe80::1%eth0');
  assert.equal(scoped!.is_link_local, true);
});

test('info: a network, with the hosts() range', async () => {
  const [rec] = records((await runCli(['ip', 'info', '10.0.0.0/30', '--json'])).stdout);
  assert.equal(rec!.broadcast_address, '10.0.0.3');
  assert.equal(rec!.num_addresses, '4');
  assert.equal(rec!.first_host, '10.0.0.1');
  assert.equal(rec!.last_host, '10.0.0.2');
  const [v6] = records((await runCli(['ip', 'info', '2001:db8::/126', '--json'])).stdout);
  assert.equal(v6!.first_host, '2001:db8::1');
  assert.equal(v6!.last_host, '2001:db8::3');
});

test('info: host bits set is Python\'s error unless --no-strict; --interface reads an interface', async () => {
  const strict = await runCli(['ip', 'info', '10.0.0.1/24']);
  assert.deepEqual(strict, { code: 1, stdout: '', stderr: 'netkit: ip info: 10.0.0.1/24 has host bits set\n' });
  const [loose] = records((await runCli(['ip', 'info', '--no-strict', '10.0.0.1/24', '--json'])).stdout);
  assert.equal(loose!.network, '10.0.0.0/24');
  const [iface] = records((await runCli(['ip', 'info', '-i', '10.0.0.1/255.255.255.0', '--json'])).stdout);
  assert.equal(iface!.type, 'interface');
  assert.equal(iface!.network, '10.0.0.0/24');
  assert.equal(iface!.with_hostmask, '10.0.0.1/0.0.0.255');
});

test('info: bad input gets ip_address\'s message; the rest still print; --json error records', async () => {
  const r = await runCli(['ip', 'info', '--json'], { stdin: '10.0.0.256\n01.2.3.4\n3232235777\n' });
  assert.equal(r.code, 1);
  const [a, b, c] = records(r.stdout);
  assert.deepEqual(a, { input: '10.0.0.256', error: { type: 'ValueError', python: 'ValueError', code: 'ERR_VALUE', message: "'10.0.0.256' does not appear to be an IPv4 or IPv6 address" } });
  assert.equal((b!.error as { message: string }).message, "'01.2.3.4' does not appear to be an IPv4 or IPv6 address");
  assert.equal(c!.address, '192.168.1.1');
});

test('subnet: prefixlen_diff 1 by default, --new-prefix, and Python\'s error', async () => {
  assert.equal((await runCli(['ip', 'subnet', '10.0.0.0/24'])).stdout, '10.0.0.0/25\n10.0.0.128/25\n');
  assert.equal(lines((await runCli(['ip', 'subnet', '10.0.0.0/16', '--new-prefix', '24'])).stdout).length, 256);
  const bad = await runCli(['ip', 'subnet', '10.0.0.0/24', '--new-prefix', '23']);
  assert.deepEqual(bad, { code: 1, stdout: '', stderr: 'netkit: ip subnet: new prefix must be longer\n' });
});

test('subnet --count and --hosts (VLSM, in order)', async () => {
  assert.equal((await runCli(['ip', 'subnet', '192.168.0.0/24', '--count', '3'])).stdout, '192.168.0.0/26\n192.168.0.64/26\n192.168.0.128/26\n');
  const vlsm = await runCli(['ip', 'subnet', '192.168.0.0/24', '--hosts', '100,50,20,2']);
  assert.equal(vlsm.stdout, '192.168.0.0/25 100 126\n192.168.0.128/26 50 62\n192.168.0.192/27 20 30\n192.168.0.224/31 2 2\n');
  const full = await runCli(['ip', 'subnet', '192.168.0.0/24', '--hosts', '300']);
  assert.equal(full.code, 1);
  assert.equal(full.stderr, 'netkit: ip subnet: 192.168.0.0/24 has no room left for a subnet of 300 hosts\n');
  const both = await runCli(['ip', 'subnet', '192.168.0.0/24', '--hosts', '3', '--count', '2']);
  assert.equal(both.code, 2);
});

test('supernet, hosts (/31 and /127 keep both), summarize', async () => {
  assert.equal((await runCli(['ip', 'supernet', '192.168.1.0/24', '--new-prefix', '16'])).stdout, '192.168.0.0/16\n');
  assert.equal((await runCli(['ip', 'supernet', '10.0.0.0/24', '--new-prefix', '25'])).stderr, 'netkit: ip supernet: new prefix must be shorter\n');
  assert.equal((await runCli(['ip', 'hosts', '10.0.0.0/30'])).stdout, '10.0.0.1\n10.0.0.2\n');
  assert.equal((await runCli(['ip', 'hosts', '10.0.0.0/31'])).stdout, '10.0.0.0\n10.0.0.1\n');
  assert.equal((await runCli(['ip', 'hosts', '2001:db8::/126'])).stdout, '2001:db8::1\n2001:db8::2\n2001:db8::3\n');
  assert.equal((await runCli(['ip', 'hosts', '::/127'])).stdout, '::\n::1\n');
  assert.equal((await runCli(['ip', 'summarize', '10.0.0.5', '10.0.0.20'])).stdout, '10.0.0.5/32\n10.0.0.6/31\n10.0.0.8/29\n10.0.0.16/30\n10.0.0.20/32\n');
});

test('collapse: addresses and networks, IPv4 then IPv6, from arguments or stdin', async () => {
  const r = await runCli(['ip', 'collapse', '192.168.0.0/25', '192.168.0.128/25', '10.0.0.1', '10.0.0.2', '::1', '::']);
  assert.equal(r.stdout, '10.0.0.1/32\n10.0.0.2/32\n192.168.0.0/24\n::/127\n');
  const fast = await runCli(['ip', 'collapse'], { stdin: '10.0.0.3\n10.0.0.0\n10.0.0.1\n10.0.0.2\nbogus\n' });
  assert.equal(fast.code, 1);
  assert.equal(fast.stdout, '10.0.0.0/30\n');
  assert.equal(fast.stderr, "netkit: ip collapse: 'bogus' does not appear to be an IPv4 or IPv6 address\n");
});

test('exclude: Python\'s order for one network, repeated for more', async () => {
  assert.equal((await runCli(['ip', 'exclude', '10.0.0.0/24', '10.0.0.64/26'])).stdout, '10.0.0.128/25\n10.0.0.0/26\n');
  assert.equal(
    (await runCli(['ip', 'exclude', '10.0.0.0/24', '10.0.0.64/26', '10.0.0.8/30'])).stdout,
    '10.0.0.128/25\n10.0.0.32/27\n10.0.0.16/28\n10.0.0.0/29\n10.0.0.12/30\n',
  );
  assert.equal((await runCli(['ip', 'exclude', '10.0.0.0/24', '11.0.0.0/8'])).stderr, 'netkit: ip exclude: 11.0.0.0/8 not contained in 10.0.0.0/24\n');
});

test('contains: exit 0 only when every item is inside', async () => {
  assert.deepEqual(await runCli(['ip', 'contains', '10.0.0.0/8', '10.1.2.3', '10.2.0.0/16']), { code: 0, stdout: '10.1.2.3 True\n10.2.0.0/16 True\n', stderr: '' });
  const some = await runCli(['ip', 'contains', '10.0.0.0/8', '10.1.2.3', '11.0.0.1', '::1']);
  assert.equal(some.code, 1);
  assert.equal(some.stdout, '10.1.2.3 True\n11.0.0.1 False\n::1 False\n');
});

test('overlaps, subnet-of, supernet-of: True/False and exit 0/1; mixed versions are TypeError', async () => {
  assert.deepEqual(await runCli(['ip', 'overlaps', '10.0.0.0/8', '10.1.0.0/16']), { code: 0, stdout: 'True\n', stderr: '' });
  assert.deepEqual(await runCli(['ip', 'subnet-of', '10.0.0.0/8', '10.1.0.0/16']), { code: 1, stdout: 'False\n', stderr: '' });
  assert.deepEqual(await runCli(['ip', 'supernet-of', '10.0.0.0/8', '10.1.0.0/16']), { code: 0, stdout: 'True\n', stderr: '' });
  const mixed = await runCli(['ip', 'subnet-of', '10.0.0.0/8', '::/0', '--json']);
  assert.equal(mixed.code, 1);
  assert.deepEqual(JSON.parse(mixed.stderr), { error: { type: 'TypeError', python: 'TypeError', code: 'ERR_TYPE', message: '10.0.0.0/8 and ::/0 are not of the same version' } });
});

test('sort: get_mixed_type_key order', async () => {
  const r = await runCli(['ip', 'sort'], { stdin: '10.0.0.10\n10.0.0.9\n10.0.0.0/8\n1.1.1.1\n::1\n' });
  assert.equal(r.stdout, '1.1.1.1\n10.0.0.0/8\n10.0.0.9\n10.0.0.10\n::1\n');
});

test('grep: lines, -v, -c, -o; leading zeros and double :: never match', async () => {
  const text = 'a 10.1.2.3 x\nb 192.168.1.1\nc [2001:db8::1]:80 and fe80::1\nd 010.1.1.1 1::2::3\n';
  assert.deepEqual(await runCli(['ip', 'grep', '10.0.0.0/8', '2001:db8::/32'], { stdin: text }), { code: 0, stdout: 'a 10.1.2.3 x\nc [2001:db8::1]:80 and fe80::1\n', stderr: '' });
  assert.equal((await runCli(['ip', 'grep', '-v', '10.0.0.0/8'], { stdin: text })).stdout, 'b 192.168.1.1\nc [2001:db8::1]:80 and fe80::1\nd 010.1.1.1 1::2::3\n');
  assert.equal((await runCli(['ip', 'grep', '-c', '0.0.0.0/0'], { stdin: text })).stdout, '2\n');
  assert.equal((await runCli(['ip', 'grep', '-o', '0.0.0.0/0', '::/0'], { stdin: text })).stdout, '10.1.2.3\n192.168.1.1\n2001:db8::1\nfe80::1\n');
  assert.equal((await runCli(['ip', 'grep', '172.16.0.0/12'], { stdin: text })).code, 1);
});

test('--json shapes of the list verbs and predicates', async () => {
  const [sub] = records((await runCli(['ip', 'subnet', '10.0.0.0/30', '--json'])).stdout);
  assert.equal(sub!.network, '10.0.0.0/31');
  assert.equal(sub!.first_host, '10.0.0.0');
  assert.deepEqual(records((await runCli(['ip', 'subnet', '10.0.0.0/24', '--hosts', '60,20', '--json'])).stdout), [
    { network: '10.0.0.0/26', hosts: 60, usable: '62' },
    { network: '10.0.0.64/27', hosts: 20, usable: '30' },
  ]);
  assert.deepEqual(records((await runCli(['ip', 'contains', '10.0.0.0/8', '10.1.1.1', '--json'])).stdout), [{ network: '10.0.0.0/8', item: '10.1.1.1', contains: true }]);
  assert.deepEqual(JSON.parse((await runCli(['ip', 'overlaps', '10.0.0.0/8', '10.1.0.0/16', '--json'])).stdout), { a: '10.0.0.0/8', b: '10.1.0.0/16', relation: 'overlaps', result: true });
  const hosts = records((await runCli(['ip', 'hosts', '10.0.0.0/30', '--json'])).stdout);
  assert.deepEqual(hosts.map((h) => h.address), ['10.0.0.1', '10.0.0.2']);
  const grep = await runCli(['ip', 'grep', '10.0.0.0/8', '--json'], { stdin: 'x 10.1.1.1 y\nz\n' });
  assert.deepEqual(records(grep.stdout), [{ line_number: 1, line: 'x 10.1.1.1 y', matches: ['10.1.1.1'] }]);
  assert.deepEqual(records((await runCli(['ip', 'grep', '-c', '10.0.0.0/8', '--json'], { stdin: 'x 10.1.1.1 y\nz\n' })).stdout), [{ count: 1 }]);
});

test('info: several items are key: value blocks separated by a blank line', async () => {
  const r = await runCli(['ip', 'info', '10.0.0.1', '::1']);
  const blocks = r.stdout.split('\n\n').filter(Boolean);
  assert.equal(blocks.length, 2);
  assert.match(blocks[1]!, /^type: address\naddress: ::1\nversion: 6\n/);
  assert.match(blocks[1]!, /\nipv4_mapped: None\nsixtofour: None\nteredo: None\nscope_id: None$/);
});
