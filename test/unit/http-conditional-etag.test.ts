// ETags and RFC 9110 preconditions (src/protocols/http/server/conditional/etag.ts): the
// §8.8.3.2 comparison table, entity-tag lists, §13.2.2's evaluation order, If-Range (§13.1.5)
// with entity-tags and dates, and hostile header values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluatePreconditions,
  makeEtag,
  parseEntityTag,
  parseEntityTagList,
  rangeApplies,
  strongMatch,
  variantEtag,
  weakMatch,
  type EntityTag,
} from '../../src/protocols/http/server/conditional/etag.js';
import { formatHttpDate } from '../../src/protocols/http/server/simple/http-date.js';

const LM = Date.UTC(2024, 0, 15, 12, 0, 0, 400); // sub-second part: compared at 1 s
const ETAG = '"1e-18d0cfe2b90"';
const V = { etag: ETAG, lastModifiedMs: LM };
const date = (ms: number): string => formatHttpDate(ms);

test('makeEtag: stable strong format from size, mtime and optional inode; variantEtag', () => {
  assert.equal(makeEtag({ size: 30, mtimeMs: 1705320000400.7 }), '"1e-18d0cfe2b90"');
  assert.equal(makeEtag({ size: 30, mtimeMs: 1705320000400.7, ino: 255 }), '"ff-1e-18d0cfe2b90"');
  assert.equal(makeEtag({ size: 0, mtimeMs: 0, ino: 2n ** 64n - 1n }), '"ffffffffffffffff-0-0"');
  assert.equal(makeEtag({ size: 1, mtimeMs: -1.5 }), '"1--2"');
  assert.ok(parseEntityTag(makeEtag({ size: 12345, mtimeMs: Date.now() })));
  assert.equal(variantEtag('"abc"', 'gzip'), '"abc-gzip"');
  assert.equal(variantEtag('W/"abc"', 'gzip'), 'W/"abc-gzip"');
  assert.throws(() => variantEtag('abc', 'gzip'), RangeError);
});

test('RFC 9110 §8.8.3.2 comparison table', () => {
  const t = (s: string) => parseEntityTag(s)!;
  const rows: Array<[string, string, boolean, boolean]> = [
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ];
  for (const [a, b, strong, weak] of rows) {
    assert.equal(strongMatch(t(a), t(b)), strong, `${a} ${b}`);
    assert.equal(weakMatch(t(a), t(b)), weak, `${a} ${b}`);
  }
});

test('entity-tag lists: *, commas inside quotes, OWS, junk members dropped', () => {
  assert.equal(parseEntityTagList(' * '), '*');
  assert.deepEqual((parseEntityTagList('"xyzzy", "r2d2xxxx", "c3piozzzz"') as EntityTag[]).map((t) => t.opaque), ['"xyzzy"', '"r2d2xxxx"', '"c3piozzzz"']);
  assert.deepEqual(parseEntityTagList('W/"a,b" ,\t"c"'), [
    { weak: true, opaque: '"a,b"' },
    { weak: false, opaque: '"c"' },
  ]);
  assert.deepEqual(parseEntityTagList('abc, "ok", w/"lower", "sp ace", ,'), [{ weak: false, opaque: '"ok"' }]);
  assert.deepEqual(parseEntityTagList('"unterminated, "x"'), []);
  assert.deepEqual(parseEntityTagList(''), []);
  assert.equal(parseEntityTag('"a"b"'), undefined);
  assert.deepEqual(parseEntityTag('""'), { weak: false, opaque: '""' });
});

test('If-None-Match: weak comparison; 304 for GET/HEAD, 412 for others; * and lists', () => {
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': ETAG }, V), 304);
  assert.equal(evaluatePreconditions('HEAD', { 'if-none-match': `W/${ETAG}` }, V), 304);
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': `"other", ${ETAG}` }, V), 304);
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': '"other"' }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': '*' }, V), 304);
  assert.equal(evaluatePreconditions('PUT', { 'if-none-match': '*' }, V), 412);
  assert.equal(evaluatePreconditions('PUT', { 'if-none-match': '*' }, { exists: false }), 'proceed');
  assert.equal(evaluatePreconditions('DELETE', { 'if-none-match': ETAG }, V), 412);
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': 'junk' }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': ETAG }, { lastModifiedMs: LM }), 'proceed'); // no ETag to match
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': ['"a"', ETAG] }, V), 304);
});

test('If-Match: strong comparison → 412; * needs a current representation', () => {
  assert.equal(evaluatePreconditions('PUT', { 'if-match': ETAG }, V), 'proceed');
  assert.equal(evaluatePreconditions('PUT', { 'if-match': `W/${ETAG}` }, V), 412);
  assert.equal(evaluatePreconditions('PUT', { 'if-match': ETAG }, { etag: `W/${ETAG}` }), 412);
  assert.equal(evaluatePreconditions('GET', { 'if-match': '"nope"' }, V), 412);
  assert.equal(evaluatePreconditions('GET', { 'if-match': '*' }, V), 'proceed');
  assert.equal(evaluatePreconditions('PUT', { 'if-match': '*' }, { exists: false }), 412);
  assert.equal(evaluatePreconditions('PUT', { 'if-match': 'garbage' }, V), 412);
});

