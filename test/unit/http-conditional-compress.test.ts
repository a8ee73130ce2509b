// gzip decisions (src/protocols/http/server/conditional/compress.ts): Accept-Encoding with
// q-values (RFC 9110 §12.5.3 examples), compressible types, size floor, the never-compress
// cases (206, already coded, no-transform) and when Vary: Accept-Encoding is required.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_GZIP_SIZE, acceptsGzip, decideCompression, isCompressibleType, parseAcceptEncoding } from '../../src/protocols/http/server/conditional/compress.js';

test('Accept-Encoding parsing: RFC 9110 §12.5.3 examples', () => {
  assert.deepEqual([...parseAcceptEncoding('compress, gzip')], [['compress', 1], ['gzip', 1]]);
  assert.deepEqual([...parseAcceptEncoding('')], []);
  assert.deepEqual([...parseAcceptEncoding('*')], [['*', 1]]);
  assert.deepEqual([...parseAcceptEncoding('compress;q=0.5, gzip;q=1.0')], [['compress', 0.5], ['gzip', 1]]);
  assert.deepEqual([...parseAcceptEncoding('gzip;q=1.0, identity; q=0.5, *;q=0')], [['gzip', 1], ['identity', 0.5], ['*', 0]]);
  assert.deepEqual([...parseAcceptEncoding('GZIP ; Q=0.001')], [['gzip', 0.001]]);
  // malformed q-values drop the member; other parameters are ignored
  assert.deepEqual([...parseAcceptEncoding('gzip;q=2, br;q=0.0001, deflate;q=abc, zstd;level=3')], [['zstd', 1]]);
});

test('acceptsGzip: q=0 refuses, * counts when gzip is not named, absent header means no', () => {
  assert.equal(acceptsGzip('gzip, deflate, br'), true);
  assert.equal(acceptsGzip('x-gzip'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('gzip;q=0.000, *'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('*;q=0'), false);
  assert.equal(acceptsGzip('br, *;q=0.1'), true);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip('br'), false);
  assert.equal(acceptsGzip(''), false);
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(acceptsGzip(',,, gzip ,'), true);
  assert.equal(acceptsGzip('gzip;q=0, gzip'), false); // the first member for a coding wins
});

test('compressible types', () => {
  for (const t of ['text/html', 'text/plain; charset=utf-8', 'TEXT/CSS', 'text/javascript', 'application/json', 'application/ld+json', 'application/manifest+json', 'application/xml', 'image/svg+xml', 'application/xhtml+xml', 'application/atom+xml', 'application/javascript', 'application/wasm', 'font/ttf', 'image/x-icon', 'application/x-ndjson']) {
    assert.equal(isCompressibleType(t), true, t);
  }
  for (const t of [undefined, '', 'image/png', 'image/jpeg', 'video/mp4', 'audio/mpeg', 'application/zip', 'application/gzip', 'application/octet-stream', 'font/woff2', 'font/woff', 'application/pdf', 'application/json-seq+', 'json']) {
    assert.equal(isCompressibleType(t), false, String(t));
  }
});

test('decideCompression: size floor, 206, already coded, no-transform; Vary when eligible', () => {
  const base = { acceptEncoding: 'gzip', contentType: 'text/html', size: 4096 };
  assert.deepEqual(decideCompression(base), { gzip: true, vary: true });
  assert.deepEqual(decideCompression({ ...base, acceptEncoding: undefined }), { gzip: false, vary: true });
  assert.deepEqual(decideCompression({ ...base, acceptEncoding: 'gzip;q=0' }), { gzip: false, vary: true });
  assert.deepEqual(decideCompression({ ...base, partial: true }), { gzip: false, vary: true });
  assert.deepEqual(decideCompression({ ...base, size: MIN_GZIP_SIZE - 1 }), { gzip: false, vary: false });
  assert.deepEqual(decideCompression({ ...base, size: MIN_GZIP_SIZE }), { gzip: true, vary: true });
  assert.deepEqual(decideCompression({ ...base, size: 100, minSize: 10 }), { gzip: true, vary: true });
  assert.deepEqual(decideCompression({ ...base, contentType: 'image/png' }), { gzip: false, vary: false });
  assert.deepEqual(decideCompression({ ...base, contentType: 'application/x-tar', contentEncoding: 'gzip' }), { gzip: false, vary: false });
  assert.deepEqual(decideCompression({ ...base, contentEncoding: 'br' }), { gzip: false, vary: false });
  assert.deepEqual(decideCompression({ ...base, contentEncoding: 'identity' }), { gzip: true, vary: true });
  assert.deepEqual(decideCompression({ ...base, cacheControl: 'public, no-transform' }), { gzip: false, vary: false });
  assert.deepEqual(decideCompression({ ...base, cacheControl: 'max-age=60' }), { gzip: true, vary: true });
});

test('hostile Accept-Encoding stays fast', () => {
  const t0 = performance.now();
  assert.equal(acceptsGzip('a;'.repeat(50_000) + ', gzip'), true);
  assert.equal(acceptsGzip(';q=1,'.repeat(50_000)), false);
  assert.ok(performance.now() - t0 < 1000);
});
