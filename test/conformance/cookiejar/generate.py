#!/usr/bin/env python3
"""Writes the cookiejar conformance fixtures with CPython 3.11's http.cookiejar (the oracle).

Usage: python3 test/conformance/cookiejar/generate.py [OUT_DIR]   (default: ./fixtures here)

cookiejar-files.json: seeded random jars (Cookie records), each saved by MozillaCookieJar
and LWPCookieJar (all cookies, and with save()'s defaults), and each saved file loaded back
under the four ignore_discard/ignore_expires combinations: the cookies in jar order, or
the LoadError.
cookiejar-load.json: hand-written and mutated files (bad headers, wrong field counts,
HttpOnly lines, odd dates, CRLF) with what load(ignore_discard=True, ignore_expires=True)
gives.
cookiejar-policy.json: for seeded random jars and URLs, DefaultCookiePolicy's decision for
every cookie (the first refusing check and its debug message) and the cookies
add_cookie_header would send, in order. time.time() is pinned.
cookiejar-accept.json: request/response cycles as test_http_cookiejar's interact_netscape
runs them (add_cookie_header, then extract_cookies) from an empty or Mozilla-file jar:
the Cookie header sent, each cookie make_cookies made with set_ok's decision (the first
refusing check and its debug message), the jar after, then the Cookie header for a few
follow-up URLs and the jar after those. Scenarios come from CPython's own
Lib/test/test_http_cookiejar.py (its literal interact_netscape/interact_2965 calls and
Set-Cookie lines), hand-written edge cases, and seeded random and hostile headers.
time.time() is pinned per scenario.
cookiejar-ns-headers.json: http2time() of CPython's test dates and random ones (at three
pinned times, for two-digit years), and parse_ns_headers() of every Set-Cookie value above.
"""
import http.cookiejar as cj
import json
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import warnings

if sys.version_info[:2] != (3, 11):
    sys.exit('generate.py needs CPython 3.11 (the oracle), not %d.%d' % sys.version_info[:2])

SEED = 2965
NOW = 1700000000
time.time = lambda: NOW
warnings.simplefilter('ignore')

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'fixtures')
rng = random.Random(SEED)
TMP = tempfile.mkdtemp()
FIELDS = ('version', 'name', 'value', 'port', 'port_specified', 'domain', 'domain_specified',
          'domain_initial_dot', 'path', 'path_specified', 'secure', 'expires', 'discard',
          'comment', 'comment_url')


def record(c):
    r = {f: getattr(c, f) for f in FIELDS}
    r['rest'] = dict(c._rest)
    r['rfc2109'] = c.rfc2109
    return r


def make_cookie(r):
    return cj.Cookie(r['version'], r['name'], r['value'], r['port'], r['port_specified'],
                     r['domain'], r['domain_specified'], r['domain_initial_dot'], r['path'],
                     r['path_specified'], r['secure'], r['expires'], r['discard'],
                     r['comment'], r['comment_url'], r['rest'], r['rfc2109'])


def load(cls, text, name, ignore_discard=True, ignore_expires=True):
    path = os.path.join(TMP, name)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(text)
    jar = cls()
    try:
        jar.load(path, ignore_discard=ignore_discard, ignore_expires=ignore_expires)
    except cj.LoadError as e:
        return {'error': {'type': 'LoadError', 'message': str(e).replace(repr(path), repr(name))}}
    return {'cookies': [record(c) for c in jar]}


def save(cls, cookies, ignore_discard, ignore_expires):
    jar = cls()
    for r in cookies:
        jar.set_cookie(make_cookie(r))
    path = os.path.join(TMP, 'saved')
    jar.save(path, ignore_discard=ignore_discard, ignore_expires=ignore_expires)
    with open(path, encoding='utf-8', newline='') as f:
        return f.read()


TEXT = 'abcXYZ019_-. ;,="\\\'%/\u00e9\u4e2d\U0001f600'


def rand_text(n_max, alphabet=TEXT, n_min=1):
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(n_min, n_max)))


DOMAINS = ['example.com', '.example.com', 'www.example.com', '.www.example.com', 'localhost',
           'localhost.local', '.local', '10.0.0.1', 'Example.COM', 'a.b.example.org', '.org',
           'sub.example.com', '.sub.example.com', '']
PATHS = ['/', '/a', '/a/', '/a/b', '/a%20b', '/A%7e', '/b/c/', '/~x', '']
EXPIRES = [None, None, NOW - 1000, NOW + 1000, NOW, NOW + 1, 0, 4102444800, 2 ** 31, 1, 86400 * 365 * 30]
PORTS = [None, None, None, '80', '80,8080', '8080', '443', '']


def rand_cookie(safe):
    """A random Cookie record; safe: only what the Netscape format can carry (no tab, newline)."""
    alphabet = TEXT if safe else TEXT + '\t\n\r'
    port = rng.choice(PORTS)
    domain = rng.choice(DOMAINS)
    expires = rng.choice(EXPIRES)
    rest = {}
    for k, v in (('HTTPOnly', ''), ('HttpOnly', None), ('SameSite', 'Lax'), ('x-y', 'a b'), ('Z', '')):
        if rng.random() < 0.15:
            rest[k] = v
    return {
        'version': rng.choice([0, 0, 0, 1]),
        'name': rand_text(6, alphabet),
        'value': None if rng.random() < 0.1 else rand_text(8, alphabet, 0),
        'port': port,
        'port_specified': port is not None and rng.random() < 0.5,
        'domain': domain,
        'domain_specified': domain.startswith('.'),
        'domain_initial_dot': domain.startswith('.') if rng.random() < 0.8 else not domain.startswith('.'),
        'path': rng.choice(PATHS) if rng.random() < 0.7 else '/',
        'path_specified': rng.random() < 0.5,
        'secure': rng.random() < 0.3,
        'expires': expires,
        'discard': expires is None or rng.random() < 0.1,
        'comment': None if rng.random() < 0.8 else rand_text(10, alphabet),
        'comment_url': None if rng.random() < 0.85 else 'http://example.com/' + rand_text(5, alphabet),
        'rest': rest,
        'rfc2109': False,
    }


