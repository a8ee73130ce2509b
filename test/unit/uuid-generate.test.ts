// The generators' bit layouts: uuid7's counter (Python 3.14, RFC 9562 §6.2 method 1),
// uuid6's time order, and getnode()'s random fallback with the multicast bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uuid1Into, uuid6Into, uuid7Into, uuid8Into } from '../../src/protocols/uuid/generate.js';
import { getNode, randomNode } from '../../src/protocols/uuid/node-id.js';
import { UUID } from '../../src/protocols/uuid/uuid.js';

function make(gen: (out: Uint8Array, at: number) => void, n: number): UUID[] {
  const buf = new Uint8Array(16 * n);
  for (let i = 0; i < n; i++) gen(buf, i * 16);
  return Array.from({ length: n }, (_, i) => new UUID(buf.slice(i * 16, i * 16 + 16)));
}

const ms7 = (u: UUID): number => Number(BigInt('0x' + u.hex.slice(0, 12)));
// 12 bits after the version nibble, then 30 bits after the variant bits.
const counter7 = (u: UUID): number => (u.time_hi_version & 0x0fff) * 2 ** 30 + Number((BigInt('0x' + u.hex.slice(16, 24)) & 0x3fffffffn));

test('uuid7: within one millisecond the 42-bit counter counts up by one', () => {
  const all = make(uuid7Into, 5000);
  let sameMs = 0;
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1]!, all[i]!];
    assert.equal(b.version, 7);
    assert.equal(b.variant, 'specified in RFC 4122');
    assert.ok(ms7(b) >= ms7(a));
    if (ms7(a) === ms7(b)) {
      sameMs++;
      assert.equal(counter7(b), counter7(a) + 1);
    } else {
      assert.ok(counter7(b) < 2 ** 41, 'a fresh counter has its top bit clear');
    }
  }
  assert.ok(sameMs > 0, 'no two UUIDs shared a millisecond');
  assert.ok(Math.abs(ms7(all[0]!) - Date.now()) < 60_000);
});

test('uuid6: 60-bit time first, so byte order is time order; node is getnode()', () => {
  const all = make(uuid6Into, 2000);
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.hex < all[i]!.hex);
  for (const u of all) {
    assert.equal(u.version, 6);
    assert.equal(u.node, getNode());
  }
});

test('uuid1: version 1, time strictly increasing, node is getnode()', () => {
  const all = make(uuid1Into, 2000);
  for (let i = 1; i < all.length; i++) assert.ok(all[i]!.time > all[i - 1]!.time);
  for (const u of all) {
    assert.equal(u.version, 1);
    assert.equal(u.node, getNode());
  }
});

test('uuid8: version 8 and 122 bits that vary', () => {
  const all = make(uuid8Into, 100);
  assert.equal(new Set(all.map((u) => u.hex)).size, 100);
  for (const u of all) assert.equal(u.version, 8);
});

test('the random node has the multicast bit (bit 40) set', () => {
  for (let i = 0; i < 200; i++) {
    const node = randomNode();
    assert.ok(node < 2 ** 48);
    assert.equal(Math.floor(node / 2 ** 40) % 2, 1);
  }
});
