#!/usr/bin/env python3
"""Writes the cookie conformance fixtures with CPython 3.11's http.cookies (the oracle).

Usage: python3 test/conformance/cookie/generate.py [OUT_DIR]   (default: ./fixtures here)

cookie-parse.json: for each header, SimpleCookie(header)'s morsels in dict order (key,
value, coded_value, every attribute) and output(), or the exception. Headers: every string
literal of CPython's Lib/test/test_http_cookies.py, hand-picked edge cases, seeded random
headers and hostile ones (control characters, non-ASCII, quotes, backslashes, 10,000
characters).
cookie-make.json: seeded random C[key] = value; C[key][attr] = v ... cases with output(),
js_output() (optionally with an attrs filter) or the exception. time.time() is pinned so
an integer expires is reproducible.
"""
import ast
import http.cookies as cookies
import json
import os
import random
import sys
import test
import time

if sys.version_info[:2] != (3, 11):
    sys.exit('generate.py needs CPython 3.11 (the oracle), not %d.%d' % sys.version_info[:2])

SEED = 6265
NOW = 1700000000
time.time = lambda: NOW  # _getdate does "from time import gmtime, time" at call time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'fixtures')
rng = random.Random(SEED)


def outcome_error(e):
    return {'error': {'type': type(e).__name__, 'message': str(e)}}


def parse_case(tag, header):
    case = {'tag': tag, 'header': header}
    try:
        C = cookies.SimpleCookie()
        C.load(header)
        case['cookies'] = [
            {'key': m.key, 'value': m.value, 'coded_value': m.coded_value, 'attributes': dict(m)}
            for m in C.values()
        ]
        case['output'] = C.output()
    except cookies.CookieError as e:
        case.update(outcome_error(e))
    return case


def test_literals():
    path = os.path.join(os.path.dirname(test.__file__), 'test_http_cookies.py')
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    seen = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in seen:
            if not node.value.startswith(('\n    ', 'Tests for', 'Test ')) or node.value.startswith('\n        <script'):
                seen.append(node.value)
    return seen


EDGE = [
    '', ' ', ';', 'a', 'a=', 'a=;', '=b', 'a=b', ' a = b ', 'a=b\n', 'a=b\n\n', 'a=b;\n', 'a=b c=d',
    'a=b; Secure', 'a=b; secure=', 'a=b; secure=""', 'a=b; HTTPONLY', 'a=b; Path', 'a=b; max-age',
    'Path=/; a=b', 'secure; a=b', '$Version=1; a=b', '$Version; a=b', 'a=b; $Path=/x', 'a=b; $Path',
    'a=b; $Secure', 'a=b; $Domain="x"', 'a=b; $Comment="c d"', 'a=b; $', 'a=b; $Foo=1', '$=1',
    'a=b; expires=Wed, 01 Jan 2020 00:00:00 GMT', 'a=b; expires=Wed, 01-Jan-2020 00:00:00 GMT',
    'a=b; expires=Wed, 01 Jan 2020 00:00:00 UTC', 'a=b; expires=Wed,  01 Jan 2020 00:00:00 GMT',
    'a=b; comment="hello world"', 'a=b; comment=x', 'a,b=c', 'a/b=c; d=e', 'a=b; a=c; Path=/', 'a=b; Path=/; a=c',
    'a="\\101\\102"', 'a="\\400"', 'a="\\377\\"\\\\"', 'a="x\\\ny"', 'a="\\', 'a="', 'a=""', 'a="b"c',
    'a=b; c', 'a=b; c; d=e', 'a=b;; c=d', 'a=b ; ; c=d', 'a=b\x00c=d', 'a=b\x0bc=d', 'a=\xe9', '\xe9=a',
    'a=b; SameSite=None', 'a=b; samesite', 'a=b; Version=1; version=2', 'a=[]{}', 'a==b', 'a=b=c; d',
    'keebler="E=mc2; L=\\"Loves\\"; fudge=\\012;"', 'a="\U0001f600"; b=c', 'a=b; Max-Age=10',
]

