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


os.makedirs(OUT, exist_ok=True)
write('cookiejar-files.json', 'random jars saved by MozillaCookieJar/LWPCookieJar and loaded back', files_cases())
write('cookiejar-load.json', 'hand-written cookie files loaded by MozillaCookieJar/LWPCookieJar', load_cases())
write('cookiejar-policy.json', 'DefaultCookiePolicy return decisions for random jars and URLs', policy_cases())
shutil.rmtree(TMP)
