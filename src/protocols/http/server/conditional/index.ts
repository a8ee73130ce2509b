// RFC 9110 conditional requests, byte ranges and on-the-fly compression decisions for the
// static-file engine: pure functions re-exported from ranges.ts, etag.ts and compress.ts.
export * from './ranges.js';
export * from './etag.js';
export * from './compress.js';
