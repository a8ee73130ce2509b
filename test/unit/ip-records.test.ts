// The ip info records: the direct JSON writer for IPv4 addresses says exactly what
// JSON.stringify of the record says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressRecord, itemJSON } from '../../src/commands/ip/records.js';
import { IPv4Address } from '../../src/protocols/ip/address.js';

test('itemJSON of an IPv4 address equals JSON.stringify(addressRecord(...))', () => {
  const special = [0, 1, 0x7f000001, 0x0a000000, 0xa9fe0001, 0xc0000008, 0xc0000009, 0xe0000001, 0xf0000000, 0xffffffff, 0x64400001];
  let seed = 12345;
  const random = Array.from({ length: 5000 }, () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0));
  for (const int of [...special, ...random]) {
    const a = new IPv4Address(int);
    assert.equal(itemJSON({ kind: 'address', value: a }), JSON.stringify(addressRecord(a)), a.toString());
  }
});
