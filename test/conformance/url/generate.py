#!/usr/bin/env python3
"""Conformance fixtures for netkit's `url` engine (urllib.parse), written by CPython 3.11.

    python3 test/conformance/url/generate.py [OUTDIR]    (default: test/conformance/url/fixtures)

Writes
  url-split.json  urlsplit, urlparse (every field, username/password/hostname/port, geturl),
                  urlunsplit, urlunparse, urldefrag, urljoin
  url-quote.json  quote, quote_plus, unquote, unquote_plus, urlencode, parse_qsl, parse_qs

The inputs are (1) every str call of those functions that CPython's own Lib/test/test_urlparse.py
(UrlParseTestCase) and Lib/test/test_urllib.py (QuotingTests, UnquotingTests, urlencode_Tests)
make, recorded by running those tests with the functions wrapped, and (2) random and hostile
inputs from a fixed seed: control characters, non-ASCII, percent-encoded bytes, IPv6 brackets,
huge ports, 10,000-character components. Every outcome is {"ok": ...} or {"error": {"type",
"message"}}. Nothing depends on hash order or the clock, so two runs write identical bytes
(url/fixtures-fresh.test.ts relies on that).
"""
import sys

if sys.version_info[:2] != (3, 11):
    sys.exit(f"generate.py: needs CPython 3.11 (the oracle netkit follows), not {sys.version.split()[0]}")

import inspect
import io
import json
import os
import random
import re
import unicodedata
import unittest
import urllib.parse as P
import warnings

SEED = 0x75726C6B  # "urlk"
HERE = os.path.dirname(os.path.abspath(__file__))
PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")

SPLIT_FNS = ["urlsplit", "urlparse", "urlunsplit", "urlunparse", "urldefrag", "urljoin"]
QUOTE_FNS = ["quote", "quote_plus", "unquote", "unquote_plus", "urlencode", "parse_qsl", "parse_qs"]
ORIG = {name: getattr(P, name) for name in SPLIT_FNS + QUOTE_FNS}


def error_of(exc):
    return {"type": type(exc).__name__, "message": str(exc)}


def outcome(fn):
    try:
        return {"ok": fn()}
    except Exception as e:  # noqa: BLE001 - every Python exception is an expected answer
        return {"error": error_of(e)}


def strings_ok(v):
    """JSON-safe for JavaScript: no str holds a surrogate pair (JS would read one character)."""
    if isinstance(v, str):
        return not PAIR.search(v)
    if isinstance(v, (list, tuple)):
        return all(strings_ok(x) for x in v)
    if isinstance(v, dict):
        return all(strings_ok(k) and strings_ok(x) for k, x in v.items())
    return True


# --------------------------------------------------------------------------- the answers


def split_answer(r):
    out = {"fields": list(r)}
    for attr in ("username", "password", "hostname", "port"):
        out[attr] = outcome(lambda: getattr(r, attr))
    out["geturl"] = r.geturl()
    return out


def answer(fn, a):
    f = ORIG[fn]
    if fn in ("urlsplit", "urlparse"):
        return outcome(lambda: split_answer(f(a["url"], a["scheme"], a["allow_fragments"])))
    if fn in ("urlunsplit", "urlunparse"):
        return outcome(lambda: f(tuple(a["components"])))
    if fn == "urldefrag":
        return outcome(lambda: list(f(a["url"])))
    if fn == "urljoin":
        return outcome(lambda: f(a["base"], a["url"], a["allow_fragments"]))
    if fn in ("quote", "quote_plus"):
        return outcome(lambda: f(a["string"], a["safe"], a["encoding"], a["errors"]))
    if fn in ("unquote", "unquote_plus"):
        return outcome(lambda: f(a["string"], a["encoding"], a["errors"]))
    if fn == "urlencode":
        via = P.quote if a["quote_via"] == "quote" else P.quote_plus
        query = [(k, v if isinstance(v, str) else list(v)) for k, v in a["query"]]
        return outcome(lambda: f(query, a["doseq"], a["safe"], a["encoding"], a["errors"], via))
    if fn in ("parse_qsl", "parse_qs"):
        kw = {k: a[k] for k in ("keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator")}
        if fn == "parse_qs":
            return outcome(lambda: [[k, v] for k, v in f(a["qs"], **kw).items()])
        return outcome(lambda: [list(p) for p in f(a["qs"], **kw)])
    raise AssertionError(fn)