def canon(r):
    return record(make_cookie(r))


def files_cases():
    cases = []
    for i in range(100):
        safe = i % 4 != 3
        tag = 'safe' if safe else 'control-characters'
        cookies = [canon(rand_cookie(safe)) for _ in range(rng.randint(0, 6))]
        case = {'tag': tag, 'cookies': cookies}
        for fmt, cls in (('mozilla', cj.MozillaCookieJar), ('lwp', cj.LWPCookieJar)):
            text = save(cls, cookies, True, True)
            case[fmt] = text
            case[fmt + '_default'] = save(cls, cookies, False, False)
            case[fmt + '_loads'] = [load(cls, text, 'jar.txt', d, e) for d in (False, True) for e in (False, True)]
        cases.append(case)
    return cases


NS = '# Netscape HTTP Cookie File\n'
LWP = '#LWP-Cookies-2.0\n'
LOAD_TEXTS = [
    ('mozilla', ''), ('mozilla', 'garbage\n'), ('mozilla', '# HTTP Cookie File\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t\tn\tv\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t0\tn\tv'),
    ('mozilla', NS + '#HttpOnly_.example.com\tTRUE\t/\tTRUE\t2000000000\tsid\tabc\n'),
    ('mozilla', NS + '.example.com\tFALSE\t/\tFALSE\t2000000000\tsid\tabc\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t2000000000\tsid\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t2000000000\tsid\tabc\textra\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\tsoon\tsid\tabc\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t1.7e9\tsid\tabc\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t 12_34 \tsid\tabc\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\tinf\tsid\tabc\n'),
    ('mozilla', NS + 'example.com\tFALSE\t/\tFALSE\t-5\tsid\tabc\n'),
    ('mozilla', NS + '\n  \n# comment\n$ dollar\n  #x\tFALSE\n'),
    ('mozilla', NS + 'EXAMPLE.com\tFALSE\t/\tyes\t2000000000\t\tflag\r\n'),
    ('mozilla', NS + 'a.com\tFALSE\t/\tFALSE\t2000000000\ta\t1\r\nb.com\tFALSE\t/\tFALSE\t2000000000\tb\t2\rc.com\tFALSE\t/\tFALSE\t2000000000\tc\t3\n'),
    ('mozilla', NS + 'a.com\tFALSE\t/\tFALSE\t2000000000\ta\t1\na.com\tFALSE\t/\tFALSE\t2000000001\ta\t2\n'),
    ('lwp', ''), ('lwp', 'Set-Cookie3: a=b; domain=x\n'), ('lwp', '#LWP-Cookies-1.x\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; path="/"; domain=example.com; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; path="/"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; path="/"; domain=example.com; version=x\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; path="/"; domain=example.com\n'),
    ('lwp', LWP + 'Set-Cookie3: a="q\\"x"; path="/"; domain=.example.com; expires="2030-01-01 00:00:00Z"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="2030-01-01T10:20:30+01:00"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="20300101T102030Z"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="2030-01-01 10:20:30.5Z"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="2030-13-01"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="1960-01-01"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires=garbage; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; expires="2030-01-01 10:20:30 EST"; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; port_spec; version=0\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; port="80,81"; port_spec; Secure=no; DISCARD; Foo; Bar=1; version=1\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; version=0, c=d; domain=f.com; version=1\n'),
    ('lwp', LWP + 'not a cookie\n  Set-Cookie3: x=y; domain=e.com; version=0\nSet-Cookie3:   lone ; domain=e.com; version=0  \r\n'),
    ('lwp', LWP + 'Set-Cookie3: a=b; domain=e.com; comment="\u00e9 \\\\ x"; commenturl=http://x/; version=0\n'),
]


def load_cases():
    cases = []
    for fmt, text in LOAD_TEXTS:
        cls = cj.MozillaCookieJar if fmt == 'mozilla' else cj.LWPCookieJar
        cases.append({'tag': fmt, 'format': fmt, 'text': text, 'ignore_discard': True, 'ignore_expires': True, **load(cls, text, 'cookies.txt')})
        cases.append({'tag': fmt + '-defaults', 'format': fmt, 'text': text, 'ignore_discard': False, 'ignore_expires': False, **load(cls, text, 'cookies.txt', False, False)})
    return cases


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, rec):
        self.messages.append(rec.getMessage().strip())


CAPTURE = Capture()
LOGGER = logging.getLogger('http.cookiejar')
LOGGER.addHandler(CAPTURE)
LOGGER.setLevel(logging.DEBUG)
LOGGER.propagate = False
cj.debug = True
cj.logger = LOGGER