KEYS = ['a', 'SID', 'key:term', '__Host-id', '__Secure-x', '$Version', '$Path', '$Domain', '$Secure', '$x',
        'Path', 'path', 'Domain', 'Expires', 'max-age', 'Max-Age', 'secure', 'HttpOnly', 'version', 'SameSite',
        'comment', 'Partitioned', 'a,b', 'a/b', 'a>b', 'x{y}', 'q?', '(p)', 'k=v', 'a.b-c_d', "o'k", '~|^`']
VALUES = ['b', '', '""', '"quoted value"', '"\\012\\"\\\\"', '"\\777"', '"\\xyz"', '"a;b"', 'E=mc2', '[x]',
          '/acme', 'Wed, 01 Jan 2020 00:00:00 GMT', 'Thu, 1-Jan-70 00:00:00 GMT', '1', '-5', 'None',
          '"\xe9\u20ac\U0001f600"', '\xe9', 'a b', '"unterminated', 'x"y', '{}', '"\\"', '"\\\n"', '=', '@:/']
JUNK = [' ', '  ', '\t', '\n', '\r\n', '\x0b', '\x0c', ';', ';;', ',', '"', '\\', '\x00', '\x1f', '\x7f',
        '\x85', '\xa0', '\u2028', '\u3000', '\ufeff', '\U0001f600', '=', '$', '[', ']']


def rand_text(n, alphabet=None):
    if alphabet is None:
        pool = ''.join(map(chr, range(32, 127))) + '\t\n\r\x00\x01\x0b\x1b\x7f\x85\xa0\xe9\xff\u0100\u2028\u20ac\U0001f600'
    else:
        pool = alphabet
    return ''.join(rng.choice(pool) for _ in range(n))


def rand_header():
    parts = []
    for _ in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.55:
            part = rng.choice(KEYS) + rng.choice(['=', '=', ' = ', '= ', ' =']) + rng.choice(VALUES)
        elif r < 0.75:
            part = rng.choice(KEYS)
        elif r < 0.9:
            part = rand_text(rng.randint(1, 12))
        else:
            part = rng.choice(JUNK)
        parts.append(part)
    seps = ['; ', ';', ' ; ', ' ', ', ', ';\n', '']
    out = parts[0]
    for p in parts[1:]:
        out += rng.choice(seps) + p
    if rng.random() < 0.2:
        out = rng.choice(JUNK) + out
    if rng.random() < 0.2:
        out += rng.choice(JUNK)
    return out


def hostile():
    legal = cookies._LegalChars
    yield 'big=' + 'x' * 10000
    yield 'big="' + rand_text(10000, legal + ' ;,\\"') .replace('"', '\\"') + '"'
    yield 'big="' + ('\\' * 9999) + '"'
    yield 'a=b; ' + 'c' * 10000
    yield 'k' * 10000 + '=v; Path=/'
    yield 'a=b; Path=' + '/' * 10000 + '; Secure'
    yield ';' * 10000
    yield ' ' * 9999 + 'a=b'
    yield 'a="' + rand_text(10000) .replace('"', '') + '"'
    yield '; '.join('c%d=%d' % (i, i) for i in range(1500))
    for _ in range(40):
        yield rand_text(rng.randint(1, 60))
    for _ in range(40):
        yield rand_header().replace(' ', rng.choice(JUNK))


def parse_cases():
    cases = []
    for h in test_literals():
        cases.append(parse_case('cpython-tests', h))
    for h in EDGE:
        cases.append(parse_case('edge', h))
    for _ in range(1000):
        cases.append(parse_case('random', rand_header()))
    for h in hostile():
        cases.append(parse_case('hostile', h))
    return cases


