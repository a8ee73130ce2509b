#!/usr/bin/env python3
"""Writes the http-server conformance fixtures with CPython 3.11's http.server (the oracle).

Usage: python3 test/conformance/http-server/generate.py [OUT_DIR]   (default: ./fixtures here)

listing.json: SimpleHTTPRequestHandler.list_directory on a fake handler over real temp
directories with tricky names (spaces, &<>"', %, #, ?, non-ASCII, non-UTF-8 bytes, case
ordering, symlinks to files, directories and nowhere, subdirectories, an empty directory),
for many request paths (query strings, %-escapes, surrogate escapes): the entries as
os.listdir gives them (with os.path.isdir / os.path.islink), and the body as latin-1 text,
or the exception's type.
guess-type.json: SimpleHTTPRequestHandler.guess_type of every extension of the built-in
mimetypes tables in case variants, compound and odd names (mimetypes reads no system file).
error-page.json: DEFAULT_ERROR_MESSAGE as send_error fills it for every HTTPStatus and other
codes with hostile messages, and BaseHTTPRequestHandler.responses.
log-line.json: log_request lines for hostile request lines, at pinned times in several TZs.
paths.json: translate_path and _url_collapse_path for test_httpservers' vectors and seeded
random and hostile paths.
http-date.json: formatdate(t, usegmt=True) and send_head's If-Modified-Since reading.
"""
import datetime
import email.utils
import http
import http.server as hs
import io
import json
import mimetypes
import os
import random
import re
import shutil
import sys
import tempfile
import time

if sys.version_info[:2] != (3, 11):
    sys.exit('generate.py needs CPython 3.11 (the oracle), not %d.%d' % sys.version_info[:2])

SEED = 1945
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'fixtures')
rng = random.Random(SEED)
# only the built-in tables (netkit's choice): no /etc/mime.types
mimetypes.inited = True
mimetypes._db = mimetypes.MimeTypes()


def write(name, about, cases):
    doc = {'about': about, 'python': '3.11', 'seed': SEED, 'cases': cases}
    with open(os.path.join(OUT, name), 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write('\n')


def handler(path='/'):
    h = hs.SimpleHTTPRequestHandler.__new__(hs.SimpleHTTPRequestHandler)
    h.path = path
    h.directory = '/srv'
    h.send_response = lambda *a: None
    h.send_header = lambda *a: None
    h.end_headers = lambda: None
    return h


def rand_text(alphabet, n):
    return ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))


HOSTILE = ['/', '.', '..', '%', '%%', '%2', '%2e', '%2E%2e', '%2f', '%00', '%ff', '%FF%FE', '%c3%a9', '%C3', '%e2%82',
           '%ed%b2%80', '%ED%B3%BF', '%ed%a0%80', '?', '#', '&', '<', '>', '"', "'", ' ', '\t', '\n', '\x00', '\\',
           'é', '日本', '\U0001f600', '\udc80', 'a', 'B', '.gz', '~', ';', '=', '+', '\x7f', '\x85', '\u2028']


def hostile_path(n=8):
    return ''.join(rng.choice(HOSTILE) for _ in range(rng.randint(0, n)))