SCHEMES = ['http', 'https', 'http', 'https', 'ws', 'wss', 'ftp', 'HTTPS']
HOSTS = ['example.com', 'www.example.com', 'sub.example.com', 'a.sub.example.com', 'localhost', 'LOCALHOST',
         '10.0.0.1', 'example.org', 'a.b.example.org', 'example.com:8080', 'www.example.com:80',
         'example.com:443', 'localhost:8080', 'evilexample.com', 'x.local', 'example.com:08080']
URL_PATHS = ['', '/', '/a', '/a/', '/a/b', '/ab', '/a%20b', '/a b', '/A%7e', '/A%7E', '/~x', '/b/c/d',
             '/a?x=1', '/a#frag', '/\u00e9', '/b/c']


def refusal(policy, cookie, domain, path, req):
    CAPTURE.messages.clear()
    if not policy.domain_return_ok(domain, req):
        return {'code': 'domain-mismatch', 'message': None}
    CAPTURE.messages.clear()
    if not policy.path_return_ok(path, req):
        return {'code': 'path-mismatch', 'message': CAPTURE.messages[-1]}
    for n in 'version', 'verifiability', 'secure', 'expires', 'port', 'domain':
        CAPTURE.messages.clear()
        if not getattr(policy, 'return_ok_' + n)(cookie, req):
            return {'code': n, 'message': CAPTURE.messages[-1]}
    return None


def policy_cases():
    cases = []
    for i in range(120):
        cookies = [canon(rand_cookie(True)) for _ in range(rng.randint(1, 8))]
        jar = cj.LWPCookieJar()
        for r in cookies:
            jar.set_cookie(make_cookie(r))
        for _ in range(3):
            host = rng.choice(HOSTS) if rng.random() < 0.5 else rng.choice(cookies)['domain'].lstrip('.') + rng.choice(['', '', ':8080'])
            url = '%s://%s%s' % (rng.choice(SCHEMES), host, rng.choice(URL_PATHS))
            req = urllib.request.Request(url)
            policy = jar._policy
            policy._now = jar._now = NOW
            decisions = []
            for domain, by_path in jar._cookies.items():
                for path, by_name in by_path.items():
                    for c in by_name.values():
                        decisions.append({'name': c.name, 'domain': c.domain, 'path': c.path, 'refusal': refusal(policy, c, domain, path, req)})
            sent = [[c.name, c.domain, c.path] for c in jar._cookies_for_request(req)]
            cases.append({'tag': 'random', 'cookies': cookies, 'url': url, 'decisions': decisions, 'sent': sent})
    return cases


def write(name, about, cases):
    doc = {'about': about, 'python': sys.version.split()[0], 'seed': SEED, 'now': NOW, 'cases': cases}
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write('\n')


# --- cookiejar-accept.json -------------------------------------------------------------

import ast
import test as _cpython_tests

SET_OK_CHECKS = ('version', 'verifiability', 'name', 'path', 'domain', 'port')


class Headers:
    """response.info(): get_all() hands the values over as they are (no email parsing)."""

    def __init__(self, set_cookie, set_cookie2):
        self._h = {'set-cookie': list(set_cookie), 'set-cookie2': list(set_cookie2)}

    def get_all(self, name, default=None):
        return self._h.get(name.lower()) or default


class Response:
    def __init__(self, set_cookie, set_cookie2):
        self._headers = Headers(set_cookie, set_cookie2)

    def info(self):
        return self._headers


def make_request(url, unverifiable=False, origin=None):
    return urllib.request.Request(url, unverifiable=unverifiable, origin_req_host=origin)


def set_ok_refusal(policy, cookie, req):
    for n in SET_OK_CHECKS:
        CAPTURE.messages.clear()
        if not getattr(policy, 'set_ok_' + n)(cookie, req):
            return {'code': n, 'message': CAPTURE.messages[-1]}
    return None


def cookie_header(jar, req):
    jar.add_cookie_header(req)
    assert not req.has_header('Cookie2')
    return req.get_header('Cookie')


def shape(jar):
    return [[d, [[p, list(names)] for p, names in by_path.items()]] for d, by_path in jar._cookies.items()]


def run_scenario(sc):
    """The scenario's steps on two jars: one through extract_cookies itself, one by hand
    (make_cookies, then set_ok check by check, to name the refusing check); they must agree."""
    now = sc['now']
    time.time = lambda: now
    jars = []
    for _ in range(2):
        jar = cj.MozillaCookieJar()
        if sc['jar'] is not None:
            path = os.path.join(TMP, 'accept.txt')
            with open(path, 'w', encoding='utf-8', newline='') as f:
                f.write(sc['jar'])
            jar.load(path, ignore_discard=True, ignore_expires=True)
        jars.append(jar)
    real, manual = jars
    steps = []
    for st in sc['steps']:
        reqs = [make_request(st['url'], st['unverifiable'], st['origin_req_host']) for _ in range(2)]
        sent = cookie_header(real, reqs[0])
        assert sent == cookie_header(manual, reqs[1])
        resp = Response(st['set_cookie'], st['set_cookie2'])
        real.extract_cookies(resp, reqs[0])
        decisions = []
        for c in manual.make_cookies(resp, reqs[1]):
            refused = set_ok_refusal(manual._policy, c, reqs[1])
            if refused is None:
                manual.set_cookie(c)
            decisions.append({'cookie': record(c), 'refusal': refused})
        assert shape(real) == shape(manual) and [record(c) for c in real] == [record(c) for c in manual], sc
        steps.append({'sent': sent, 'decisions': decisions, 'jar': [record(c) for c in manual]})
    followups = []
    for url in sc['followups']:
        followups.append(cookie_header(real, make_request(url)))
    time.time = lambda: NOW
    return {'steps': steps, 'followups': followups, 'jar_after': [record(c) for c in real]}


