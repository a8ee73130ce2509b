// The cookie engine on the cases of CPython's test_http_cookies and its corners:
// quoting, parsing, Morsel output and its CookieErrors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieError, Morsel, SimpleCookie, getDate, loadCookie, makeCookie, quote, unquote } from '../../src/protocols/cookies/index.js';

test('_quote and _unquote: octal escapes below 256, \\" and \\\\, code points above 255 kept', () => {
  assert.equal(quote('abc'), 'abc');
  assert.equal(quote(''), '""');
  assert.equal(quote('a b"\\é€\n'), '"a b\\"\\\\\\351€\\012"');
  assert.equal(unquote('"\\012\\"x\\\\"'), '\n"x\\');
  assert.equal(unquote('"\\400"'), '400');
  assert.equal(unquote('"'), '"');
  assert.equal(unquote('"x\\\ny"'), 'x\\\ny');
  assert.equal(unquote('plain'), 'plain');
});

test('_getdate: floored, weekday first, four-wide year', () => {
  assert.equal(getDate(0, 0), 'Thu, 01 Jan 1970 00:00:00 GMT');
  assert.equal(getDate(-1, 0.5), 'Wed, 31 Dec 1969 23:59:59 GMT');
  assert.equal(getDate(-62135596800, 0), 'Mon, 01 Jan    1 00:00:00 GMT');
});

test('parsing: test_http_cookies cases', () => {
  const c = loadCookie('keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"');
  assert.equal(c.morsels[0]!.value, 'E=mc2; L="Loves"; fudge=\n;');
  assert.equal(c.cookie.output(), 'Set-Cookie: keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"');
  const w = loadCookie('Customer="WILE_E_COYOTE"; Version=1; Path=/acme');
  assert.equal(w.cookie.output(['path']), 'Set-Cookie: Customer="WILE_E_COYOTE"; Path=/acme');
  assert.equal(w.morsels[0]!.getAttribute('version'), '1');
  const e = loadCookie('eggs  =  scrambled  ;  secure  ;  path  =  bar   ; foo=foo   ');
  assert.equal(e.cookie.output(), 'Set-Cookie: eggs=scrambled; Path=bar; Secure\r\nSet-Cookie: foo=foo');
});

test('parsing: a rejected string keeps nothing, a non-matching rest is dropped, bad keys raise', () => {
  assert.equal(loadCookie('a=b; c; d=e').morsels.length, 0);
  assert.equal(loadCookie('Path=/; a=b').scan.stop, 'attribute-before-cookie');
  const dropped = loadCookie('a=b; "c=d');
  assert.deepEqual([dropped.morsels.length, dropped.scan.stop, dropped.scan.stopAt], [1, 'no-match', 4]);
  assert.throws(() => loadCookie('a,b=c'), { name: 'CookieError', message: "Illegal key 'a,b'" });
  assert.throws(() => loadCookie('a=b; $Foo=1'), (err: unknown) => err instanceof CookieError && err.python === 'http.cookies.CookieError' && err.message === "Invalid attribute 'foo'");
  assert.equal(new SimpleCookie('a=b; $Path').output(), 'Set-Cookie: a=b; Path=None');
  assert.equal(new SimpleCookie('a=b\n').output(), 'Set-Cookie: a=b');
});

test('Morsel: reserved and illegal keys, invalid attributes, output forms', () => {
  const m = new Morsel();
  assert.throws(() => m.set('Expires', 'v', 'v'), { message: "Attempt to set a reserved key 'Expires'" });
  assert.throws(() => m.set('a b', 'v', 'v'), { message: "Illegal key 'a b'" });
  assert.throws(() => m.setAttribute('Foo', 'x'), { message: "Invalid attribute 'foo'" });
  assert.equal(m.OutputString(), 'None=None');
  const k = makeCookie('k', 'v w', { expires: 3600, 'Max-Age': 5, secure: true, httponly: false, comment: 'a;b', samesite: 'Lax' }, 0);
  assert.equal(k.output(), 'Set-Cookie: k="v w"; Comment="a\\073b"; expires=Thu, 01 Jan 1970 01:00:00 GMT; Max-Age=5; SameSite=Lax; Secure');
  assert.equal(k.output(['secure'], 'Cookie:'), 'Cookie: k="v w"; Secure');
  assert.equal(k.js_output(['path']), '\n        <script type="text/javascript">\n        <!-- begin hiding\n        document.cookie = "k=\\"v w\\"";\n        // end hiding -->\n        </script>\n        ');
  assert.equal(makeCookie('k', 'v', { expires: 'tomorrow', 'max-age': true, path: null }).output(), 'Set-Cookie: k=v; expires=tomorrow; Max-Age=1; Path=None');
});