test('If-Unmodified-Since / If-Modified-Since at one-second resolution; bad dates ignored', () => {
  const lmSecond = Math.floor(LM / 1000) * 1000;
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': date(lmSecond) }, V), 304);
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': date(lmSecond + 60_000) }, V), 304);
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': date(lmSecond - 1000) }, V), 'proceed');
  assert.equal(evaluatePreconditions('POST', { 'if-modified-since': date(lmSecond) }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': 'yesterday' }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': [date(lmSecond), date(lmSecond)] }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': date(lmSecond) }, { etag: ETAG }), 'proceed');
  // the three HTTP-date formats RFC 9110 §5.6.7 requires recipients to accept
  const v94 = { lastModifiedMs: Date.UTC(1994, 10, 6, 8, 49, 37) };
  for (const d of ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994']) {
    assert.equal(evaluatePreconditions('GET', { 'if-modified-since': d }, v94), 304, d);
  }
  assert.equal(evaluatePreconditions('PUT', { 'if-unmodified-since': date(lmSecond) }, V), 'proceed');
  assert.equal(evaluatePreconditions('PUT', { 'if-unmodified-since': date(lmSecond - 1000) }, V), 412);
  assert.equal(evaluatePreconditions('PUT', { 'if-unmodified-since': 'not a date' }, V), 'proceed');
});

test('§13.2.2 precedence: If-Match over If-Unmodified-Since, If-None-Match over If-Modified-Since', () => {
  const old = date(Math.floor(LM / 1000) * 1000 - 3600_000);
  const same = date(Math.floor(LM / 1000) * 1000);
  // If-Match true → If-Unmodified-Since (which would fail) is not evaluated
  assert.equal(evaluatePreconditions('PUT', { 'if-match': ETAG, 'if-unmodified-since': old }, V), 'proceed');
  // If-Match false wins over a 304-worthy If-None-Match
  assert.equal(evaluatePreconditions('GET', { 'if-match': '"x"', 'if-none-match': ETAG }, V), 412);
  // If-None-Match present (no match) → If-Modified-Since (which would say 304) is ignored
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': '"x"', 'if-modified-since': same }, V), 'proceed');
  // If-None-Match match → 304 even with an old If-Modified-Since
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': ETAG, 'if-modified-since': old }, V), 304);
  // If-Unmodified-Since failing → 412 before If-None-Match
  assert.equal(evaluatePreconditions('GET', { 'if-unmodified-since': old, 'if-none-match': ETAG }, V), 412);
  assert.equal(evaluatePreconditions('GET', {}, V), 'proceed');
});

test('If-Range: strong entity-tag or exact strong date; otherwise the full representation', () => {
  const lmDate = date(Math.floor(LM / 1000) * 1000);
  const now = LM + 10_000;
  assert.equal(rangeApplies({}, V, now), true);
  assert.equal(rangeApplies({ 'if-range': ETAG }, V, now), true);
  assert.equal(rangeApplies({ 'if-range': ` ${ETAG} ` }, V, now), true);
  assert.equal(rangeApplies({ 'if-range': `W/${ETAG}` }, V, now), false);
  assert.equal(rangeApplies({ 'if-range': ETAG }, { etag: `W/${ETAG}`, lastModifiedMs: LM }, now), false);
  assert.equal(rangeApplies({ 'if-range': '"other"' }, V, now), false);
  assert.equal(rangeApplies({ 'if-range': lmDate }, V, now), true);
  assert.equal(rangeApplies({ 'if-range': date(Math.floor(LM / 1000) * 1000 + 1000) }, V, now), false); // later is not equal
  assert.equal(rangeApplies({ 'if-range': date(Math.floor(LM / 1000) * 1000 - 1000) }, V, now), false);
  assert.equal(rangeApplies({ 'if-range': lmDate }, V, LM), false); // modified within the Date second: weak
  assert.equal(rangeApplies({ 'if-range': lmDate }, { etag: ETAG }, now), false);
  assert.equal(rangeApplies({ 'if-range': 'garbage' }, V, now), false);
  assert.equal(rangeApplies({ 'if-range': '' }, V, now), false);
  assert.equal(rangeApplies({ 'if-range': [ETAG, ETAG] }, V, now), false);
});

test('hostile values stay fast and safe', () => {
  const long = `${'"a",'.repeat(50_000)}${ETAG}`;
  const t0 = performance.now();
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': long }, V), 304);
  assert.equal(evaluatePreconditions('GET', { 'if-none-match': '"'.repeat(100_000) }, V), 'proceed');
  assert.equal(evaluatePreconditions('GET', { 'if-modified-since': 'x'.repeat(100_000) }, V), 'proceed');
  assert.equal(rangeApplies({ 'if-range': 'W/"' + 'a'.repeat(100_000) }, V), false);
  assert.ok(performance.now() - t0 < 1000);
});