def step(url, set_cookie=(), set_cookie2=(), unverifiable=False, origin=None):
    return {'url': url, 'unverifiable': unverifiable, 'origin_req_host': origin,
            'set_cookie': list(set_cookie), 'set_cookie2': list(set_cookie2)}


def scenario(tag, steps, followups=None, jar=None, now=NOW):
    if followups is None:
        followups = []
        for st in steps:
            if st['url'] not in followups:
                followups.append(st['url'])
    sc = {'tag': tag, 'now': now, 'jar': jar, 'steps': steps, 'followups': followups}
    sc['expected'] = run_scenario(sc)
    return sc


def cpython_test_material():
    """From Lib/test/test_http_cookiejar.py: each test's literal interact_* calls in order,
    and every literal "Set-Cookie:"/"Set-Cookie2:" value and request URL."""
    path = os.path.join(os.path.dirname(_cpython_tests.__file__), 'test_http_cookiejar.py')
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    sequences, sc_values, sc2_values, urls = [], [], [], []

    def literal(node):
        try:
            v = ast.literal_eval(node)
        except ValueError:
            return None
        return v if isinstance(v, str) else None

    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef) or not fn.name.startswith('test_'):
            continue
        seq = []
        for node in ast.walk(fn):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for prefix, pool in (('Set-Cookie: ', sc_values), ('Set-Cookie2: ', sc2_values)):
                    if node.value.startswith(prefix) and node.value[len(prefix):] not in pool:
                        pool.append(node.value[len(prefix):])
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name = node.func.id
            if name in ('interact_netscape', 'interact_2965') and len(node.args) >= 2:
                args = [literal(a) for a in node.args[1:]]
                if None in args:
                    continue
                url, hdrs = args[0], args[1:]
                seq.append((getattr(node, 'lineno', 0), getattr(node, 'col_offset', 0), step(url, hdrs if name == 'interact_netscape' else (), hdrs if name == 'interact_2965' else ())))
                if url not in urls:
                    urls.append(url)
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'Request' and node.args:
                u = literal(node.args[0])
                if u and u.startswith('http') and u not in urls:
                    urls.append(u)
        if seq:
            seq.sort(key=lambda t: (t[0], t[1]))
            sequences.append((fn.name, [t[2] for t in seq]))
    return sequences, sc_values, sc2_values, urls


arng = random.Random(SEED + 1)


def variants(url):
    """Follow-up URLs near `url`: itself, its root, https, a subdomain and the parent domain."""
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc
    out = [url, '%s://%s/' % (parts.scheme, host), 'https://%s%s' % (host, parts.path or '/')]
    bare = host.split(':')[0]
    if bare.count('.') >= 1 and not bare.replace('.', '').isdigit():
        out.append('http://sub.%s/' % bare)
        out.append('http://%s/' % bare.split('.', 1)[1] if bare.count('.') >= 2 else 'http://www.%s/' % bare)
    return list(dict.fromkeys(out))


def cpython_cases():
    cases = []
    sequences, sc_values, sc2_values, urls = cpython_test_material()
    for name, steps in sequences:
        follow = []
        for st in steps:
            follow.extend(variants(st['url']))
        cases.append(scenario('cpython-interact', steps, list(dict.fromkeys(follow))[:8]))
    for value in sc_values:
        for url in ['http://www.acme.com/', 'http://www.acme.com/foo/bar', arng.choice(urls)]:
            cases.append(scenario('cpython-set-cookie', [step(url, [value])], variants(url)[:4]))
    for value in sc2_values:
        url = arng.choice(urls)
        cases.append(scenario('cpython-set-cookie2', [step(url, ['a=b'], [value])], variants(url)[:3]))
        cases.append(scenario('cpython-set-cookie2', [step(url, [], [value])], variants(url)[:3]))
    return cases


FUTURE = 'Wed, 09 Nov 2033 23:12:40 GMT'
PAST = 'Wed, 09 Nov 1994 23:12:40 GMT'
MOZ = '# Netscape HTTP Cookie File\n'


def moz(*lines):
    return MOZ + ''.join('\t'.join(str(f) for f in line) + '\n' for line in lines)


EXISTING = moz(('www.acme.com', 'FALSE', '/', 'FALSE', 2000000000, 'sid', 'old'),
               ('.acme.com', 'TRUE', '/', 'FALSE', 2000000000, 'wide', 'old'),
               ('www.acme.com', 'FALSE', '/foo', 'FALSE', 2000000000, 'sid', 'foo-old'),
               ('www.acme.com', 'FALSE', '/', 'TRUE', '', 'sess', 'x'),
               ('www.acme.com', 'FALSE', '/', 'FALSE', 1000, 'stale', 'gone'),
               ('#HttpOnly_www.acme.com', 'FALSE', '/', 'FALSE', 2000000000, 'ho', 'h'),
               ('other.org', 'FALSE', '/', 'FALSE', 2000000000, 'o', '1'))