MAKE_KEYS = ['a', 'SID', 'key:term', '__Host-id', '__Secure-x', "o'k", '~|^`', 'Path', 'expires', 'SECURE',
             'Max-Age', '', 'a b', 'a=b', 'a;b', 'a,b', '$x', '\xe9', 'caf\xe9', 'x\n', '\u212a']
MAKE_ATTRS = ['expires', 'Expires', 'path', 'Path', 'comment', 'domain', 'max-age', 'MAX-AGE', 'secure', 'httponly',
              'HttpOnly', 'version', 'samesite', 'SameSite']
BAD_ATTRS = ['partitioned', 'foo', '', 'max_age', '\u212axpires', 'Max-Age ']


def rand_attr_value(name):
    r = rng.random()
    low = name.lower()
    if low in ('expires', 'max-age') and r < 0.5:
        return rng.choice([0, 1, -1, 3600, -3600, 86400 * 365, 10 ** 9, -(10 ** 9), 10 ** 10, 31536000 * 100, rng.randint(-10 ** 10, 10 ** 10), True, False])
    if low in ('secure', 'httponly') and r < 0.6:
        return rng.choice([True, False, True, '', 'yes', 0, 1, None])
    if r < 0.1:
        return rng.choice([None, True, False, 0, 7, -2])
    return rng.choice(['/', '/acme', '', 'example.com', '.example.com', 'Lax', 'Strict', 'None', '1',
                       'hello world', 'a"b', 'x\\y', 'caf\xe9', '\u20ac', 'tab\there', 'semi;colon', 'Wed, 01 Jan 2020 00:00:00 GMT',
                       rand_text(rng.randint(0, 20))])


def make_case(tag, key, value, attrs, filt):
    case = {'tag': tag, 'key': key, 'value': value, 'attributes': attrs, 'attrs': filt}
    try:
        C = cookies.SimpleCookie()
        C[key] = value
        m = C[key]
        for name, v in attrs:
            m[name] = v
        case['coded_value'] = m.coded_value
        case['output'] = m.output(filt)
        case['js_output'] = m.js_output(filt)
        case['jar_output'] = C.output(filt)
    except cookies.CookieError as e:
        case.update(outcome_error(e))
    return case


def make_cases():
    cases = []
    for _ in range(800):
        r = rng.random()
        key = rng.choice(MAKE_KEYS[:7]) if r < 0.75 else rng.choice(MAKE_KEYS) if r < 0.95 else rand_text(rng.randint(0, 6))
        value = rng.choice(VALUES + ['plain', 'with space', 'with"quote', 'back\\slash', '\x00\x01\x7f\x80\xff\u0100', rand_text(rng.randint(0, 30))])
        attrs = [[n, rand_attr_value(n)] for n in (rng.choice(MAKE_ATTRS if rng.random() < 0.97 else BAD_ATTRS) for _ in range(rng.randint(0, 6)))]
        filt = None if rng.random() < 0.7 else sorted(rng.sample(['expires', 'path', 'comment', 'domain', 'max-age', 'secure', 'httponly', 'version', 'samesite', 'Path'], rng.randint(0, 4)))
        cases.append(make_case('random', key, value, attrs, filt))
    for v in [10 ** 11, -(10 ** 11), -NOW, -NOW - 1, 253402300799 - NOW, 253402300800 - NOW, -62135596800 - NOW]:
        cases.append(make_case('expires-range', 'a', 'b', [['expires', v]], None))
    return cases


def write(name, about, cases):
    doc = {'about': about, 'python': sys.version.split()[0], 'seed': SEED, 'now': NOW, 'cases': cases}
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(doc, f, ensure_ascii=False, separators=(',', ':'))
        f.write('\n')


os.makedirs(OUT, exist_ok=True)
write('cookie-parse.json', 'SimpleCookie(header): morsels in dict order and output(), or the CookieError', parse_cases())
write('cookie-make.json', "C[key] = value; C[key][name] = v...: output(attrs), js_output(attrs), C.output(attrs)", make_cases())
