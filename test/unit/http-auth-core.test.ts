// urllib auth pieces against CPython 3.11.7: tables produced by running python3 on the same
// inputs (AbstractBasicAuthHandler._parse_realm, get_authorization with a fixed cnonce,
// HTTPPasswordMgr* reduce_uri / is_suburi / find_user_password / is_authenticated).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseRealm, parseHttpList, parseKeqvList, DigestAuth, reduceUri, isSuburi, HTTPPasswordMgr,
  HTTPPasswordMgrWithDefaultRealm, HTTPPasswordMgrWithPriorAuth, basicAuthorization, requestSelector, type ReducedURI,
} from '../../src/protocols/http/urllib/auth.js';

const PARSE_REALM: Array<[string, Array<[string, string | null]>]> = [["Basic realm=\"a\"", [["Basic", "a"]]], ["basic realm='x y'", [["basic", "x y"]]], ["Basic realm=abc", [["Basic", "abc"]]], ["Digest realm=\"d\", Basic realm=\"b\"", [["Digest", "d"], ["Basic", "b"]]], [",Basic realm=\"q\",, Basic  realm=\"w\"", [["Basic", "q"], ["Basic", "w"]]], ["Basic realm=\"a,b\", Other realm=x", [["Basic", "a,b"], ["Other", "x"]]], ["Basic realm=\"mismatch'", [["Basic", ""]]], ["Negotiate", [["Negotiate", null]]], ["", [["", null]]], ["  Bearer  ", [["Bearer", null]]], ["Basic REALM=\"up\"", [["Basic", "up"]]], ["Basic realm=", [["Basic", ""]]], [",,, x realm=\"1\"", [["x", "1"]]], ["a\trealm=\"t\"", [["a", "t"]]], ["Basic realm=\"x\" , Basic realm=\"y\"", [["Basic", "x"], ["Basic", "y"]]], ["NTLM, Basic realm=\"z\"", [["Basic", "z"]]], ["Basic realm=\"a\"b, Foo realm=c", [["Basic", "a"], ["Foo", "c"]]]];
const DIGEST: Array<[Record<string, string>, string, string, string]> = [[{"realm": "r1", "nonce": "n1", "qop": "auth", "opaque": "op"}, "GET", "http://h.example/dir/index.html?x=1", "username=\"alice\", realm=\"r1\", nonce=\"n1\", uri=\"/dir/index.html?x=1\", response=\"380d10ce90b70b71e8774df0b2b5e298\", opaque=\"op\", algorithm=\"MD5\", qop=auth, nc=00000001, cnonce=\"0a4f113b0a4f113b\""], [{"realm": "r1", "nonce": "n1", "qop": "auth"}, "GET", "http://h.example/dir/index.html", "username=\"alice\", realm=\"r1\", nonce=\"n1\", uri=\"/dir/index.html\", response=\"36345375dc54a6711b17feb7241bc467\", algorithm=\"MD5\", qop=auth, nc=00000002, cnonce=\"0a4f113b0a4f113b\""], [{"realm": "r1", "nonce": "n2", "qop": "auth,auth-int", "algorithm": "SHA"}, "POST", "http://h.example/p", "username=\"alice\", realm=\"r1\", nonce=\"n2\", uri=\"/p\", response=\"2cb8e8db0926890e8b4dc2ece7e08b570a906402\", algorithm=\"SHA\", qop=auth, nc=00000001, cnonce=\"0a4f113b0a4f113b\""], [{"realm": "r1", "nonce": "n3"}, "GET", "http://h.example/", "username=\"alice\", realm=\"r1\", nonce=\"n3\", uri=\"/\", response=\"7095ed44a5edaf0508394fa0f1c9a8bd\", algorithm=\"MD5\""]];
const PM = {"reduce": [["http://example.com", ["example.com:80", "/"], ["example.com", "/"]], ["http://example.com/", ["example.com:80", "/"], ["example.com", "/"]], ["https://example.com:8443/a/b?q", ["example.com:8443", "/a/b"], ["example.com:8443", "/a/b"]], ["example.com", ["example.com", "/"], ["example.com", "/"]], ["example.com:80", ["example.com:80", "/"], ["example.com:80", "/"]], ["ftp://f.example/x", ["f.example", "/x"], ["f.example", "/x"]], ["http://[::1]/p", ["[::1]:80", "/p"], ["[::1]", "/p"]], ["http://u@h/x", ["u@h:80", "/x"], ["u@h", "/x"]]], "suburi": [[["h:80", "/a"], ["h:80", "/a/b"], true], [["h:80", "/a"], ["h:80", "/ab"], false], [["h:80", "/a/"], ["h:80", "/a/"], true], [["h:80", "/"], ["h:81", "/"], false], [["h:80", "/a/"], ["h:80", "/a"], false]], "find": [["realm", "http://example.com/docs/x", ["u1", "p1"]], ["realm", "http://example.com:80/docs/", ["u1", "p1"]], ["realm", "http://example.com/doc", [null, null]], [null, "http://example.com:8080/any", ["u2", "p2"]], ["realm", "example.com", [null, null]], ["other", "https://b.example:443/x/y", ["u3", "p3"]], ["other", "http://a.example:80", ["u3", "p3"]], ["other", "https://b.example/", [null, null]], ["nope", "http://example.com/docs/", [null, null]]], "dfind": [["any", ["du", "dp"]], [null, ["du", "dp"]]], "prior": [["http://example.com/api/v1", true], ["http://example.com/other", null], ["http://x.example/", null], ["find-None", ["pu", "pp"]], ["after-update", false]]} as {
  reduce: Array<[string, ReducedURI, ReducedURI]>;
  suburi: Array<[ReducedURI, ReducedURI, boolean]>;
  find: Array<[string | null, string, [string | null, string | null]]>;
  dfind: Array<[string | null, [string, string]]>;
  prior: Array<[string, unknown]>;
};