HAND = [
    # domains: host, parent, unrelated, no embedded dot, .local, IP, empty
    ('domain', 'http://www.acme.com/', ['a=1; domain=acme.com', 'b=2; domain=.acme.com', 'c=3; domain=www.acme.com', 'd=4; domain=.www.acme.com',
                                       'e=5; domain=other.com', 'f=6; domain=.com', 'g=7; domain=com', 'h=8; domain=', 'i=9; domain', 'j=10; domain=.',
                                       'k=11; Domain=ACME.COM', 'l=12; domain=cme.com', 'm=13; domain=.cme.com', 'n=14; domain=w.acme.com']),
    ('domain', 'http://foo.bar.acme.com/x', ['a=1; domain=.acme.com', 'b=2; domain=bar.acme.com', 'c=3; domain=.bar.acme.com', 'd=4; domain=acme.com.']),
    ('local', 'http://localhost/', ['a=1; domain=localhost', 'b=2; domain=.localhost', 'c=3; domain=.local', 'd=4; domain=localhost.local',
                                    'e=5; domain=.someother.local', 'f=6; domain=.evil.com', 'g=7', 'h=8; domain=local', 'i=9; domain=']),
    ('local', 'http://example/', ['foo1=bar', 'foo2=bar; domain=example', 'foo3=bar; domain=.example', 'foo4=bar; domain=.example.local']),
    ('local', 'http://x.local/', ['a=1; domain=.local', 'b=2; domain=x.local', 'c=3; domain=.x.local', 'd=4; domain=local']),
    ('local', 'http://evil.com/', ['foo=bar; domain=.localhost', 'x=y; domain=.local']),
    ('ip', 'http://10.0.0.1/', ['a=1', 'b=2; domain=10.0.0.1', 'c=3; domain=.0.0.1', 'd=4; domain=0.0.1', 'e=5; domain=.10.0.0.1']),
    ('ip', 'http://192.168.1.10:8080/a/b', ['a=1; port', 'b=2; domain=168.1.10', 'c=3; path=/a']),
    ('ip', 'http://[::1]:8080/', ['a=1', 'b=2; domain=[::1]', 'c=3; port']),
    ('sld', 'http://foo.co.uk/', ['nasty=trick; domain=.co.uk', 'ok=1; domain=foo.co.uk', 'ok2=2; domain=.foo.co.uk', 'x=1; domain=co.uk']),
    ('sld', 'http://example.co.uk/', ['no=problemo', 'whatever=problemo; domain=.co.uk', 'a=1; domain=.example.co.uk']),
    ('sld', 'http://foo.net/', ['ns=bar', 'spam=eggs; domain=.foo.net', 'nini="ni"; domain=.net', 'x=1; domain=net']),
    ('path', 'http://www.acme.com/blah/rhubarb/x', ['a=1', 'b=2; path=/', 'c=3; path=/blah', 'd=4; path=/other', 'e=5; path=', 'f=6; path',
                                                    'g=7; path=relative', 'h=8; path=/a b/%7e/\u00e9', 'i=9; Path=/BLAH/', 'j=10; path="/q"', 'k=11; version=1']),
    ('path', 'http://www.acme.com', ['a=1', 'b=2; version=1']),
    ('path', 'http://www.acme.com/foo%2f%25/b%20r?x=/y#z/w', ['a=1', 'b=2; version=1']),
    ('port', 'http://www.acme.com:8080/', ['a=1; port', 'b=2; port=8080', 'c=3; port=80', 'd=4; port="80,8080"', 'e=5; port=80, 8080',
                                           'f=6; port=abc', 'g=7; port=', 'h=8; port=8080,abc', 'i=9; port=abc,8080', 'j=10; Port=" 8080 "']),
    ('port', 'http://www.acme.com/', ['a=1; port', 'b=2; port=80', 'c=3; port=8080', 'd=4; port=+80', 'e=5; port=80_0']),
    ('port', 'http://www.acme.com:abc/', ['a=1; port', 'b=2; port=80', 'c=3; port=8080']),
    ('secure', 'https://www.acme.com/', ['a=1; secure', 'b=2; secure=', 'c=3; Secure=yes', 'd=4; SECURE; secure=no', 'e=5; httponly; samesite=Lax']),
    ('secure', 'http://www.acme.com/', ['a=1; secure', 'b=2']),
    ('expires', 'http://www.acme.com/', ['a=1; expires=' + FUTURE, 'b=2; expires=' + PAST, 'c=3; expires="' + FUTURE + '"', 'd=4; expires=',
                                         'e=5; expires', 'f=6; expires=garbage', 'g=7; expires=Foo Bar 12 33:22:11 2000', 'h=8; expires=09-Nov-33 23:12:40 GMT',
                                         'i=9; expires=Wednesday, 09-Nov-99 23:12:40 GMT', 'j=10; expires=09 Nov 2033', 'k=11; expires=09 Nov 2033 23:12:40 +0100',
                                         'l=12; expires=09 Nov 2033 23:12:40 EST', 'm=13; expires=Wed, 09 Foo 2033 23:12:40 GMT']),
    ('expires', 'http://www.acme.com/', ['a=1; expires=Wed, 09 Foo 2033 23:12:40 GMT', 'b=2']),
    ('expires', 'http://www.acme.com/', ['a=1; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'b=2; expires=Tue, 14 Nov 2023 22:13:20 GMT',
                                         'c=3; expires=Tue, 14 Nov 2023 22:13:21 GMT', 'd=4; expires=Tue, 14 Nov 2023 22:13:19 GMT',
                                         'e=5; expires=14-Nov-2023 22:13:21', 'f=6; expires=31 Feb 2030', 'g=7; expires=10 Jan 10000',
                                         'h=9; expires=01 Jan 99999999999999999999999', 'i=10; expires=01-01-74', 'j=11; expires=01-01-73',
                                         'k=12; expires=01-1_0-2030', 'l=13; expires=  Monday , 01 Jan 2030 10:00 am', 'm=14; expires=01 Jan 2030 10:00 (PST)',
                                         'n=15; expires=01 Jan 2030 24:00:61', 'o=16; expires=01 Jan 2030 25:00', 'p=17; expires=01 jan 2030 10:00:00 -0800',
                                         'q=18; expires=01 JAN 2030 10:00:00 +01:30', 'r=19; expires=01 Jan 2030 10:00:00 z']),
    ('max-age', 'http://www.acme.com/', ['a=1; max-age=3600', 'b=2; max-age=0', 'c=3; max-age=-1', 'd=4; Max-Age=oops', 'e=5; max-age=',
                                         'f=6; max-age=1; expires=' + PAST, 'g=7; expires=' + PAST + '; max-age=100', 'h=8; max-age=100; max-age=0',
                                         'i=9; max-age=" 5"', 'j=10; max-age= +5 ', 'k=11; max-age=1_0', 'l=12; max-age=\u0661\u0660', 'm=13; max-age=1.5',
                                         'n=14; max-age=99999999999999999999', 'o=15; max-age=-99999999999999999999', 'p=16; max-age=' + '9' * 5000]),
    ('max-age', 'http://www.acme.com/', ['a=1; max-age=3600', 'b=2; max-age', 'c=3']),
    ('max-age', 'http://www.acme.com/', ['a=1; max-age=3600', 'b=2; max-age=' + '9' * 400, 'c=3']),
    ('max-age', 'http://www.acme.com/', ['a=1; max-age=3600', 'b=2; max-age=-' + '9' * 400, 'c=3']),
    ('version', 'http://www.acme.com/', ['a=1; version=1', 'b=2; Version="1"', 'c=3; version=0', 'd=4; version=2', 'e=5; version=-1; domain=.evil.com',
                                         'f=6; version=spam', 'g=7; version', 'h=8; version=', 'i=9; version=1.0', 'j=10; version= 1 ',
                                         'k=11; version="1"; version=0', 'l=12; version=99999999999999999999']),
    ('names', 'http://www.acme.com/', ['=unladenswallow', 'fortytwo=', 'holyhandgrenade', 'expires=eggs', 'version=eggs; spam=eggs', 'domain=x', '$Version=1',
                                       '', ';', '; a=b', ' = ', 'a==b', 'a=b=c', '"spam"; path=/foo/', 'a="b;c"', 'sp ace = v a l ',
                                       'dup=1; dup=2; Comment=x; comment=y; CommentURL=z; commenturl', 'Foo=1; FOO=2', 'd=1; discard; Discard=no',
                                       'r=1; __proto__=x; constructor; 2=two; 10=ten; b=bee; toString=t']),
    ('repeat', 'http://www.acme.com/a/b', ['a=1; path=/; path=/a; domain=acme.com; domain=other.com; secure; secure=no; port=80; port=81',
                                          'a=2; path=/a', 'a=3; path=/a; expires=' + PAST, 'b=1', 'b=2', 'b=3; max-age=0']),
    ('delete', 'http://www.acme.com/foo/bar', ['sid=new; path=/', 'sid=gone; path=/foo; expires=' + PAST, 'wide=gone; domain=.acme.com; max-age=0',
                                              'stale=fresh', 'other=x; domain=other.org']),
    ('delete', 'http://www.acme.com/', ['sess=gone; max-age=-5', 'ho=gone; expires=' + PAST, 'o=1; domain=.other.org', 'nosuch=x; max-age=0']),
    ('hostile', 'http://www.acme.com/', ['a=b\r\nSet-Cookie: evil=1', 'c=d\nx; domain=.acme.com', 'e\x00=f\x00', 'g=\x7f\x1f', 'h=v\u2028; path=/\u00e9\u4e2d',
                                         'i=\U0001f600; domain=\u00e9xample.com', 'j=' + 'x' * 10000, 'k' * 3000 + '=1', 'l=1;;;;; ;secure;;',
                                         'm=1,n=2', 'o=1; expires=Wed, 09 Nov 2033 23:12:40 GMT, p=2', 'q=1; \x1cdomain\x1c=acme.com; path=\x85/\xa0',
                                         'r=1; domain=ACME.com\u0130', '\u212aey=1; \u212aey2=2; expires\u00a0=' + PAST, 't="a\\"b"; version=1']),
]