# ---------------------------------------------------------------- listing
def listing_cases():
    tmp = tempfile.mkdtemp()
    try:
        dirs = {}
        d = os.path.join(tmp, 'tricky')
        os.mkdir(d)
        names = ['a file.txt', 'A&B<c>"d\'.html', '100%.txt', '%41%2F', 'hash#tag', 'what?.txt', 'café', 'Ünïcödé.md',
                 '日本語.txt', 'emoji\U0001f600', 'README', 'readme.txt', 'Readme.md', 'zeta', 'Zeta2', 'alpha', 'ALPHA.b',
                 '.hidden', '..dots', '-dash', '_under', '~tilde', 'semi;colon', 'plus+eq=', 'tab\tname', 'nl\nname',
                 'back\\slash', 'ΣΑΣ', 'straße', 'ǅ', 'İi', 'K', 'ﬀ']
        for n in names:
            open(os.path.join(d, n), 'w').close()
        for n in ['sub dir', 'Sub&Dir', 'z-dir', 'é-dir']:
            os.mkdir(os.path.join(d, n))
        os.symlink('a file.txt', os.path.join(d, 'link to file'))
        os.symlink('sub dir', os.path.join(d, 'link-to-dir'))
        os.symlink('nowhere', os.path.join(d, 'broken<link>'))
        for raw in [b'latin1-\xe9.txt', b'\xff\xfe', b'mixed-\xc3\xa9-\x80', b'\xed\xa0\x80-surrogate']:
            open(os.path.join(d.encode(), raw), 'w').close()
        os.mkdir(os.path.join(d.encode(), b'dir-\xfc'))
        dirs['tricky'] = d
        e = os.path.join(tmp, 'empty')
        os.mkdir(e)
        dirs['empty'] = e
        c = os.path.join(tmp, 'case')
        os.mkdir(c)
        for n in ['b', 'B', 'a', 'A', 'aa', 'Ab', 'aB', '_', '[', 'Z', 'z', '0', '9']:
            try:
                open(os.path.join(c, n), 'w').close()
            except OSError:
                pass
        dirs['case'] = c
        paths = ['/', '/tricky/', '/a%20b/', '/%41%42/', '/%26%3C%3E/', '/&<>"\'/', '/x?q=1&r=<2>', '/x/?%3C', '/#frag',
                 '/caf%C3%A9/', '/caf%E9/', '/%ff/', '/%ED%B2%80/', '/%ed%b3%bf/', '/%ED%A0%80/', '/%ed%a0%80x%ff/',
                 '/%00/', '/%0a/', '/\u00e9/', '/%25/', '/%%/', '/%2/', '/a/b/c/', '//double//', '/dir%2Fslash/',
                 '/%E2%82/', '/%F0%9F%98%80/', '/\udc80/']
        for _ in range(60):
            paths.append('/' + hostile_path())
        cases = []
        for key, dpath in dirs.items():
            # a seeded order for os.listdir (the file system's own order is not reproducible); ties in
            # name.lower() keep it, as Python's stable sort does
            listed = sorted(os.listdir(dpath))
            rng.shuffle(listed)
            entries = [{'name': n, 'isDir': os.path.isdir(os.path.join(dpath, n)), 'isLink': os.path.islink(os.path.join(dpath, n))}
                       for n in listed]
            for p in paths:
                h = handler(p)
                real_listdir = os.listdir
                os.listdir = lambda _p, listed=listed: list(listed)
                try:
                    f = h.list_directory(dpath)
                    result = {'body': f.read().decode('latin-1')}
                except Exception as exc:  # noqa: BLE001 - record what Python raises
                    result = {'error': type(exc).__name__}
                finally:
                    os.listdir = real_listdir
                cases.append({'tag': key, 'path': p, 'entries': entries, **result})
        return cases
    finally:
        shutil.rmtree(tmp)


# ---------------------------------------------------------------- guess_type
def guess_cases():
    db = mimetypes._db
    exts = set(db.types_map[True]) | set(db.types_map[False]) | set(db.encodings_map) | set(db.suffix_map)
    exts |= set(hs.SimpleHTTPRequestHandler.extensions_map)
    exts |= {'.GZ', '.z', '.BZ2', '.Xz', '.BR', '.TGZ', '.unknown', '.', '..', '.html.', '.é', '.ＨＴＭＬ', '.htmL'}
    names = []
    for ext in sorted(exts):
        for variant in sorted({ext, ext.upper(), ext.lower(), ext.capitalize(), ext.swapcase()}):
            names += ['file' + variant, '/srv/dir/file' + variant, '/srv/.dotdir/x' + variant, variant,
                      'archive.tar' + variant, 'page.html' + variant]
    names += ['', 'noext', '/srv/dir.d/noext', '.bashrc', '..', '...', '....txt', 'a.', 'a..', '/a/.b.c', '/x.tar.gz',
              '/x.tar.bz2', '/x.tar.xz', '/x.tgz', '/x.taz', '/x.tz', '/x.tbz2', '/x.txz', '/x.TAR.GZ', '/x.Tgz',
              '/x.svgz', '/x.js.gz', '/x.json.br', '/x.html.Z', '/x.html.z', 'data:text/plain,hello', 'DATA:image/png;base64,xx',
              'data:foo', 'data:a=b,c', 'data:,x', 'http://h/x.html', 'file:///x.css', 'c:\\x.png', 'x.png?q=1', 'x.png#f',
              '/dir.html/', '/dir.html/file', 'x.gz.gz', 'x.tgz.gz', 'x.\u212aey', 'x.\u0130', 'x.ﬁle']
    for _ in range(1500):
        names.append(hostile_path(4) + rng.choice(['', '.']) + rng.choice(sorted(exts)) + rng.choice(['', '', '.gz', '.Z', '.tar']))
    cases = []
    seen = set()
    for n in names:
        if n in seen:
            continue
        seen.add(n)
        cases.append({'tag': 'guess_type', 'path': n, 'type': handler().guess_type(n), 'mimetypes': list(mimetypes.guess_type(n))})
    return cases


