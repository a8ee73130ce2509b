// Golden tests of the strings serve http prints in Python's words (http.server.test()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYBOARD_INTERRUPT, SIMPLE_SERVER_VERSION, servingBanner } from '../../src/protocols/http/server/templates.js';

test("the banner as http.server prints it, IPv6 bracketed in the URL only", () => {
  assert.equal(servingBanner('127.0.0.1', 8000), 'Serving HTTP on 127.0.0.1 port 8000 (http://127.0.0.1:8000/) ...');
  assert.equal(servingBanner('0.0.0.0', 8000), 'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...');
  assert.equal(servingBanner('::1', 8132), 'Serving HTTP on ::1 port 8132 (http://[::1]:8132/) ...');
  assert.equal(servingBanner('::', 8000), 'Serving HTTP on :: port 8000 (http://[::]:8000/) ...');
  assert.equal(servingBanner('127.0.0.1', 4443, 'https'), 'Serving HTTPS on 127.0.0.1 port 4443 (https://127.0.0.1:4443/) ...');
});

test('the Ctrl-C message and the server version', () => {
  assert.equal(KEYBOARD_INTERRUPT, '\nKeyboard interrupt received, exiting.');
  assert.equal(SIMPLE_SERVER_VERSION, 'SimpleHTTP/0.6');
});