def case(tag, fn, args):
    c = {"tag": tag, "fn": fn, "args": args, "expected": answer(fn, args)}
    return c if strings_ok(c) else None


# --------------------------------------------------------------------------- CPython's own tests


def canonical(fn, args, kwargs):
    """The call's arguments with defaults filled in, or None for calls outside netkit's API
    (bytes, non-str objects, custom quote_via, dict subclasses...)."""
    try:
        b = inspect.signature(ORIG[fn]).bind(*args, **kwargs)
    except TypeError:
        return None
    b.apply_defaults()
    a = dict(b.arguments)
    if fn in ("quote", "quote_plus"):
        a["encoding"] = "utf-8" if a["encoding"] is None else a["encoding"]
        a["errors"] = "strict" if a["errors"] is None else a["errors"]
    if fn == "urlencode":
        q = a["query"]
        q = list(q.items()) if hasattr(q, "items") else q
        if not isinstance(q, (list, tuple)) or not all(isinstance(p, tuple) and len(p) == 2 for p in q):
            return None
        pairs = []
        for k, v in q:
            if not isinstance(k, str):
                return None
            if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
                v = list(v)
            elif not isinstance(v, str):
                return None
            pairs.append([k, v])
        via = {P.quote: "quote", P.quote_plus: "quote_plus"}.get(a["quote_via"])
        if via is None:
            return None
        a.update(query=pairs, quote_via=via, doseq=bool(a["doseq"]))
        a["encoding"] = "utf-8" if a["encoding"] is None else a["encoding"]
        a["errors"] = "strict" if a["errors"] is None else a["errors"]
    if fn in ("urlunsplit", "urlunparse"):
        a["components"] = list(a["components"]) if isinstance(a["components"], (list, tuple)) else None
    if fn in ("urlsplit", "urlparse", "urljoin"):
        if not isinstance(a["allow_fragments"], bool):
            return None
    if fn in ("parse_qsl", "parse_qs"):
        m = a["max_num_fields"]
        if m is not None and type(m) is not int or type(a["keep_blank_values"]) is not bool or type(a["strict_parsing"]) is not bool:
            return None
    for k, v in a.items():
        if k in ("allow_fragments", "doseq", "keep_blank_values", "strict_parsing", "max_num_fields", "query", "quote_via"):
            continue
        if k == "components":
            if v is None or not all(isinstance(x, str) for x in v):
                return None
        elif not isinstance(v, str):
            return None
    return a


def cpython_cases():
    import test.test_urllib as tu
    import test.test_urlparse as tp

    recorded = []

    def wrap(name):
        orig = ORIG[name]

        def wrapper(*args, **kwargs):
            recorded.append((name, args, kwargs))
            return orig(*args, **kwargs)

        if hasattr(orig, "cache_clear"):
            wrapper.cache_clear = orig.cache_clear
        return wrapper

    for name in ORIG:
        setattr(P, name, wrap(name))
    try:
        loader = unittest.TestLoader()
        suite = unittest.TestSuite()
        suite.addTests(loader.loadTestsFromTestCase(tp.UrlParseTestCase))
        for cls in (tu.QuotingTests, tu.UnquotingTests, tu.urlencode_Tests):
            suite.addTests(loader.loadTestsFromTestCase(cls))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    finally:
        for name, f in ORIG.items():
            setattr(P, name, f)
    cases = []
    for name, args, kwargs in recorded:
        a = canonical(name, args, kwargs)
        if a is not None:
            cases.append(("cpython", name, a))
    # the module-level tables of test_urlparse (parse_qsl / parse_qs inputs)
    for qs, _ in tp.parse_qsl_test_cases + tp.parse_qs_test_cases:
        if isinstance(qs, str):
            for fn in ("parse_qsl", "parse_qs"):
                for keep in (False, True):
                    cases.append(("cpython", fn, canonical(fn, (qs,), {"keep_blank_values": keep})))
    return cases


