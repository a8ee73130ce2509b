// planRange and multipartByteranges (src/protocols/http/server/conditional/ranges.ts):
// RFC 9110 §14.1.2's examples, the policy choices (ignore invalid, coalesce, cap), hostile
// inputs, and the multipart framing byte for byte (the format nginx 1.22 sends).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RANGES, contentRange, makeBoundary, multipartByteranges, planRange, unsatisfiedContentRange, type RangePlan } from '../../src/protocols/http/server/conditional/ranges.js';

const R = (...pairs: Array<[number, number]>): RangePlan => ({ kind: 'ranges', ranges: pairs.map(([start, end]) => ({ start, end })) });
const FULL: RangePlan = { kind: 'full' };
const NONE: RangePlan = { kind: 'unsatisfiable' };

test('RFC 9110 §14.1.2 examples (10000-byte representation)', () => {
  assert.deepEqual(planRange('bytes=0-499', 10000), R([0, 499]));
  assert.deepEqual(planRange('bytes=500-999', 10000), R([500, 999]));
  assert.deepEqual(planRange('bytes=-500', 10000), R([9500, 9999]));
  assert.deepEqual(planRange('bytes=9500-', 10000), R([9500, 9999]));
  assert.deepEqual(planRange('bytes=0-0,-1', 10000), R([0, 0], [9999, 9999]));
  // "other valid (but not canonical) specifications of the second 500 bytes": coalesced
  assert.deepEqual(planRange('bytes=500-600,601-999', 10000), R([500, 999]));
  assert.deepEqual(planRange('bytes=500-700,601-999', 10000), R([500, 999]));
});

test('satisfiability and clamping (§14.1.1)', () => {
  assert.deepEqual(planRange('bytes=0-', 18), R([0, 17]));
  assert.deepEqual(planRange('bytes=17-', 18), R([17, 17]));
  assert.deepEqual(planRange('bytes=18-', 18), NONE);
  assert.deepEqual(planRange('bytes=100-200', 18), NONE);
  assert.deepEqual(planRange('bytes=5-100', 18), R([5, 17]));
  assert.deepEqual(planRange('bytes=-18', 18), R([0, 17]));
  assert.deepEqual(planRange('bytes=-100', 18), R([0, 17]));
  assert.deepEqual(planRange('bytes=-0', 18), NONE); // zero suffix-length is unsatisfiable
  assert.deepEqual(planRange('bytes=-0,0-0', 18), R([0, 0]));
  assert.deepEqual(planRange('bytes=0-1,18-', 18), R([0, 1])); // the unsatisfiable one dropped
  assert.deepEqual(planRange('bytes=00-01', 18), R([0, 1]));
  assert.equal(unsatisfiedContentRange(18), 'bytes */18');
  assert.equal(contentRange({ start: 0, end: 4 }, 18), 'bytes 0-4/18');
});

test('syntax: unit case-insensitive, OWS around commas, empty elements; anything else ignores the field', () => {
  assert.deepEqual(planRange('Bytes=0-4', 18), R([0, 4]));
  assert.deepEqual(planRange('BYTES=0-4', 18), R([0, 4]));
  assert.deepEqual(planRange('  bytes=0-4  ', 18), R([0, 4]));
  assert.deepEqual(planRange('bytes= 0-4', 18), R([0, 4]));
  assert.deepEqual(planRange('bytes=0-4 , 6-8', 18), R([0, 4], [6, 8]));
  assert.deepEqual(planRange('bytes=0-4,,6-8', 18), R([0, 4], [6, 8]));
  assert.deepEqual(planRange('bytes=,0-4,\t, 6-8,', 18), R([0, 4], [6, 8]));
  for (const junk of ['bytes=5-1', 'bytes=abc', 'bytes=', 'bytes=-', 'bytes=1-2-3', 'bytes=0-1;x', 'bytes= 0 -4', 'bytes =0-4', 'items=0-1', 'bytes', '=0-1', 'bytes=+1-2', 'bytes=0x10-', 'bytes=1.5-2', 'bytes=٣-4', 'bytes=0-1,5-1', 'bytes=0-1,junk']) {
    assert.deepEqual(planRange(junk, 18), FULL, junk);
  }
});

test('only GET has ranges; empty representations ignore Range; no header is full', () => {
  assert.deepEqual(planRange('bytes=0-1', 18, 'HEAD'), FULL);
  assert.deepEqual(planRange('bytes=0-1', 18, 'POST'), FULL);
  assert.deepEqual(planRange('bytes=0-1', 0), FULL);
  assert.deepEqual(planRange('bytes=-1', 0), FULL);
  assert.deepEqual(planRange(undefined, 18), FULL);
  assert.throws(() => planRange('bytes=0-1', -1), RangeError);
  assert.throws(() => planRange('bytes=0-1', 2 ** 53), RangeError);
});

