// lookupStatus: the ways a user names a status, beyond HTTPStatus(int).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupStatus } from '../../src/protocols/http/status.js';

test('names and phrases are padded as Python strip() pads, not as JavaScript trim()', () => {
  assert.equal(lookupStatus('\x1cNOT_FOUND').value, 404);
  assert.equal(lookupStatus('\x85ok\u3000').value, 200);
  assert.throws(() => lookupStatus('\ufeffOK'), { name: 'ValueError', message: "'\\ufeffOK' is not a valid HTTPStatus" });
});

test('status lines: HTTP/1.0, 1.1, 2 and 3; a bad code inside is still ValueError', () => {
  assert.equal(lookupStatus('HTTP/1.0 200 OK').value, 200);
  assert.equal(lookupStatus('HTTP/2 301').value, 301);
  assert.throws(() => lookupStatus('HTTP/1.1 299 Whatever'), { name: 'ValueError', message: '299 is not a valid HTTPStatus' });
});