def hand_cases():
    cases = []
    for tag, url, values in HAND:
        # the values one response each, then all in one response (and into an existing jar)
        steps = [step(url, [v]) for v in values]
        cases.append(scenario('hand-' + tag, steps, variants(url)))
        cases.append(scenario('hand-' + tag, [step(url, values)], variants(url)))
        cases.append(scenario('hand-' + tag, [step(url, values)], variants(url) + ['http://www.acme.com/foo/bar', 'https://acme.com/'], jar=EXISTING))
    # unverifiable (third-party) transactions: the default policy still accepts Netscape cookies
    for origin in [None, 'www.acme.com', 'acme.com', 'evil.com', 'WWW.ACME.COM', 'foo.local', '10.0.0.1', '']:
        for url in ['http://www.acme.com/', 'http://img.acme.com/x', 'http://ads.evil.com/']:
            cases.append(scenario('hand-unverifiable', [step(url, ['a=1', 'b=2; version=1', 'c=3; domain=.acme.com'], unverifiable=True, origin=origin)], variants(url)))
    # Set-Cookie2 is read even with rfc2965 off when Set-Cookie is present: version 0 ones are kept
    for sc2 in [['x=1; version=1'], ['x=1'], ['x=1; version=0'], ['x=1; version=0; max-age=0', 'sid=gone; max-age=0; version=1; path="/"'],
                ['x=1; version=0; expires="' + FUTURE + '"'], ['x=1; version=0; domain'], ['x=1; version=0; max-age'], ['x=1, y=2; version=0; port="80,81"']]:
        for sc in [[], ['a=1']]:
            cases.append(scenario('hand-set-cookie2', [step('http://www.acme.com/foo/bar', sc, sc2)], ['http://www.acme.com/foo/bar', 'http://www.acme.com/'], jar=EXISTING))
    # the time: expiry boundaries, a fractional now, two-digit years pivoting on the current year
    for now in [1700000000.5, 1000000000, 1600000000, 2000000000]:
        cases.append(scenario('hand-now', [step('http://www.acme.com/', ['a=1; expires=01-Jan-%02d 00:00:00 GMT' % y for y in (0, 23, 49, 50, 51, 70, 73, 74, 80, 99)] +
                                                ['b=1; max-age=1', 'c=1; expires=Tue, 14 Nov 2023 22:13:21 GMT'])], ['http://www.acme.com/'], jar=EXISTING, now=now))
    return cases