# ---------------------------------------------------------------- error pages
def error_cases():
    messages = ['', 'Not Found', '<script>alert(1)</script>', 'a & b', '"quoted" \'single\'', '%s %d %(code)s', 'caf\u00e9',
                '\x00\r\n\t', '&amp;', '<<>>&&', '\U0001f600', '\udc80', 'x\ud800y', 'File not found', 'Unsupported method (\'<X>\')']
    codes = [s.value for s in http.HTTPStatus] + [0, 1, 99, 199, 299, 420, 499, 599, 600, 999, 1000, -1]
    cases = []
    for code in codes:
        short, long = hs.BaseHTTPRequestHandler.responses.get(code, ('???', '???'))
        pairs = [(short, long)] + [(rng.choice(messages), rng.choice(messages)) for _ in range(3)]
        for m, e in pairs:
            page = hs.DEFAULT_ERROR_MESSAGE % {'code': code, 'message': hs.html.escape(m, quote=False), 'explain': hs.html.escape(e, quote=False)}
            cases.append({'tag': 'error_page', 'code': code, 'message': m, 'explain': e, 'page': page,
                          'body': page.encode('UTF-8', 'replace').decode('latin-1')})
        r = hs.BaseHTTPRequestHandler.responses.get(code)
        cases.append({'tag': 'responses', 'code': code, 'result': list(r) if r else None})
    return cases


# ---------------------------------------------------------------- log lines
def log_cases():
    lines = ['GET / HTTP/1.1', 'GET /a%20b?x=1 HTTP/1.0', 'GET /\x1b[31mred\x1b[0m HTTP/1.1', 'GET /\x00\x01\x1f\x7f HTTP/1.1',
             'GET /\x80\x85\x9f\xa0 HTTP/1.1', 'GET /back\\slash HTTP/1.1', 'GET /"quote" HTTP/1.1', 'GET /caf\u00e9 HTTP/1.1',
             '\r\n', '', 'POST /%s%d HTTP/1.1', 'GET /\U0001f600 HTTP/1.1', 'GET /\u2028\u0085 HTTP/1.1', '\\x41']
    for _ in range(60):
        lines.append(''.join(chr(rng.choice([rng.randint(0, 0x20), rng.randint(0x7e, 0xa1), rng.randint(0x20, 0x7e), 0x5c, 0xe9, 0x1f600]))
                             for _ in range(rng.randint(0, 20))))
    codes = [200, 404, '-', 304, http.HTTPStatus.NOT_FOUND, '\x1b', 'code\\']
    sizes = [0, 1234, '-', '\x07']
    zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']
    times = [0, 946684799, 1000000000, 1234567890, 1700000000, 1710054000, 1711846799, 1800000000]
    cases = []
    saved_time = time.time
    try:
        for zone in zones:
            os.environ['TZ'] = zone
            time.tzset()
            for t in times:
                time.time = lambda t=t: t + 0.75
                h = handler()
                h.requestline = rng.choice(lines)
                h.client_address = (rng.choice(['127.0.0.1', '::1', '10.0.0.2']), 1234)
                code = rng.choice(codes)
                size = rng.choice(sizes)
                err = io.StringIO()
                real = sys.stderr
                sys.stderr = err
                try:
                    h.log_request(code, size)
                finally:
                    sys.stderr = real
                cases.append({'tag': 'log_request', 'tz': zone, 'ms': t * 1000 + 750, 'client': h.client_address[0],
                              'requestline': h.requestline, 'code': int(code) if isinstance(code, int) else code, 'size': size,
                              'line': err.getvalue(), 'date': h.log_date_time_string()})
        os.environ['TZ'] = 'UTC'
        time.tzset()
        for line in lines:
            time.time = lambda: 1700000000
            h = handler()
            h.requestline = line
            h.client_address = ('127.0.0.1', 1)
            err = io.StringIO()
            real = sys.stderr
            sys.stderr = err
            try:
                h.log_request(200, '-')
            finally:
                sys.stderr = real
            cases.append({'tag': 'log_escape', 'tz': 'UTC', 'ms': 1700000000000, 'client': '127.0.0.1', 'requestline': line,
                          'code': 200, 'size': '-', 'line': err.getvalue(), 'date': h.log_date_time_string()})
    finally:
        time.time = saved_time
        os.environ.pop('TZ', None)
        time.tzset()
    return cases