# --------------------------------------------------------------------------- random and hostile


SCHEMES = ["http", "HTTPS", "ftp", "file", "mailto", "javascript", "svn+ssh", "x-y.z", "1abc", "a_b", "sip", "tel", "ws", "git+ssh", "h\u00e9", "", "HtTp", "data", "urn", "path"]
USERS = ["", "user@", "user:pass@", ":@", "a:b:c@", "u%40x:p%3A@", "us\u00e9r@", "a@b@", "user:@", "@", "u ser:p\tw@"]
HOSTS = ["example.com", "EXAMPLE.COM", "127.0.0.1", "[::1]", "[::FFFF:1.2.3.4]", "[v1.fe]", "[v1.]", "[vG.x]", "[1.2.3.4]",
         "[fe80::1%eth0]", "[fe80::1%25Eth0]", "[zz]", "[", "]", "[::1", "::1]", "[::1]x", "ex\u00e4mple.com", "\u2100.com",
         "a\uff03b", "\uff1f", "\ufe6b", "\u00aa", "xn--nxasmq6b", "%65xample", "h o st", "host%00", "\u0130NSTANBUL", "\u03a3\u03a3",
         "", "localhost.", "0x7f.1", "[::]", "[2001:db8::1]", "[2001:db8:::1]", "[::1%]", "[v]", "[V1.x]", "[::1]]", "[[::1]"]
PORTS = ["", ":", ":80", ":0", ":65535", ":65536", ":-1", ":99999999999999999999", ":08", ": 80", ":\u0663", ":80a", ":+80",
         ":\u00b2", ":0000000000080", ":8_0", ":80:90"]
PATHS = ["", "/", "/a/b", "/a;p?", "/%7e/%2F", "/\u00e9", "/a b", "/../x", "/a/./b/../c", "//double", "/;p;q", "/a;b/c;d", "/\t/", "/%zz", "/%"]
QUERIES = ["", "?", "?a=1&b=2", "?q=%20+x", "?a=1;b=2", "?\u00e9=\u00fc", "?#", "??"]
FRAGS = ["", "#", "#frag", "#a#b", "#\u00e9", "#?q"]
JUNK = ["\x00", "\x01", "\x1f", " ", "\t", "\r", "\n", "\x7f", "\u00a0", "\u3000", "\ufeff", "%", "%2", "%41", "%c3%a9", "%ff",
        "[", "]", "@", ":", "/", "?", "#", ";", "\\", "\u00e9", "\U0001F600", "\ud800", "\udfff", "\u2100", "\uff0f", "+", "="]


def rand_url(rng):
    if rng.random() < 0.15:
        return "".join(rng.choice(JUNK + ["http", "//", "a", "1"]) for _ in range(rng.randint(0, 14)))
    s = rng.choice(SCHEMES)
    url = (s + ":" if s or rng.random() < 0.2 else "")
    if rng.random() < 0.8:
        url += "//" + rng.choice(USERS) + rng.choice(HOSTS) + rng.choice(PORTS)
    url += rng.choice(PATHS) + rng.choice(QUERIES) + rng.choice(FRAGS)
    for _ in range(rng.choice([0, 0, 1, 2])):
        i = rng.randint(0, len(url))
        url = url[:i] + rng.choice(JUNK) + url[i:]
    if rng.random() < 0.1:
        url = rng.choice(["\x00", " ", "\x1f ", "\t", "\u00a0"]) + url
    return url