R_NAMES = ['a', 'SID', 'sid', 'Expires', 'domain', 'path', '$Version', 'x-y', '\u00e9', 'n m', '', '"q"', 'version', 'Max-Age']
R_VALUES = ['1', '', 'v a l', '"quoted"', '"un', 'a,b', 'a=b', '\u4e2d\u6587', 'x' * 50, '%41', '\\', '"a\\"b"', ' pad ']
R_HOSTS = ['www.acme.com', 'acme.com', 'foo.bar.acme.com', 'localhost', 'example', '10.0.0.1', 'foo.co.uk', 'x.local', 'www.acme.com:8080', 'ACME.com']
R_PATHS = ['/', '/foo', '/foo/', '/foo/bar', '', '/a b', '/%7e', '/foo/bar/baz?q=1', '/\u00e9/x']
R_DATES = [FUTURE, PAST, '09-Nov-33 23:12:40 GMT', 'Tue, 14 Nov 2023 22:13:20 GMT', 'Tue, 14 Nov 2023 22:13:21 GMT', 'garbage', '',
           '2033-11-09', '09 Nov 2033 23:12:40 +0100', 'Sun, 31 Dec 2100 00:00:00 GMT', '1 Jan 75', 'Mon, 01-Jan-2001 00:00:00 GMT']


def rand_attr():
    k = arng.choice(['domain', 'path', 'expires', 'max-age', 'secure', 'port', 'version', 'comment', 'commenturl', 'discard', 'httponly', 'samesite', 'x'])
    host = arng.choice(R_HOSTS).split(':')[0]
    v = {
        'domain': lambda: arng.choice([host, '.' + host, host.split('.', 1)[-1], '.' + host.split('.', 1)[-1], '', '.', '.local', 'other.com', '.com']),
        'path': lambda: arng.choice(R_PATHS + ['/fo', '"/foo"']),
        'expires': lambda: arng.choice(R_DATES),
        'max-age': lambda: arng.choice(['0', '-1', '1', '3600', 'abc', '', ' 7 ', '86400000']),
        'secure': lambda: arng.choice([None, None, '', 'yes']),
        'port': lambda: arng.choice([None, '80', '8080', '80,8080', '"80, 8080"', 'abc', '']),
        'version': lambda: arng.choice(['0', '1', '"1"', '2', '-1', 'x', None]),
        'comment': lambda: arng.choice([None, 'hi there', '']),
        'commenturl': lambda: arng.choice([None, 'http://x/']),
        'discard': lambda: arng.choice([None, 'no']),
        'httponly': lambda: None,
        'samesite': lambda: arng.choice(['Lax', 'Strict', None]),
        'x': lambda: arng.choice(['1', None]),
    }[k]()
    if arng.random() < 0.3:
        k = ''.join(ch.upper() if arng.random() < 0.5 else ch for ch in k)
    sp = lambda: arng.choice(['', '', ' ', '  ', '\t'])  # noqa: E731
    return sp() + k + ('' if v is None else sp() + '=' + sp() + v) + sp()


def rand_set_cookie(hostile):
    name = arng.choice(R_NAMES)
    value = arng.choice(R_VALUES)
    if hostile:
        name = rand_text(4, TEXT + '\r\n\t\x00\x0b\x1c\x85\u2028 ', 0) if arng.random() < 0.5 else name
        value = rand_text(12, TEXT + '\r\n\t\x00\x0b\x1c\x85\u2028 ', 0) if arng.random() < 0.5 else value
    head = name + ('' if arng.random() < 0.1 else '=' + value)
    attrs = [rand_attr() for _ in range(arng.randint(0, 5))]
    if hostile and arng.random() < 0.5:
        attrs.append(rand_text(10, TEXT + '\r\n\t', 0))
    return '; '.join([head] + attrs) if arng.random() < 0.8 else ';'.join([head] + attrs)


