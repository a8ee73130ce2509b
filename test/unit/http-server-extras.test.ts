// Pure pieces of the serve http extras: --auth-file lines, the JSON-listing Accept rule,
// and the URL --open uses for wildcard binds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthLines } from '../../src/protocols/http/server/basic-auth.js';
import { wantsJson } from '../../src/protocols/http/server/json-listing.js';
import { openableURL } from '../../src/commands/serve/open.js';

test('parseAuthLines: user:password lines, comments and blanks skipped, colons kept in the password', () => {
  assert.deepEqual(parseAuthLines('# c\nann:pw\r\n\n  bob:a:b  \n'), ['ann:pw', 'bob:a:b']);
  assert.throws(() => parseAuthLines('nocolon\n'), RangeError);
  assert.throws(() => parseAuthLines(':pw\n'), RangeError);
});

test('wantsJson: application/json without text/html', () => {
  assert.equal(wantsJson('application/json'), true);
  assert.equal(wantsJson('application/json; q=0.9, */*;q=0.1'), true);
  assert.equal(wantsJson('text/html,application/xhtml+xml,application/json'), false);
  assert.equal(wantsJson('*/*'), false);
  assert.equal(wantsJson('application/jsonx'), false);
  assert.equal(wantsJson(undefined), false);
});

test('openableURL: wildcard binds open loopback, IPv6 bracketed', () => {
  assert.equal(openableURL('http', '0.0.0.0', 8000), 'http://127.0.0.1:8000/');
  assert.equal(openableURL('https', '::', 8443), 'https://[::1]:8443/');
  assert.equal(openableURL('http', '192.0.2.1', 80), 'http://192.0.2.1:80/');
});
