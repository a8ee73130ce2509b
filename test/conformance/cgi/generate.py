#!/usr/bin/env python3
"""Writes the cgi conformance fixtures with CPython 3.11's cgi.FieldStorage (the oracle).

Usage: python3 test/conformance/cgi/generate.py [OUT_DIR]   (default: ./fixtures here)

cgi-form.json: for each case (a CGI environment, the bytes on stdin, and FieldStorage's
keep_blank_values / strict_parsing / max_num_fields / separator), what
FieldStorage(fp=BufferedReader(stdin), environ=env, ...) gives: the top-level storage and
every item (MiniFieldStorage name/value; FieldStorage name, filename, disposition and its
options, type and its options, headers, and its value: text, bytes as latin-1 text, or the
nested list), or the exception's type and message. Inputs: CPython's Lib/test/test_cgi.py
vectors (parse_strict_test_cases, POSTDATA, the W3C sample, maxline, max_num_fields, QS and
form data, the parse_header strings), hand-picked hostile cases (bad boundaries, missing
CRLF, huge headers, many fields, ';' separators, non-UTF-8 bytes, empty names, folded
headers, odd Content-Length) and seeded random multipart and urlencoded bodies.
"""
import ast
import io
import json
import os
import random
import sys
import warnings

warnings.simplefilter('ignore', DeprecationWarning)
import cgi  # noqa: E402
import test  # noqa: E402

if sys.version_info[:2] != (3, 11):
    sys.exit('generate.py needs CPython 3.11 (the oracle), not %d.%d' % sys.version_info[:2])

SEED = 3875
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'fixtures')
rng = random.Random(SEED)
sys.path.insert(0, os.path.dirname(test.__file__))
import test_cgi  # noqa: E402


def record(fs):
    if isinstance(fs, cgi.MiniFieldStorage):
        return {'mini': True, 'name': fs.name, 'value': fs.value}
    r = {
        'name': fs.name, 'filename': fs.filename,
        'disposition': fs.disposition, 'disposition_options': list(fs.disposition_options.items()),
        'type': fs.type, 'type_options': list(fs.type_options.items()),
        'headers': [[k, v] for k, v in fs.headers.items()],
    }
    if fs.file:
        v = fs.value
        if isinstance(v, bytes):
            r['bytes'] = v.decode('latin-1')
        else:
            r['text'] = v
    elif fs.list is not None:
        r['list'] = [record(x) for x in fs.list]
    return r


CASES = []


def case(tag, env, body=b'', **opts):
    if isinstance(body, str):
        body = body.encode('latin-1')
    c = {'tag': tag, 'env': env, 'body': body.decode('latin-1'), 'opts': opts}
    try:
        fs = cgi.FieldStorage(fp=io.BufferedReader(io.BytesIO(body)), environ=dict(env), **opts)
        c['form'] = record(fs)
    except (ValueError, TypeError) as e:
        c['error'] = {'type': type(e).__name__, 'message': str(e)}
    CASES.append(c)


def mp_env(boundary, body, length=True, qs=None, method='POST'):
    env = {'REQUEST_METHOD': method, 'CONTENT_TYPE': 'multipart/form-data; boundary=' + boundary}
    if length:
        env['CONTENT_LENGTH'] = str(len(body))
    if qs is not None:
        env['QUERY_STRING'] = qs
    return env