def rand_jar():
    lines = []
    for _ in range(arng.randint(1, 5)):
        host = arng.choice(R_HOSTS).split(':')[0].lower()
        dot = arng.random() < 0.4
        domain = ('.' + host) if dot else host
        lines.append((('#HttpOnly_' if arng.random() < 0.2 else '') + domain, 'TRUE' if dot else 'FALSE', arng.choice(['/', '/foo', '/foo/bar', '/%7E']),
                      arng.choice(['TRUE', 'FALSE']), arng.choice(['', 1000, NOW, NOW + 1, 2000000000]), arng.choice(['a', 'SID', 'sid', 'z']), arng.choice(['1', 'old', ''])))
    return moz(*lines)


def random_cases():
    cases = []
    for i in range(260):
        hostile = i % 3 == 2
        steps = []
        for _ in range(arng.randint(1, 3)):
            url = '%s://%s%s' % (arng.choice(['http', 'https', 'http']), arng.choice(R_HOSTS), arng.choice(R_PATHS))
            origin = arng.choice([None, None, 'www.acme.com', 'evil.com'])
            steps.append(step(url, [rand_set_cookie(hostile) for _ in range(arng.randint(0, 5))], unverifiable=origin is not None, origin=origin))
        follow = ['%s://%s%s' % (arng.choice(['http', 'https']), arng.choice(R_HOSTS), arng.choice(R_PATHS)) for _ in range(3)]
        jar = rand_jar() if arng.random() < 0.4 else None
        now = arng.choice([NOW, NOW, NOW, 1600000000, 2000000000])
        cases.append(scenario('random-hostile' if hostile else 'random', steps, [steps[0]['url']] + follow, jar=jar, now=now))
    return cases


def accept_cases():
    return cpython_cases() + hand_cases() + random_cases()


def cpython_date_strings():
    """Every string literal of test_http_cookiejar's http2time tests, as is, lower and upper."""
    path = os.path.join(os.path.dirname(_cpython_tests.__file__), 'test_http_cookiejar.py')
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    out = []
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and fn.name.startswith('test_http2time') and 'redos' not in fn.name:
            for node in ast.walk(fn):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    out.extend([node.value, node.value.lower(), node.value.upper()])
    return list(dict.fromkeys(out))


DATE_PIECES = ['Wed', 'Wednesday', 'wed,', 'Thu, ', '09', '9', '00', '31', '32', 'Nov', 'nov', 'NOVEMBER', 'Foo', '11', '13', '1_1', '1994', '94',
               '73', '74', '2033', '99999', '23:12:40', '23:12', '24:00', '0:00', '12:60', 'GMT', 'UTC', 'utc', 'Z', 'EST', '+0100', '-0800',
               '+01:30', '-5', '+123', 'am', 'PM', '(PST)', '(x y)', '-', '/', ' ', '  ', '\t', ',', '\n']


def date_cases():
    cases = []
    texts = cpython_date_strings() + R_DATES + ['Wed, 09 Nov 2033 23:12:40 GMT\n', 'Wed, 09 Foo 2033 23:12:40 GMT', 'Sun, 00 Jan 2000 00:00:00 GMT',
                                                '01 Jan 1970' + ' ' * 2000 + '00:00:00 GMT!', '01 Jan 1970 00:00:00' + ' ' * 2000 + 'GMT!',
                                                '\u00a001 Jan 2000', '\x1c01 Jan 2000', '01 Jan 2000\x1c', '\uff11 Jan 2000', '01 Jan 2000 10:00 am']
    for _ in range(300):
        texts.append(''.join(arng.choice(DATE_PIECES) + arng.choice(['', ' ', ' ', '-']) for _ in range(arng.randint(1, 7))))
    for text in dict.fromkeys(texts):
        for now in (NOW, 1000000000, 2000000000):
            time.time = lambda: now
            try:
                out = cj.http2time(text)
            except Exception as e:  # noqa: BLE001 - Python's own exception is the answer
                out = {'error': type(e).__name__}
            cases.append({'tag': 'http2time', 'text': text, 'now': now, 'result': out})
    time.time = lambda: NOW
    return cases


def ns_header_cases(accept):
    values = ['foo=bar; expires=01 Jan 2040 22:23:32 GMT', 'foo=bar; expires="01 Jan 2040 22:23:32 GMT"', 'foo=bar; version="1"',
              'foo=bar; Version="1"', 'expires=01 Jan 2040 22:23:32 GMT', '', ' ; ; ', 'a; b; c']
    for c in accept:
        for st in c['steps']:
            values.extend(st['set_cookie'])
    cases = []
    for value in dict.fromkeys(values):
        try:
            out = [[list(pair) for pair in pairs] for pairs in cj.parse_ns_headers([value])]
        except Exception as e:  # noqa: BLE001
            out = {'error': type(e).__name__}
        cases.append({'tag': 'parse_ns_headers', 'header': value, 'result': out})
    return cases


os.makedirs(OUT, exist_ok=True)
write('cookiejar-files.json', 'random jars saved by MozillaCookieJar/LWPCookieJar and loaded back', files_cases())
write('cookiejar-load.json', 'hand-written cookie files loaded by MozillaCookieJar/LWPCookieJar', load_cases())
write('cookiejar-policy.json', 'DefaultCookiePolicy return decisions for random jars and URLs', policy_cases())
ACCEPT = accept_cases()
write('cookiejar-accept.json', 'interact_netscape cycles: Cookie headers sent, Set-Cookie values made into cookies, set_ok decisions, jars', ACCEPT)
write('cookiejar-ns-headers.json', 'http2time() of loose dates and parse_ns_headers() of every Set-Cookie value of cookiejar-accept.json', date_cases() + ns_header_cases(ACCEPT))
shutil.rmtree(TMP)