test('overlapping and adjacent ranges coalesce (sorted); disjoint ones keep request order', () => {
  assert.deepEqual(planRange('bytes=8-9,0-1,4-5', 18), R([8, 9], [0, 1], [4, 5]));
  assert.deepEqual(planRange('bytes=0-1,0-1', 18), R([0, 1]));
  assert.deepEqual(planRange('bytes=0-5,3-10', 18), R([0, 10]));
  assert.deepEqual(planRange('bytes=0-1,2-3', 18), R([0, 3]));
  assert.deepEqual(planRange('bytes=10-12,0-1,11-15', 18), R([0, 1], [10, 15]));
  assert.deepEqual(planRange('bytes=-5,0-', 18), R([0, 17]));
  assert.deepEqual(planRange(`bytes=${Array(MAX_RANGES).fill('0-0').join(',')}`, 18), R([0, 0]));
});

test('hostile: numbers beyond 2^53, 10,000 ranges, long junk', () => {
  const huge = '99999999999999999999999999';
  assert.deepEqual(planRange(`bytes=${huge}-`, 18), NONE);
  assert.deepEqual(planRange(`bytes=0-${huge}`, 18), R([0, 17]));
  assert.deepEqual(planRange(`bytes=-${huge}`, 18), R([0, 17]));
  assert.deepEqual(planRange(`bytes=${huge}-${huge}`, 18), NONE);
  assert.deepEqual(planRange(`bytes=${huge}1-${huge}`, 18), FULL); // last < first, compared exactly
  assert.deepEqual(planRange('bytes=9007199254740993-9007199254740992', 2 ** 53 - 1), FULL);
  assert.deepEqual(planRange('bytes=9007199254740990-', 2 ** 53 - 1), R([9007199254740990, 9007199254740990]));
  assert.deepEqual(planRange(`bytes=0-${'0'.repeat(5000)}1`, 18), R([0, 1]));
  // more than MAX_RANGES specs: ignored
  assert.deepEqual(planRange(`bytes=${Array(MAX_RANGES + 1).fill('0-0').join(',')}`, 18), FULL);
  const many = `bytes=${Array.from({ length: 10_000 }, (_, i) => `${i * 2}-${i * 2}`).join(',')}`;
  const t0 = performance.now();
  assert.deepEqual(planRange(many, 1 << 20), FULL);
  assert.deepEqual(planRange('bytes=' + ','.repeat(100_000), 18), FULL);
  assert.deepEqual(planRange('bytes=' + '1'.repeat(100_000) + '-', 18), NONE);
  assert.ok(performance.now() - t0 < 1000);
});

test('multipart/byteranges framing: nginx layout, Content-Length exact, boundary checks', () => {
  const body = Buffer.from('Hello from nginx!\n');
  const ranges = [
    { start: 0, end: 0 },
    { start: 17, end: 17 },
  ];
  const m = multipartByteranges(ranges, 'text/plain', body.length, '00000000000000000001');
  assert.equal(m.contentType, 'multipart/byteranges; boundary=00000000000000000001');
  const assembled = Buffer.concat([...m.parts.flatMap((p) => [p.head, body.subarray(p.start, p.end + 1)]), m.trailer]);
  // byte-for-byte what nginx 1.22 sent for `Range: bytes=0-0,-1` on this file
  assert.equal(
    assembled.toString('latin1'),
    '\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-0/18\r\n\r\nH' +
      '\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 17-17/18\r\n\r\n\n' +
      '\r\n--00000000000000000001--\r\n',
  );
  assert.equal(m.contentLength, assembled.length);
  const untyped = multipartByteranges(ranges, undefined, 18, 'a b');
  assert.equal(untyped.contentType, 'multipart/byteranges; boundary="a b"');
  assert.ok(!untyped.parts[0]!.head.toString().includes('Content-Type'));
  assert.match(makeBoundary(), /^netkit-[0-9a-f]{24}$/);
  for (const bad of ['', 'x'.repeat(71), 'ends with space ', 'semi;colon', 'new\nline']) assert.throws(() => multipartByteranges(ranges, 'text/plain', 18, bad), RangeError, bad);
  assert.throws(() => multipartByteranges(ranges, 'text/plain\r\nX-Evil: 1', 18, 'b'), RangeError);
});