def cpython_vectors():
    for qs, _ in test_cgi.parse_strict_test_cases:
        for opts in ({}, {'strict_parsing': True}, {'keep_blank_values': True}):
            case('test_cgi strict GET', {'REQUEST_METHOD': 'GET', 'QUERY_STRING': qs}, **opts)
            b = qs.encode('latin-1')
            case('test_cgi strict POST', {'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': str(len(b)), 'CONTENT_TYPE': 'application/x-www-form-urlencoded'}, b, **opts)
    B, P = test_cgi.BOUNDARY, test_cgi.POSTDATA
    case('test_cgi multipart', mp_env(B, P, False) | {'CONTENT_LENGTH': '558'}, P)
    case('test_cgi multipart', mp_env(B, P, False) | {'CONTENT_LENGTH': '560'}, '\r\n' + P)
    case('test_cgi multipart', mp_env(B, P), P.replace('\n', '\r\n'))
    case('test_cgi multipart', mp_env(B, P, False), P)
    for enc in ('iso-8859-1', 'utf-8'):
        d = test_cgi.POSTDATA_NON_ASCII.encode(enc)
        case('test_cgi multipart', mp_env(B, d, False) | {'CONTENT_LENGTH': '558'}, d)
    case('test_cgi multipart', mp_env(test_cgi.BOUNDARY_W3, test_cgi.POSTDATA_W3), test_cgi.POSTDATA_W3)
    maxline = 1 << 16
    for content in ('x' * (maxline - 1), 'x' * (maxline - 1) + '\r', 'x' * (maxline - 1) + '\r' + 'y' * (maxline - 1), 'x' * maxline, 'x' * (maxline + 1) + '\n' + 'z' * 3):
        data = ('---123\nContent-Disposition: form-data; name="upload"; filename="fake.txt"\nContent-Type: text/plain\n\n%s\n---123--\n'.replace('\n', '\r\n') % content)
        case('test_cgi maxline', mp_env('-123', data), data)
        text = data.replace('; filename="fake.txt"', '')
        case('test_cgi maxline', mp_env('-123', text), text)
    d = '--JfISa01\nContent-Disposition: form-data; name="submit-name"\nContent-Length: 5\n\nLarry\n--JfISa01'
    case('test_cgi multipart', mp_env('JfISa01', d), d)
    d = '--MyBoundary\nContent-Disposition: form-data; name="my-arg"; filename="foo"\n\nTest\n\n--MyBoundary--\n'
    case('test_cgi multipart', mp_env('MyBoundary', d, False), d)
    case('test_cgi multipart', {'REQUEST_METHOD': 'PUT'}, b'x' * 10)
    data = '&'.join(['a=a'] * 11)
    for n in (10, 11, 12):
        case('test_cgi max_num_fields', {'CONTENT_LENGTH': str(len(data)), 'CONTENT_TYPE': 'application/x-www-form-urlencoded', 'REQUEST_METHOD': 'POST'}, data, max_num_fields=n)
    data = '---123\nContent-Disposition: form-data; name="a"\n\n3\n---123\nContent-Type: application/x-www-form-urlencoded\n\na=4\n---123\nContent-Type: application/x-www-form-urlencoded\n\na=5\n---123--\n'
    for n in (None, 3, 4, 5, 6):
        case('test_cgi max_num_fields', mp_env('-123', data, qs='a=1&a=2'), data, max_num_fields=n)
    data = '---123\nContent-Disposition: form-data; name="key2"\n\nvalue2y\n---123\nContent-Disposition: form-data; name="key3"\n\nvalue3\n---123\nContent-Disposition: form-data; name="key4"\n\nvalue4\n---123\nContent-Disposition: form-data; name="upload"; filename="fake.txt"\nContent-Type: text/plain\n\nthis is the content of the fake file\n\n---123--\n'
    case('test_cgi qs and form data', mp_env('-123', data, qs='key1=value1&key2=value2x'), data)
    case('test_cgi qs and form data', {'REQUEST_METHOD': 'POST', 'QUERY_STRING': 'key1=value1&key2=value2x', 'CONTENT_LENGTH': '7'}, 'key3=v3')
    for sep, qs in ((';', 'a=1;b=2&c=3'), ('&', 'a=1;b=2&c=3'), (';', 'a=1;;b=')):
        case('test_cgi separator', {'REQUEST_METHOD': 'GET', 'QUERY_STRING': qs}, separator=sep)
        case('test_cgi separator', {'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': str(len(qs))}, qs, separator=sep)
    # every string cgi.parse_header is called with in test_cgi.py, as a part's headers
    with open(test_cgi.__file__, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'parse_header':
            h = node.args[0].value
            for body in ('--b\r\nContent-Disposition: %s\r\n\r\nv\r\n--b--\r\n' % h, '--b\r\nContent-Disposition: form-data; name=x\r\nContent-Type: %s\r\n\r\nv\r\n--b--\r\n' % h):
                b = body.encode('utf-8')
                case('test_cgi parse_header', mp_env('b', b), b)


def hostile():
    part = '--b\r\nContent-Disposition: form-data; name="f"\r\n\r\nvalue\r\n--b--\r\n'
    for boundary in ('', ' ', 'a ', 'x' * 200, 'x' * 201, '\u00e9', '"b"', 'b"', 'a\tb'):
        case('hostile boundary', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'multipart/form-data; boundary=' + boundary}, part)
    case('hostile boundary', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'multipart/form-data'}, part)
    case('hostile boundary', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'multipart/form-data; boundary="b\\"c"'}, part.replace('--b', '--b"c'))
    case('hostile boundary', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'multipart/form-data; boundary=c'}, part)
    for body in (part.replace('\r\n', '\n'), part.replace('\r\n', '\r'), part[:-2], part[:-9], part.replace('--b--', '--b'), part[:30], '', '\r\n' * 3, part.replace('\r\n\r\n', '\r\n'), part.replace('\r\n--b--\r\n', '--b--'), part + part, 'junk\r\n' + part, part.replace('--b\r\n', '--b  \r\n', 1)):
        case('hostile missing CRLF', mp_env('b', body), body)
        case('hostile missing CRLF', mp_env('b', body, False), body)
    for h in ('X-Big: ' + 'h' * 100000, 'Content-Disposition: form-data; name="' + 'n' * 70000 + '"', 'Content-Disposition: form-data;\r\n name="folded"', 'Content-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"',
              ' continuation-first: x\r\nContent-Disposition: form-data; name="c"', 'From someone\r\nContent-Disposition: form-data; name="d"', 'Content-Disposition: form-data; name="e"\r\nFrom x', ':no-name\r\nContent-Disposition: form-data; name="g"',
              'Bogus line\r\nContent-Disposition: form-data; name="h"', 'Content-Disposition : form-data; name="i"', 'content-disposition: form-data; NAME="j"; FileName="k.txt"', 'Content-Disposition: form-data; name="l\\"q"; filename="C:\\\\dir\\\\x.txt"',
              'Content-Disposition: form-data; name=m; name=n', 'Content-Disposition: form-data; name="semi;colon"; filename="a;b"', 'Content-Disposition: form-data; name=""', 'Content-Disposition: form-data; filename="../../etc/passwd"',
              'Content-Disposition: form-data; name="\xff\xfe"', 'Content-Disposition: form-data; name="o"\rContent-Type: text/x\r', 'Content-Disposition: form-data; name="p"\r\nContent-Length: 2', 'Content-Type: application/x-www-form-urlencoded', 'Content-Type: multipart/mixed; boundary=c'):
        body = ('--b\r\n%s\r\n\r\nbody-1&x=2\r\n--b\r\nContent-Disposition: form-data; name="after"\r\n\r\nok\r\n--b--\r\n' % h).encode('latin-1')
        case('hostile headers', mp_env('b', body), body)
    for content in (b'x' * 65535 + '\u00e9y'.encode(), b'x' * 65534 + '\u2603z'.encode(), b'x' * 65535 + b'\r\n\xe9\r\n', b'\xe2\x98' * 3 + b'\n\xff', b'x' * 65535 + b'\r' + b'\xa9' * 3 + b'y' * 10):
        body = b'--b\r\nContent-Disposition: form-data; name="t"\r\n\r\n' + content + b'\r\n--b--\r\n'
        case('hostile line cap', mp_env('b', body), body)
        body = body.replace(b'name="t"', b'name="t"; filename="f"')
        case('hostile line cap', mp_env('b', body), body)
        if len(content) < 100 or content.endswith('\u00e9y'.encode()):
            case('hostile line cap', {'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain'}, content)
    nested = b'--a\r\nContent-Disposition: form-data; name="n"\r\nContent-Type: multipart/mixed; boundary=c\r\n\r\n--c\r\nContent-Disposition: file; filename="f1"\r\n\r\none\r\n--c\r\nContent-Type: multipart/mixed; boundary=d\r\n\r\n--d\r\n\r\ndeep\r\n--d--\r\n--c--\r\n--a--\r\n'
    case('hostile nested', mp_env('a', nested), nested)
    case('hostile nested', mp_env('a', nested), nested, max_num_fields=2)
    case('hostile nested', mp_env('a', nested), nested, max_num_fields=4)
    many = '&'.join('f%d=%d' % (i, i) for i in range(2000))
    for n in (None, 1999, 2000, 0):
        case('hostile many fields', {'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': str(len(many))}, many, max_num_fields=n)
    mpm = ''.join('--b\r\nContent-Disposition: form-data; name="f%d"\r\n\r\n%d\r\n' % (i, i) for i in range(300)) + '--b--\r\n'
    for n in (None, 299, 300):
        case('hostile many fields', mp_env('b', mpm), mpm, max_num_fields=n)
    for qs in ('a=%41%4', '%zz=%E9%e9', 'a=%FF%FE&b=%C3%A9', '=v&n=', '&&a&=&b=1', '%00=%00', 'a+b=c+d%2B', 'a=1;b=2', '\u00e9=\u00e8'):
        for opts in ({}, {'keep_blank_values': True}, {'strict_parsing': True}):
            case('hostile query', {'REQUEST_METHOD': 'GET', 'QUERY_STRING': qs}, **opts)
    for body in (b'a=\xff\xfe&\xe9=1', b'a=1\r\n', b'a=1&b=2\n--x\n'):
        case('hostile urlencoded', {'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': str(len(body))}, body)
    for cl in ('abc', '-1', '-5', ' 12 ', '1_0', '0', '3', '99999', '\u0661\u0662', ''):
        case('hostile content-length', {'REQUEST_METHOD': 'POST', 'CONTENT_LENGTH': cl}, 'a=1&b=2&c=3')
        case('hostile content-length', mp_env('b', part, False) | {'CONTENT_LENGTH': cl}, part)
    for env, body in (({'REQUEST_METHOD': 'head', 'QUERY_STRING': 'a=1'}, 'ignored=1'), ({}, 'x=1'), ({'QUERY_STRING': 'q=1'}, ''), ({'REQUEST_METHOD': 'PUT', 'QUERY_STRING': 'q=1', 'CONTENT_LENGTH': '3'}, 'a=1'),
                      ({'REQUEST_METHOD': 'DELETE'}, 'line1\nline2\r\n\xff'), ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain'}, 'hello\r\nworld'), ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain', 'CONTENT_LENGTH': '5'}, 'hello world'),
                      ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain', 'CONTENT_LENGTH': '0'}, 'x'), ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'application/json'}, '{"a": 1}'), ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'Application/X-WWW-Form-Urlencoded'}, 'a=1'),
                      ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'application/x-www-form-urlencoded; charset=utf-8', 'QUERY_STRING': ''}, 'a=1'), ({'REQUEST_METHOD': 'POST', 'CONTENT_TYPE': 'text/plain'}, 'x' * 70000 + '\n' + '\u00e9' * 300)):
        case('hostile methods and types', env, body.encode('utf-8') if isinstance(body, str) and not body.startswith('line1') else body)