# ---------------------------------------------------------------- paths
def test_vectors():
    import test
    src = open(os.path.join(os.path.dirname(test.__file__), 'test_httpservers.py'), encoding='utf-8').read()
    block = src[src.index('def test_url_collapse_path'):]
    block = block[:block.index('for path, expected')]
    collapse = [eval(m) for m in re.findall(r"^\s+('(?:[^'\\]|\\.)*'):", block, re.M)]
    translate = sorted(set(eval(m) for m in re.findall(r"translate_path\(('(?:[^'\\]|\\.)*')\)", src)))
    return collapse, translate


def path_cases():
    collapse, translate = test_vectors()
    extra = ['', '/', '//', '///', '/a/./b/../c/', '/a/%2e%2e/b', '/a/%2E%2E/%2e/', '/..%2f..%2fetc/passwd', '/%2e%2e/x',
             '/a?b/../..', '/a/..?x', '/?', '/a/b?q=../..', '/ /', '/a /', '/a/ ', '/a/\t', '/a/\x85', '/x/\u3000',
             '/caf%E9', '/caf%C3%A9', '/%ED%B2%80', '/%ed%a0%80/', '/%ff%fe/', '/\\..\\x', '/a#b/..', '/a/b#?c', '/%3F/x',
             '/%23/x', '/./././', '/../a', 'a/b', '../../x/', '/a/b/../../../..', '/\x00/', '/%00/x']
    rand = ['/' + hostile_path(10) for _ in range(400)]
    cases = []
    for p in collapse + extra + rand:
        try:
            result = {'result': hs._url_collapse_path(p)}
        except Exception as exc:  # noqa: BLE001
            result = {'error': type(exc).__name__, 'message': str(exc)}
        cases.append({'tag': 'url_collapse_path', 'path': p, **result})
    for p in translate + extra + rand:
        for directory in ['/srv/www', '/srv/www/', 'rel', '', '/']:
            h = handler()
            h.directory = directory
            cases.append({'tag': 'translate_path', 'path': p, 'directory': directory, 'result': h.translate_path(p)})
    return cases


# ---------------------------------------------------------------- dates
def ims(value):
    """send_head's reading of If-Modified-Since: epoch ms, or None where the header is ignored."""
    try:
        d = email.utils.parsedate_to_datetime(value)
    except (TypeError, IndexError, OverflowError, ValueError):
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    if d.tzinfo is not datetime.timezone.utc:
        return None
    return int(d.timestamp()) * 1000