def rand_text(rng, n=12):
    return "".join(rng.choice(JUNK + ["a", "Z", "0", "~", "-", "_", ".", " ", "%20", "%E2%82%AC", "%e9", "%80", "%C3", "%F0%9F%98",
                                       "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "\u20ac", "\xe9", "\xff", "\udce9", "\udc80"]) for _ in range(rng.randint(0, n)))


ENCODINGS = ["utf-8", "utf-8", "utf-8", "latin-1", "latin1", "iso-8859-1", "ascii", "UTF8", " Latin_1 ", "us-ascii", "bogus", "utf-9"]
ERRORS = ["strict", "replace", "ignore", "bogus", "backslashreplace", "xmlcharrefreplace", "surrogateescape"]
BASES = ["http://a/b/c/d;p?q", "http://a/b/c/d;p?q#f", "http://a", "http://a/", "https://u@h:1/x/y/", "ftp://h/a/b/", "file:///tmp/x",
         "mailto:a@b", "svn+ssh://h/r/", "x:/a/b", "", "//h/p", "/abs/path", "rel/path", "http:g", "http://a/b/../c/./d/"]
REFS = ["g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g;x", ";x", "", ".", "./", "..", "../", "../g", "../..", "../../",
        "../../../g", "/./g", "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y", "http:g", "https:g",
        "http://x/../y", "a//b", "//", "///x", "mailto:x", "\t/g", " g", "\x00g", "g\n", "%2e%2e/g", "[", "//[::1]/x", "//h:99999/"]


def random_cases(rng):
    out = []
    for _ in range(1300):
        url = rand_url(rng)
        fn = rng.choice(["urlsplit", "urlparse"])
        scheme = rng.choice(["", "", "", "http", " ftp\t", "\x00x"])
        out.append(("random", fn, {"url": url, "scheme": scheme, "allow_fragments": rng.random() < 0.85}))
        if rng.random() < 0.1:
            out.append(("random", "urldefrag", {"url": url}))
    for _ in range(1000):
        base = rng.choice(BASES) if rng.random() < 0.8 else rand_url(rng)
        ref = rng.choice(REFS) if rng.random() < 0.6 else "/".join(rng.choice(REFS + ["a", "b"]) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.1:
            ref = rand_url(rng)
        out.append(("random", "urljoin", {"base": base, "url": ref, "allow_fragments": rng.random() < 0.9}))
    comp = SCHEMES + ["", "", "h", "//x", "/p", "p", "a;b", "q=1", "#"]
    for _ in range(400):
        fn = rng.choice(["urlunsplit", "urlunparse"])
        n = 5 if fn == "urlunsplit" else 6
        out.append(("random", fn, {"components": [rng.choice(comp + PATHS + HOSTS) if rng.random() < 0.6 else "" for _ in range(n)]}))
    return out


def hostile_cases():
    big = "a" * 10000
    out = []
    for url in ["http://h:" + "1" * 10000 + "/", "http://h:" + "0" * 4301 + "80/", "http://h:" + "9" * 4300 + "/", "http://" + big + "/",
                "http://h/" + big + "?" + "q" * 10000 + "#" + "f" * 10000, "http://" + "u" * 10000 + "@h:1/", "\x00" * 10000 + "http://h/",
                "http://[" + "1" * 10000 + "]/", "http://h:" + "\u0661" * 10 + "/", "http://" + "%41" * 3000 + "/"]:
        out.append(("hostile", "urlsplit", {"url": url, "scheme": "", "allow_fragments": True}))
    out.append(("hostile", "urljoin", {"base": "http://h/" + "a/" * 3000, "url": "../" * 3500 + "x", "allow_fragments": True}))
    out.append(("hostile", "quote", {"string": "\u00e9" * 2000 + "a" * 8000, "safe": "/", "encoding": "utf-8", "errors": "strict"}))
    out.append(("hostile", "unquote", {"string": "%e9" * 5000 + "%", "encoding": "utf-8", "errors": "replace"}))
    out.append(("hostile", "parse_qsl", qs_args("a=1&" * 3000, max_num_fields=2999)))
    return out


def unicode_cases():
    """Hostnames whose lowercasing depends on the Unicode version (letters added after
    Unicode 14 stay as they are in 3.11; final sigma), and every character whose NFKC form
    holds a URL delimiter, in a netloc."""
    out = []
    for cp in [0x130, 0x3A3, 0x1E9E, 0x2C2F, 0x1C89, 0xA7CB, 0xA7CC, 0xA7DA, 0x10D50, 0x16E40, 0x1E900]:
        for url in ("//a" + chr(cp) + "b/", "//" + chr(cp) + "\u03a3.\u03a3\u03a3" + chr(cp) + ":1/"):
            out.append(("unicode", "urlsplit", {"url": url, "scheme": "", "allow_fragments": True}))
    for cp in range(0x80, 0x110000):
        c = chr(cp)
        n = unicodedata.normalize("NFKC", c) if not 0xD800 <= cp <= 0xDFFF else c
        if n != c and any(x in n for x in "/?#@:"):
            out.append(("unicode", "urlsplit", {"url": "http://u" + c + "@h" + c + ":80/", "scheme": "", "allow_fragments": True}))
    return out


def qs_args(qs, **kw):
    a = {"qs": qs, "keep_blank_values": False, "strict_parsing": False, "encoding": "utf-8", "errors": "replace",
         "max_num_fields": None, "separator": "&"}
    a.update(kw)
    return a


def random_quote_cases(rng):
    out = []
    safes = ["/", "", "/:@", "~", "\u00e9", "%", " ", "+&=", "abc", "\x80/"]
    for _ in range(1300):
        fn = rng.choice(["quote", "quote_plus", "unquote", "unquote_plus"])
        s = rand_text(rng)
        enc = rng.choice(ENCODINGS)
        err = rng.choice(ERRORS) if rng.random() < 0.4 else ("strict" if fn.startswith("quote") else "replace")
        if fn.startswith("quote"):
            out.append(("random", fn, {"string": s, "safe": rng.choice(safes), "encoding": enc, "errors": err}))
        else:
            out.append(("random", fn, {"string": s, "encoding": enc, "errors": err}))
    for _ in range(400):
        pairs = []
        for _ in range(rng.randint(0, 4)):
            v = rand_text(rng, 5) if rng.random() < 0.7 else [rand_text(rng, 4) for _ in range(rng.randint(0, 3))]
            pairs.append([rand_text(rng, 5), v])
        out.append(("random", "urlencode", {"query": pairs, "doseq": rng.random() < 0.5, "safe": rng.choice(safes),
                                            "encoding": rng.choice(ENCODINGS[:8]), "errors": rng.choice(ERRORS[:3] + ERRORS[4:]),
                                            "quote_via": rng.choice(["quote", "quote_plus"])}))
    pieces = ["a", "b", "=", "&", ";", "+", "%20", "%", "%e9", "%ff", "\u00e9", "==", "&&", "x=1", " ", "%2B", "%3D", "%26"]
    for _ in range(900):
        qs = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        kw = {"keep_blank_values": rng.random() < 0.5, "strict_parsing": rng.random() < 0.3,
              "encoding": rng.choice(ENCODINGS[:8] + ["bogus"]), "errors": rng.choice(ERRORS),
              "max_num_fields": rng.choice([None, None, 0, 1, 2, 5]), "separator": rng.choice(["&", "&", ";", "", "&&", "=", "x"])}
        out.append(("random", rng.choice(["parse_qsl", "parse_qs"]), qs_args(qs, **kw)))
    return out


# --------------------------------------------------------------------------- output


def write(outdir, filename, about, cases):
    dump = lambda v: json.dumps(v, ensure_ascii=True, separators=(",", ":"))
    header = {"about": about, "python": sys.version.split()[0], "unicode": unicodedata.unidata_version, "seed": SEED}
    with open(os.path.join(outdir, filename), "w", encoding="ascii", newline="\n") as f:
        f.write(dump(header)[:-1] + ',"cases":[\n' + ",\n".join(dump(c) for c in cases) + "\n]}\n")
    return len(cases)


def build(raw, fns):
    seen = set()
    out = []
    for tag, fn, args in raw:
        if fn not in fns:
            continue
        key = json.dumps([fn, args])
        if key in seen:
            continue
        seen.add(key)
        c = case(tag, fn, args)
        if c is not None:
            out.append(c)
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures")
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    raw = cpython_cases() + random_cases(rng) + random_quote_cases(rng) + hostile_cases() + unicode_cases()
    n1 = write(outdir, "url-split.json", "urllib.parse urlsplit/urlparse/urlunsplit/urlunparse/urldefrag/urljoin", build(raw, SPLIT_FNS))
    n2 = write(outdir, "url-quote.json", "urllib.parse quote/quote_plus/unquote/unquote_plus/urlencode/parse_qsl/parse_qs", build(raw, QUOTE_FNS))
    print(f"url-split.json: {n1} cases, url-quote.json: {n2} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