def random_cases():
    alphabet = ['a', 'b', 'Z', '0', ' ', '=', '&', ';', '%', '%41', '%e9', '%C3%A9', '+', '"', "'", '\\', '\r', '\n', '\t', '\xe9', '\xff', '--', '-', '$(', '`', '\x00']
    def word(n):
        return ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))
    for i in range(300):
        qs = word(14)
        opts = rng.choice(({}, {'keep_blank_values': True}, {'strict_parsing': True}, {'separator': ';'}))
        if i % 2:
            case('random urlencoded', {'REQUEST_METHOD': 'GET', 'QUERY_STRING': qs.replace('\x00', '')}, **opts)
        else:
            case('random urlencoded', {'REQUEST_METHOD': 'POST', 'QUERY_STRING': word(4).replace('\x00', '')}, qs.encode('latin-1'), **opts)
    for i in range(300):
        boundary = rng.choice(('b', '-123', 'AaB03x', '----WebKitFormBoundary7MA4YWxkTrZu0gW', 'x y'))
        eol = rng.choice(('\r\n', '\r\n', '\n'))
        parts = []
        for _ in range(rng.randint(0, 5)):
            disp = 'form-data; name="%s"' % word(5).replace('"', '').replace('\r', '').replace('\n', '')
            if rng.random() < 0.3:
                disp += '; filename="%s"' % word(6).replace('"', '').replace('\r', '').replace('\n', '')
            hdrs = ['Content-Disposition: ' + disp]
            if rng.random() < 0.3:
                hdrs.append('Content-Type: ' + rng.choice(('text/plain', 'application/octet-stream', 'image/png; x=1', 'application/x-www-form-urlencoded')))
            parts.append('--%s%s%s%s%s%s' % (boundary, eol, eol.join(hdrs), eol, eol, word(20)))
        body = eol.join(parts) + (eol if parts else '') + '--%s--%s' % (boundary, rng.choice((eol, '', eol + 'epilogue')))
        if rng.random() < 0.1:
            body = body[:rng.randint(0, len(body))]
        b = body.encode('latin-1')
        opts = rng.choice(({}, {}, {'keep_blank_values': True}, {'max_num_fields': rng.randint(0, 4)}))
        case('random multipart', mp_env(boundary, b, rng.random() < 0.8, qs=rng.choice((None, 'q=1'))), b, **opts)


cpython_vectors()
hostile()
random_cases()
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, 'cgi-form.json'), 'w', encoding='utf-8') as f:
    json.dump({'about': 'cgi.FieldStorage(fp, environ, ...) of CPython 3.11', 'python': sys.version.split()[0], 'seed': SEED, 'cases': CASES}, f, ensure_ascii=True, separators=(',', ':'))
    f.write('\n')