def date_cases():
    cases = []
    times = [0, 1, 999, 1000, -1, -1000, -1001, 784111777000, 951782400000, 1700000000123, 4102444800000, 253402300799000,
             -62135596800000, 1234567890999]
    for _ in range(300):
        times.append(rng.randint(-62135596800, 253402300799) * 1000 + rng.choice([0, 1, 500, 999]))
    times += [1700000000999.9996, 1700000000999.9994, 1700000000000.0005, 1700000000000.0015, 999.9995, -0.0004, -0.0006,
              -999.9996, 1700000000123.456, 253402300799999.9995, -62135596800000.0004, -62135596800001, 253402300800000,
              1e15, -1e15, 8.64e15, -8.64e15, 1e18, -1e18, 1e20, 9.3e21, 1e300, float('inf'), float('-inf'), float('nan')]
    for _ in range(60):
        times.append(rng.randint(0, 4102444800000) + rng.random())
    for ms in times:
        try:
            result = {'result': email.utils.formatdate(ms / 1000, usegmt=True)}
        except Exception as exc:  # noqa: BLE001
            result = {'error': type(exc).__name__, 'message': str(exc)}
        cases.append({'tag': 'formatdate', 'ms': ms if ms == ms and abs(ms) != float('inf') else str(ms), **result})
    texts = ['Sun, 06 Nov 1994 08:49:37 GMT', 'Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994', '06 Nov 1994 08:49:37',
             'Sun, 06 Nov 1994 08:49:37 +0000', 'Sun, 06 Nov 1994 08:49:37 -0000', 'Sun, 06 Nov 1994 08:49:37 +0100',
             'Sun, 06 Nov 1994 08:49:37 UT', 'Sun, 06 Nov 1994 08:49:37 Z', 'Sun, 06 Nov 1994 08:49:37 EST', 'Sun, 06 Nov 1994 08:49',
             'Sun, 06 Nov 1994 08.49.37 GMT', 'Sun, 06 Nov 1994 08.49 GMT', '06 Nov 94 08:49:37 GMT', '06 Nov 68 08:49:37 GMT',
             '06 Nov 69 08:49:37 GMT', 'Nov 06 1994 08:49:37 GMT', '1994 Nov 06 08:49:37 GMT', '06 November 1994 08:49:37 GMT',
             'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 29 Feb 2000 08:49:37 GMT', 'Sun, 29 Feb 1900 08:49:37 GMT', 'Sun, 06 Nov 1994 24:00:00 GMT',
             'Sun, 06 Nov 1994 23:60:00 GMT', 'Sun, 06 Nov 1994 23:59:60 GMT', 'Sun, 06 Nov 10000 08:49:37 GMT', 'Sun, 06 Nov 0 08:49:37 GMT',
             'Sun, 06 Nov -5 08:49:37 GMT', 'Sun, 06 Nov 99999999999999999999 08:49:37 GMT', '', ' ', 'garbage', 'a b c d e',
             'Sun, 06 Nov 1994 08:49:37 +2400', 'Sun, 06 Nov 1994 08:49:37 +2359', 'Sun, 06 Nov 1994 08:49:37 -0030',
             'Sun, 06 Nov 1994 08:49:37 -0', 'Sun, 06 Nov 1994 08:49:37 +0', 'Sun, 06 Nov 1994 08:49:37 +00', 'Sun, 06 Nov 1994 08:49:37 GMT+1',
             'Sun, 06 Nov 1994 08:49:37 +0000 extra', '06-Nov-1994 08:49:37 GMT', '6 Nov 1994 8:9:7 GMT', '06 Nov 1994 08:49:37+0000',
             '06 Nov 1994 08:49:37-0000', '06 Nov 1994 08:49:37', 'Sun 06 Nov 1994 08:49:37 GMT', 'Foo, 06 Nov 1994 08:49:37 GMT',
             'x,06 Nov 1994 08:49:37 GMT', ',06 Nov 1994 08:49:37 GMT', '06, Nov, 1994, 08:49:37, GMT', '06 Nov 1994, 08:49:37 GMT',
             '06 Nov 1994 08:49:37, GMT', '06 Nov , 08:49:37 GMT', '06 Nov 1_994 08:49:37 GMT', '٠٦ Nov ١٩٩٤ 08:49:37 GMT',
             '06 Nov 1994 08:49:37 ＧＭＴ', '06\u3000Nov\u30001994\u300008:49:37\u3000GMT', '06 Nov 1994 08:49:37 +٠١٠٠',
             '06 Nov 1994 08:49:37 gmt', '06 NOV 1994 08:49:37 GMT', '06 nov. 1994 08:49:37 GMT', '06 Nov 1994 8 GMT',
             '06 Nov 1994 08:49:37:00 GMT', '06 Nov 1994 :49:37 GMT', '06 Nov 1994 08:49: GMT', 'Nov 1994 08:49:37 GMT',
             '06 Nov 1994 08:49:37 +999999', '06 Nov 1994 08:49:37 -99999999999999999999', '1 Jan 1 00:00:00 GMT',
             '31 Dec 9999 23:59:59 GMT', '01 Jan 0001 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', '-Nov- 08:49:37 GMT',
             '06-Nov- 08:49:37 GMT', 'Mon,', 'Mon, ', '1,2,3 4 5', 'Sun, 06 Nov 1994 08:49:37 GMT\x00', '\x1c06 Nov 1994 08:49:37 GMT']
    words = ['Sun,', 'Mon', '06', '6', '31', '32', '0', 'Nov', 'nov', 'November', 'may', 'Foo', '1994', '94', '68', '69', '00',
             '08:49:37', '8:49', '08.49.37', '25:00:00', 'GMT', 'UTC', 'EST', '+0000', '-0000', '+0100', '-0500', ',', '-', '+',
             '06-Nov-94', '1994,', '08:49:37,', 'x']
    for _ in range(800):
        texts.append(rng.choice([' ', '  ', ', ', ' ']).join(rng.choice(words) for _ in range(rng.randint(0, 7))))
    for ms in times[:60]:
        texts.append(email.utils.formatdate(ms / 1000, usegmt=True))
    months = ['Jan', 'feb', 'MAR', 'Apr', 'May', 'Jun', 'July', 'aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec', 'December', 'Xyz']
    zones = ['GMT', 'UTC', 'UT', 'Z', 'gmt', '+0000', '-0000', '+0100', '-0130', 'EST', 'PDT', '', '+2400', '-9999', 'XYZ', '00']
    for _ in range(600):
        day = str(rng.choice([0, 1, 9, 28, 29, 30, 31, 32, rng.randint(1, 31)])).zfill(rng.choice([1, 2]))
        year = str(rng.choice([0, 1, 50, 68, 69, 99, 100, 999, 1900, 1970, 2000, 2024, 2038, 9999, 10000, rng.randint(1, 9999)]))
        clock = ':'.join(str(rng.choice([0, 5, 23, 24, 59, 60, 99])).zfill(2) for _ in range(rng.choice([2, 3, 3, 3, 4])))
        month = rng.choice(months)
        form = rng.randrange(4)
        if form == 0:
            text = '%s, %s %s %s %s %s' % (rng.choice(['Sun', 'Mon', 'Fri']), day, month, year, clock, rng.choice(zones))
        elif form == 1:
            text = '%s, %s-%s-%s %s %s' % ('Sunday', day, month, year[-2:], clock, rng.choice(zones))
        elif form == 2:
            text = '%s %s %s %s %s' % ('Sun', month, day, clock, year)
        else:
            text = '%s %s %s %s%s' % (day, month, year, clock, rng.choice(zones))
        texts.append(text.strip())
    seen = set()
    for t in texts:
        if t in seen:
            continue
        seen.add(t)
        cases.append({'tag': 'if_modified_since', 'text': t, 'result': ims(t)})
    return cases


os.makedirs(OUT, exist_ok=True)
write('listing.json', 'SimpleHTTPRequestHandler.list_directory bodies (latin-1 text of the bytes)', listing_cases())
write('guess-type.json', 'SimpleHTTPRequestHandler.guess_type and mimetypes.guess_type with the built-in tables', guess_cases())
write('error-page.json', "send_error's DEFAULT_ERROR_MESSAGE page and BaseHTTPRequestHandler.responses", error_cases())
write('log-line.json', 'log_request lines and log_date_time_string at pinned times and zones', log_cases())
write('paths.json', 'translate_path and _url_collapse_path', path_cases())
write('http-date.json', "formatdate(usegmt=True) and send_head's If-Modified-Since reading", date_cases())