test('parseRealm matches _parse_realm', () => {
  for (const [header, want] of PARSE_REALM) assert.deepEqual(parseRealm(header), want, header);
});

test('hostile challenge headers (100 KB) parse in linear time', () => {
  const n = 100 * 1024;
  const hostile = [
    ' '.repeat(n),
    ','.repeat(n),
    '\t'.repeat(n) + ',',
    'a'.repeat(n),
    ', '.repeat(n / 2),
    'Basic ' + ' '.repeat(n) + 'x',
    ',a realm="'.repeat(n / 10),
    ",a realm='".repeat(n / 10),
    ',a realm="x\''.repeat(n / 12),
    'Basic realm=' + ','.repeat(n),
    ('x' + ' '.repeat(10) + ',').repeat(n / 12),
    'Digest ' + '"a,'.repeat(n / 3),
  ];
  for (const h of hostile) {
    const t0 = performance.now();
    parseRealm(h);
    parseHttpList(h);
    const ms = performance.now() - t0;
    assert.ok(ms < 500, `${JSON.stringify(h.slice(0, 20))}... took ${ms} ms`);
  }
});

test('parse_http_list and parse_keqv_list', () => {
  assert.deepEqual(parseHttpList('a, b="c, d", e="f\\"g", h'), ['a', 'b="c, d"', 'e="f"g"', 'h']);
  assert.deepEqual({ ...parseKeqvList(['realm="r"', 'nonce=abc', 'x="y']) }, { realm: 'r', nonce: 'abc', x: '"y' });
});

test('digest get_authorization matches Python with a fixed cnonce (MD5, SHA, qop, nc, opaque)', () => {
  const mgr = new HTTPPasswordMgrWithDefaultRealm();
  mgr.addPassword(null, 'http://h.example/', 'alice', 's3cret');
  const d = new DigestAuth(() => '0a4f113b0a4f113b');
  for (const [chal, method, url, want] of DIGEST) {
    assert.equal(d.authorization(chal, method, requestSelector(url), (realm) => mgr.findUserPassword(realm, url)), want);
  }
  assert.throws(() => d.authorization({ realm: 'r', nonce: 'n', algorithm: 'MD5-sess' }, 'GET', '/', () => ['a', 'b']), /Unsupported digest authentication algorithm 'MD5-sess'/);
  assert.throws(() => d.authorization({ realm: 'r', nonce: 'n', qop: 'auth-int' }, 'GET', '/', () => ['a', 'b']), /qop 'auth-int' is not supported/);
  assert.equal(d.authorization({ nonce: 'n' }, 'GET', '/', () => ['a', 'b']), undefined);
});

test('password managers match Python', () => {
  const m = new HTTPPasswordMgr();
  for (const [u, withPort, without] of PM.reduce) {
    assert.deepEqual(reduceUri(u, true), withPort, u);
    assert.deepEqual(reduceUri(u, false), without, u);
  }
  for (const [b, t, want] of PM.suburi) assert.equal(isSuburi(b, t), want);
  m.addPassword('realm', 'http://example.com/docs/', 'u1', 'p1');
  m.addPassword(null, 'example.com:8080', 'u2', 'p2');
  m.addPassword('other', ['http://a.example/', 'https://b.example/x'], 'u3', 'p3');
  for (const [realm, uri, want] of PM.find) assert.deepEqual(m.findUserPassword(realm, uri), want, `${realm} ${uri}`);
  const d = new HTTPPasswordMgrWithDefaultRealm();
  d.addPassword(null, 'http://example.com/', 'du', 'dp');
  for (const [realm, want] of PM.dfind) assert.deepEqual(d.findUserPassword(realm, 'http://example.com/q'), want);
  const p = new HTTPPasswordMgrWithPriorAuth();
  p.addPassword('R', 'http://example.com/api/', 'pu', 'pp', true);
  const [a, b, c, f] = PM.prior;
  for (const [u, want] of [a!, b!, c!]) assert.equal(p.isAuthenticated(u) ?? null, want, u);
  assert.deepEqual(p.findUserPassword(null, 'http://example.com/api/v1'), f![1]);
  p.updateAuthenticated('http://example.com/api/', false);
  assert.equal(p.isAuthenticated('http://example.com/api/v1'), PM.prior[4]![1]);
});

test('basicAuthorization and requestSelector', () => {
  assert.equal(basicAuthorization('Aladdin', 'open sesame'), 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  assert.equal(requestSelector('http://h:1/p/q?x=1#frag'), '/p/q?x=1');
  assert.equal(requestSelector('http://h'), '');
  assert.equal(requestSelector('http://h/p?#f', true), 'http://h/p?');
});
