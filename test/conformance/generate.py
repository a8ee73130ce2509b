#!/usr/bin/env python3
"""Conformance fixtures for netkit, written by CPython 3.11 itself (the oracle).

    python3 test/conformance/generate.py [OUTDIR]     (default: test/conformance/fixtures)

Writes http-status.json, uuid-name.json, uuid-parse.json and py-int.json. The random
inputs come from a fixed seed and nothing depends on hash order or the clock, so two runs
write identical bytes; test/conformance/fixtures-fresh.test.ts relies on that to catch
stale fixtures. Every file holds {"about", "python", ..., "cases": [...]}, one case a line.
Each case carries a "tag" (the family of inputs it belongs to) so failures group well.
"""
import sys

if sys.version_info[:2] != (3, 11):
    sys.exit(f"generate.py: needs CPython 3.11 (the oracle netkit follows), not {sys.version.split()[0]}")

import ast
import json
import os
import random
import re
import unicodedata
import uuid
from http import HTTPStatus

SEED = 0x6E65746B  # "netk"
HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------- helpers

# Every character str.isspace() accepts, and every Unicode decimal digit (category Nd),
# in the Unicode version of this Python (14.0 for 3.11).
SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
ND = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd"]
DIGIT_ZEROS = [c for c in ND if unicodedata.decimal(c) == 0]
# Characters that are digits in later Unicode versions (15.0: Kawi, Nag Mundari) but not in
# 3.11's, and digit-like characters that are not decimal (superscripts, fractions, circled).
LATER_DIGITS = ["\U00011F50", "\U00011F55", "\U0001E4F0", "\U0001E4F9"]
NOT_DECIMAL = ["\u00b2", "\u00b9", "\u00bd", "\u2460", "\u2155", "\u216b", "\U0001F101", "\u0f33"]
# Assigned in Unicode 15.0-16.0, so unassigned (Cn, non-printable) for Python 3.11.
LATER_ASSIGNED = ["\U0001F6DC", "\U0001FAE8", "\U00031350", "\U0002EBF0", "\U0001CC00", "\u0CF3", "\U00011F00"]
UNICODE_DIGIT_SAMPLES = {
    "arabic-indic": "\u0660",
    "extended-arabic-indic": "\u06f0",
    "devanagari": "\u0966",
    "thai": "\u0e50",
    "fullwidth": "\uff10",
    "math-bold": "\U0001d7ce",
    "math-monospace": "\U0001d7f6",
    "adlam": "\U0001e950",
    "segmented": "\U0001fbf0",
}


def in_digits(text, zero):
    """ASCII digits of `text` rewritten in the script whose zero is `zero`."""
    return "".join(chr(ord(zero) + ord(c) - 48) if c.isdigit() and c.isascii() else c for c in text)


def big_str(n):
    """str(n) even past the 4300-digit limit of int/str conversion."""
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return str(n)
    finally:
        sys.set_int_max_str_digits(old)


def rand_char(rng, kind):
    """One code point, never a lone surrogate."""
    while True:
        if kind == "ascii":
            c = rng.randint(0x20, 0x7E)
        elif kind == "control":
            c = rng.choice([*range(0, 0x20), 0x7F, *range(0x80, 0xA0)])
        elif kind == "bmp":
            c = rng.randint(0xA0, 0xFFFD)
        elif kind == "astral":
            c = rng.choice([rng.randint(0x10000, 0x1FFFF), rng.randint(0x20000, 0x3FFFF), rng.randint(0x40000, 0x10FFFF)])
        else:
            raise ValueError(kind)
        if not 0xD800 <= c <= 0xDFFF:
            return chr(c)


def rand_text(rng, length, kinds=("ascii", "ascii", "bmp", "astral", "control")):
    return "".join(rand_char(rng, rng.choice(kinds)) for _ in range(length))


def error_of(exc):
    return {"type": type(exc).__name__, "message": str(exc)}


def write(outdir, filename, header, sections):
    """{header..., "<section>": [one case a line], ...}: compact, diffable, ASCII only."""
    dump = lambda v: json.dumps(v, ensure_ascii=True, separators=(",", ":"))
    parts = [dump(header)[:-1]]
    for name, items in sections.items():
        parts.append(f',"{name}":[\n' + ",\n".join(dump(c) for c in items) + "\n]")
    with open(os.path.join(outdir, filename), "w", encoding="ascii", newline="\n") as f:
        f.write("".join(parts) + "}\n")
    return sum(len(items) for items in sections.values())


def dedupe(cases, key):
    seen = set()
    out = []
    for c in cases:
        k = json.dumps([c[x] for x in key])
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


# --------------------------------------------------------------------------- CPython's own vectors


def cpython_vectors():
    """Inputs from Lib/test/test_uuid.py: the test_UUID table, the strings test_exceptions
    rejects, and the known uuid3/uuid5 results."""
    import test

    path = os.path.join(os.path.dirname(test.__file__), "test_uuid.py")
    tree = ast.parse(open(path, encoding="utf-8").read())
    funcs = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name not in funcs:
            funcs[node.name] = node
    parse_inputs = []
    for node in ast.walk(funcs["test_UUID"]):
        if isinstance(node, ast.For) and isinstance(node.iter, ast.List):
            for row in node.iter.elts:
                if not isinstance(row, ast.Tuple):
                    continue
                # string, curly, hex are the first three columns
                parse_inputs += [e.value for e in row.elts[:3] if isinstance(e, ast.Constant)]
    for node in ast.walk(funcs["test_exceptions"]):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "UUID"
                and len(node.args) == 1 and not node.keywords and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            parse_inputs.append(node.args[0].value)
    name_cases = []
    for fn in ("test_uuid3", "test_uuid5"):
        for node in ast.walk(funcs[fn]):
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and isinstance(node.elts[0], ast.Call):
                call, expected = node.elts
                ns, name = call.args
                name_cases.append((fn[5:], ns.attr, name.value, expected.value))
    if len(parse_inputs) < 20 or len(name_cases) != 8:
        sys.exit(f"generate.py: could not read the vectors of {path}")
    return parse_inputs, name_cases


# --------------------------------------------------------------------------- (a) http status


def name_key(text):
    """netkit's documented name/phrase normalisation: strip, upper, drop ', runs of
    anything but A-Z0-9 become one _."""
    return re.sub(r"[^A-Z0-9]+", "_", text.strip().upper().replace("'", ""))


# What lookupStatus documents beyond Python: a status line such as "HTTP/1.1 404 Not Found".
STATUS_LINE = re.compile(r"HTTP/[0-9](?:\.[0-9])? +([0-9]{3})(?: [^\n\r\u2028\u2029]*)?")
BY_KEY = {}
for _m in HTTPStatus:
    BY_KEY[name_key(_m.name)] = _m
    BY_KEY[name_key(_m.phrase)] = _m


# Not covered on purpose: names and phrases padded with characters that str.strip() and
# JavaScript's trim() disagree on (U+001C..U+001F, U+0085, U+FEFF); which one netkit's
# extension should follow is not documented.


def status_lookup(text):
    """The oracle for lookupStatus(text): Python's HTTPStatus(int(text)) when int() accepts
    the text, HTTPStatus[text] for an exact member name, and Python's ValueError otherwise
    ('FOO' is not a valid HTTPStatus, as HTTPStatus('FOO') says). netkit's extensions
    (status lines, names in any case, phrases) give "extension": true."""
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is not None:
        try:
            return {"value": HTTPStatus(number).value}
        except ValueError as e:
            return {"error": error_of(e)}
    if text in HTTPStatus.__members__:
        return {"value": HTTPStatus[text].value}
    line = STATUS_LINE.fullmatch(text.strip())
    if line:
        try:
            return {"value": HTTPStatus(int(line[1])).value, "extension": True}
        except ValueError as e:
            return {"error": error_of(e), "extension": True}
    member = BY_KEY.get(name_key(text))
    if member is not None:
        return {"value": member.value, "extension": True}
    try:
        HTTPStatus(text)
        raise AssertionError(text)
    except ValueError as e:
        return {"error": error_of(e)}


def mixed_case(rng, text):
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def http_cases(rng):
    inputs = []  # (tag, text)
    add = lambda tag, *texts: inputs.extend((tag, t) for t in texts)
    for m in HTTPStatus:
        v, name, phrase = m.value, m.name, m.phrase
        add("value", str(v))
        add("name", name, name.lower(), mixed_case(rng, name))
        add("phrase", phrase, phrase.lower(), phrase.upper(), name.replace("_", " ").lower(), name.replace("_", "-"))
        add("status-line", f"HTTP/1.1 {v} {phrase}", f"HTTP/2 {v}", f"HTTP/1.0 {v} Whatever")
        add("leading-zeros", "0" * rng.randint(1, 5) + str(v))
        s = str(v)
        add("underscore", s[0] + "_" + s[1:], s[:2] + "_" + s[2:])
        add("whitespace", rng.choice(SPACES) + s + rng.choice(SPACES))
        add("sign", "+" + s, "-" + s)
        script, zero = rng.choice(sorted(UNICODE_DIGIT_SAMPLES.items()))
        add("unicode-digits", in_digits(s, zero))
    for zero in DIGIT_ZEROS:
        add("unicode-digits", in_digits("404", zero))
    for _ in range(120):
        add("random-int", str(rng.randint(-1000, 1000)))
    for _ in range(40):
        add("random-int", str(rng.randint(-(10**30), 10**30)))
    add("random-int", "0", "-0", "+0", "00", "99", "600", "1000", str(2**64 + 404), str(-(2**63)), "9" * 40)
    add("underscore", "_200", "200_", "2__00", "2_0_0", "+_200", "0_200", "1_0_0_0")
    add("whitespace", " 200", "200 ", "\t404\n", "\u3000404\u3000", "\x85200", "\xa0200", "\u2028500\u2029",
        "\x1c200", "200\x1f", "\ufeff200", "\u200b200", "2 00", " ", "", "\n")
    add("sign", "+ 200", "--200", "+-200", "++200")
    add("digit-limit", "1" * 4301, "0" * 4298 + "404", "0" * 4297 + "404")
    add("junk", "foo", "FOO", "bogus", "0x1F4", "0o624", "0b1", "1e3", "200.0", "404L", "٤٠٤x", "NaN", "None",
        "NOT FOUND!", "NOT__FOUND", "_NOT_FOUND", "NOT_FOUND_", "not_found\n", "I'm a teapot", "Im A Teapot",
        "i_m_a_teapot", "IM_A_TEAPOT", "I'M_A_TEAPOT", "ok", "Ok", " OK ", "HTTPStatus.OK", "OK.", "200 OK", "\x00",
        "'", '"', "\\", "It's", "\u00e9", "\U0001f600", "n\u00f6t found", "multı_status", "ſwitching protocols",
        "HTTP/1.1 999 Nope", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK",
        "HTTP/1.1 404Not Found", "HTTP/11 404", "HTTP/1.1  404 Not Found", "http/1.1 404 Not Found",
        "HTTP/1.1 \u0664\u0660\u0664", "HTTP/1.1 099 x", " HTTP/1.1 200 OK ", "HTTP/1.1 200 OK\x85")
    for _ in range(60):
        add("junk", rand_text(rng, rng.randint(1, 12)))
    cases = []
    for tag, text in inputs:
        cases.append({"tag": tag, "input": text, **status_lookup(text)})
    return dedupe(cases, ["input"])


def http_members():
    return [
        {
            "value": m.value,
            "name": m.name,
            "phrase": m.phrase,
            "description": m.description,
            # Python 3.12's predicates, defined on the value alone.
            "is_informational": 100 <= m.value <= 199,
            "is_success": 200 <= m.value <= 299,
            "is_redirection": 300 <= m.value <= 399,
            "is_client_error": 400 <= m.value <= 499,
            "is_server_error": 500 <= m.value <= 599,
        }
        for m in HTTPStatus
    ]


# --------------------------------------------------------------------------- (b) uuid3 / uuid5

NS = {"@dns": uuid.NAMESPACE_DNS, "@url": uuid.NAMESPACE_URL, "@oid": uuid.NAMESPACE_OID, "@x500": uuid.NAMESPACE_X500}
NS_ATTR = {"NAMESPACE_DNS": "@dns", "NAMESPACE_URL": "@url", "NAMESPACE_OID": "@oid", "NAMESPACE_X500": "@x500"}


def spell_uuid(rng, u):
    """One of the spellings uuid.UUID() accepts for u."""
    s = str(u)
    return rng.choice([s, s.upper(), u.hex, "{" + s + "}", u.urn, "uuid:" + s, mixed_case(rng, s), "{" + u.hex.upper() + "}"])


def name_cases(rng, vectors):
    cases = []
    for fn, attr, name, expected in vectors:
        ns = NS_ATTR[attr]
        got = getattr(uuid, fn)(NS[ns], name)
        assert str(got) == expected
        cases.append({"tag": "cpython", "namespace": ns, "name": name})
    namespaces = list(NS) + [str(u) for u in NS.values()]
    names = [("empty", ""), ("ascii", "python.org"), ("ascii", "http://python.org/"), ("ascii", "1.3.6.1"),
             ("ascii", "c=ca"), ("ascii", "\x00"), ("ascii", " ")]
    for _ in range(550):
        names.append(("ascii", rand_text(rng, rng.randint(1, 40), ("ascii",))))
    for _ in range(12):
        names.append(("long", rand_text(rng, rng.randint(500, 3000), ("ascii",))))
    for _ in range(400):
        names.append(("bmp", rand_text(rng, rng.randint(1, 16), ("ascii", "bmp", "bmp"))))
    for _ in range(400):
        names.append(("astral", rand_text(rng, rng.randint(1, 12), ("ascii", "bmp", "astral", "astral"))))
    for _ in range(100):
        names.append(("control", rand_text(rng, rng.randint(1, 12), ("ascii", "control"))))
    for i, (tag, name) in enumerate(names):
        if i < len(namespaces) * 3:
            ns = namespaces[i % len(namespaces)]
        elif rng.random() < 0.5:
            ns = rng.choice(namespaces)
        else:
            ns = spell_uuid(rng, uuid.UUID(int=rng.getrandbits(128)))
            tag += "+random-namespace"
        cases.append({"tag": tag, "namespace": ns, "name": name})
    for c in cases:
        ns = NS[c["namespace"]] if c["namespace"] in NS else uuid.UUID(c["namespace"])
        c["uuid3"] = str(uuid.uuid3(ns, c["name"]))
        c["uuid5"] = str(uuid.uuid5(ns, c["name"]))
    return cases


# --------------------------------------------------------------------------- (c) uuid.UUID(text)


def uuid_record(u):
    return {
        "str": str(u),
        "hex": u.hex,
        "int": str(u.int),
        "urn": u.urn,
        "version": u.version,
        "variant": u.variant,
        "fields": list(u.fields),
        "time_low": u.time_low,
        "time_mid": u.time_mid,
        "time_hi_version": u.time_hi_version,
        "clock_seq_hi_variant": u.clock_seq_hi_variant,
        "clock_seq_low": u.clock_seq_low,
        "node": u.node,
        "time": str(u.time),
        "clock_seq": u.clock_seq,
        "bytes_le": u.bytes_le.hex(),
    }


def parse_case(tag, text):
    try:
        u = uuid.UUID(text)
    except Exception as e:  # ValueError, but record whatever Python raises
        return {"tag": tag, "input": text, "error": error_of(e)}
    return {"tag": tag, "input": text, "ok": uuid_record(u)}


def rand_uuid_int(rng):
    """128 random bits, steered so every variant and RFC 4122 version shows up."""
    n = rng.getrandbits(128)
    r = rng.random()
    if r < 0.5:  # RFC 4122 variant with a version 0..15
        n = (n & ~(0xF << 76) & ~(0xC << 60)) | (rng.randint(0, 15) << 76) | (0x8 << 60)
    elif r < 0.6:
        n = rng.choice([0, (1 << 128) - 1, 1, 1 << 127, (1 << 128) - 2, rng.getrandbits(rng.randint(1, 64))])
    return n


def insert_at(rng, text, piece):
    i = rng.randint(0, len(text))
    return text[:i] + piece + text[i:]


def replace_digits(rng, hexstr, zero, share=0.5):
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() and rng.random() < share else c for c in hexstr)


def parse_cases(rng, cpython_inputs):
    cases = [parse_case("cpython", t) for t in cpython_inputs]
    add = lambda tag, t: cases.append(parse_case(tag, t))
    ZS_UNICODE = [c for c in SPACES if ord(c) >= 0x80]
    HEXDIGITS = "0123456789abcdefABCDEF"
    for i in range(1800):
        u = uuid.UUID(int=rand_uuid_int(rng))
        s, h = str(u), u.hex
        form = i % 12
        if form == 0:
            add("valid", s)
        elif form == 1:
            add("valid-case", rng.choice([s.upper(), mixed_case(rng, s), h.upper(), mixed_case(rng, h)]))
        elif form == 2:
            add("valid-nohyphen", h)
        elif form == 3:
            add("valid-braces", rng.choice(["{" + s + "}", "{{{" + s + "}}}", "{" + s, s + "}", "}" + s + "{", "{}{" + h + "}{}"]))
        elif form == 4:
            add("valid-urn", rng.choice(["urn:uuid:" + s, "urn:uuid:" + h.upper(), "uuid:" + s, "urn:" + s, "{urn:uuid:" + s + "}", "urn:uuid:{" + s + "}"]))
        elif form == 5:  # hyphens anywhere, any number
            t = h
            for _ in range(rng.randint(0, 8)):
                t = insert_at(rng, t, "-" * rng.randint(1, 3))
            add("hyphens-anywhere", t)
        elif form == 6:  # "urn:" / "uuid:" in odd places (removed wherever they are)
            t = rng.choice([s, h])
            for _ in range(rng.randint(1, 3)):
                t = insert_at(rng, t, rng.choice(["urn:", "uuid:", "uurn:uid:", "uuuid:id:", "URN:", "Uuid:", "urn", "uuid", "ur:n:", "urn:uuid"]))
            add("urn-odd", t)
        elif form == 7:  # what int(x, 16) tolerates inside 32 characters
            t = h[1:]
            kind = rng.choice(["space", "plus", "0x", "underscore", "unicode-space", "ascii-space"])
            if kind == "space":
                add("int-space", rng.choice([" " + t, t + " ", "\t" + t, t + "\n"]))
            elif kind == "plus":
                add("int-plus", rng.choice(["+" + t, "-+" + t, "+" + t[1:] + " ", "+-" + t]))
            elif kind == "0x":
                add("int-0x", rng.choice(["0x" + h[2:], "0X" + h[2:], "+0x" + h[3:], "0x_" + h[3:], "0x" + h[1:], "x0" + h[2:]]))
            elif kind == "underscore":
                p = rng.randint(1, 30)
                add("int-underscore", rng.choice([t[:p] + "_" + t[p:], "_" + t, t + "_", t[:p] + "__" + t[p + 1:], "0x_" + h[3:], "+_" + h[2:]]))
            elif kind == "unicode-space":
                add("int-unicode-space", rng.choice(ZS_UNICODE) + t if rng.random() < 0.5 else t + rng.choice(ZS_UNICODE))
            else:  # \x1c-\x1f are str.isspace() but not C isspace()
                c = rng.choice(["\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\r", "\x85", "\xa0"])
                add("int-ascii-space", c + t if rng.random() < 0.5 else t + c)
        elif form == 8:  # Unicode decimal digits in place of 0-9
            zero = rng.choice(DIGIT_ZEROS) if rng.random() < 0.5 else rng.choice(list(UNICODE_DIGIT_SAMPLES.values()))
            t = replace_digits(rng, rng.choice([s, h]), zero)
            add("unicode-digits", t)
        elif form == 9:  # wrong length
            t = rng.choice([h[:rng.randint(0, 31)], h + h[:rng.randint(1, 8)], s[:-1], s + "0", h[:31] + "-", "{" + h[:31] + "}"])
            add("wrong-length", t)
        elif form == 10:  # one non-hex character
            p = rng.randint(0, 31)
            c = rng.choice("ghxzGXZ.!'\"\\ \x00\x7f" + "\u00e9\u0131\uff21\uff41\u200b\U0001F600" + "".join(NOT_DECIMAL + LATER_DIGITS))
            add("non-hex", (h[:p] + c + h[p + 1:]) if rng.random() < 0.7 else (s[:p] + c + s[p + 1:]))
        else:  # hex-heavy byte soup near 32 characters
            n = rng.randint(28, 40)
            alphabet = [*HEXDIGITS * 4, "-", "{", "}", "_", "+", " ", "x", "u", "r", "n", ":", "\x00", "\t"]
            add("soup", "".join(rng.choice(alphabet) for _ in range(n)))
    # Every Unicode decimal digit run, and every str.isspace() character.
    for zero in DIGIT_ZEROS:
        add("unicode-digits-all", replace_digits(rng, "0123456789abcdef0123456789abcdef", zero, 1.0))
    for c in SPACES:
        add("space-all", c + "123456789abcdef0123456789abcdef")
        add("space-all", "123456789abcdef0123456789abcdef" + c)
    for c in LATER_DIGITS + NOT_DECIMAL:
        add("not-a-digit", c + "23456789abcdef0123456789abcdef0")
    # Hostile and odd inputs written out.
    z = "0" * 32
    for t in ["", " ", "-" * 36, "{}", "urn:uuid:", "{" * 40, z + "\x00", "\x00" * 32, "\x00" + z[1:], z[:16] + "\x00" + z[17:],
              "urn:" * 3 + z, "uuid:" * 8 + z, "uuurn:id:" + z, "uruuid:n:" + z, "urn:uuid:urn:uuid:" + z,
              "{" + "urn:" + z + "}", "{urn:uuid:" + "-".join([z[:8], z[8:12], z[12:16], z[16:20], z[20:]]) + "}",
              "𝟎" * 32, "０" * 32, "٠" * 32, "\u3000" * 32, " " * 32, "_" * 32, "+" * 32, "0x" * 16, "0_" * 16,
              "\U000F0000" * 32, "\u200b" * 32, "\x7f" * 32, "'" * 32, '"' * 32, "'\"" * 16, "\\" * 32,
              "\U0001F600" * 32, "é" * 32, "\U00031350" * 32, "\U0001F6DC" + z[1:], "\u0378" + z[1:],
              "a" * 31 + "\U000F0000", "\U000E0001" + "f" * 31, "\ud7ff" + z[1:], "\ue000" * 32,
              z.replace("0", "\U0001D7CE", 5), "+" + "\U0001D7CF" * 31, "0x" + "\uff11" * 30, "\U0001fbf9" * 32]:
        add("hostile", t)
    for _ in range(250):
        add("random-soup", rand_text(rng, rng.choice([32, 32, 32, 36, rng.randint(0, 50)])))
    for _ in range(100):  # 32 characters, mostly hex, a few arbitrary
        t = list(uuid.UUID(int=rng.getrandbits(128)).hex)
        for _ in range(rng.randint(1, 3)):
            t[rng.randrange(32)] = rand_char(rng, rng.choice(["ascii", "bmp", "astral", "control"]))
        add("random-soup", "".join(t))
    return dedupe(cases, ["input"])


# --------------------------------------------------------------------------- (d) int(), repr(), strip()


def int_or_none(text, base):
    try:
        return big_str(int(text, base))
    except ValueError:
        return None


def text_cases(rng):
    strings = []
    add = lambda tag, *texts: strings.extend((tag, t) for t in texts)
    add("basic", "0", "1", "-1", "+1", "007", "0x", "0x0", "0X1f", "-0x1F", "0x-1", "0xx1", "x1", "ff", "FF", "fF", "g",
        "", " ", "  1  ", "1 2", "- 1", "+ 1", "--1", "+-1", "1-", "1+", "0b1", "0o7", "1e5", "1.0", "\x00", "1\x00",
        "\x001", "9" * 30, "f" * 40, "-" + "f" * 40)
    add("underscore", "1_0", "1__0", "_1", "1_", "_", "0x_1", "0x__1", "0x1_", "0_x1", "+_1", "-_1", "1_0_0", "f_f",
        "0_0", "0x_", "_0x1", "1_ 0", " 1_0 ")
    add("digit-limit", "1" * 4300, "1" * 4301, "0" * 4301, "1_" * 4300 + "1", "-" + "9" * 4301, "f" * 5000)
    for zero in DIGIT_ZEROS:
        add("unicode-digits", in_digits("0123456789", zero))
    for zero in rng.sample(DIGIT_ZEROS, 20):
        add("unicode-digits", in_digits("-4_2", zero), " " + in_digits("10", zero) + "ab", in_digits("0x19", zero))
    for c in LATER_DIGITS + NOT_DECIMAL:
        add("not-decimal", c, "1" + c, c + "1")
    for c in SPACES:
        add("spaces", c + "12" + c, c, "1" + c + "2")
    for c in ["\x7f", "\x80", "\x9f", "\u200b", "\ufeff", "\u180e", "\u00ad", "\u2060"]:
        add("not-space", c + "1", "1" + c)
    alphabet = [*"0123456789abcdefABCDEFxX", "_", "_", "+", "-", " ", "\t"]
    for _ in range(1500):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        add("random-ascii", t)
    for _ in range(900):
        t = []
        for _ in range(rng.randint(1, 10)):
            r = rng.random()
            if r < 0.35:
                t.append(rng.choice("0123456789abcdef"))
            elif r < 0.55:
                t.append(rng.choice(ND))
            elif r < 0.7:
                t.append(rng.choice(SPACES))
            elif r < 0.8:
                t.append(rng.choice("_+-xX"))
            else:
                t.append(rand_char(rng, rng.choice(["ascii", "bmp", "astral", "control"])))
        add("random-unicode", "".join(t))
    int_cases = dedupe([{"tag": tag, "s": s, "int10": int_or_none(s, 10), "int16": int_or_none(s, 16)} for tag, s in strings], ["s"])

    reprs = []
    addr = lambda tag, *texts: reprs.extend((tag, t) for t in texts)
    addr("quotes", "", "'", '"', "'\"", "it's", 'say "hi"', "it's \"x\"", "\\", "\\'", "\\\"", "'''", '"""', "a\\nb")
    addr("control", *[chr(c) for c in [*range(0, 0x20), 0x7F, *range(0x80, 0xA1)]])
    addr("non-printable", "\u00ad", "\u200b", "\u200e", "\u2028", "\u2029", "\u3000", "\u2007", "\ufeff", "\ue000",
         "\uffff", "\ufffe", "\ufffd", "\u0378", "\U000F0000", "\U0010FFFF", "\U000E0001", "\U000E007F", "\U0001D173",
         "\u061c", "\u1680", "\u00a0", "\U00013430", "\U0001BCA0")
    addr("printable", "é", "ı", "ß", "\u4e2d", "\U0001F600", "\U00020000", "\U0001D7CE", "\u0300", "a\u0301", "\u05d0", "\uff21")
    addr("later-unicode", *LATER_ASSIGNED, *LATER_DIGITS)
    for _ in range(700):
        addr("random", rand_text(rng, rng.randint(1, 12), ("ascii", "ascii", "control", "bmp", "bmp", "astral")))
    for _ in range(150):
        addr("random-quotes", "".join(rng.choice(["'", '"', "\\", "a", "\n", "\t", "\x00"]) for _ in range(rng.randint(1, 8))))
    repr_cases = dedupe([{"tag": tag, "s": s, "repr": repr(s)} for tag, s in reprs], ["s"])

    strips = []
    for c in SPACES + ["\u200b", "\ufeff", "\x00", "\x7f", "\u180e"]:
        strips.append(("one", c + "a" + c))
        strips.append(("one", c))
    for _ in range(300):
        ws = SPACES + ["\u200b", "\ufeff", "a", "\U0001F600"]
        strips.append(("random", "".join(rng.choice(ws) for _ in range(rng.randint(0, 8)))))
    strip_cases = dedupe([{"tag": tag, "s": s, "strip": s.strip()} for tag, s in strips], ["s"])
    return int_cases, repr_cases, strip_cases


# --------------------------------------------------------------------------- main


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "fixtures")
    os.makedirs(outdir, exist_ok=True)
    about = "Written by test/conformance/generate.py from CPython 3.11; do not edit by hand."
    head = {"about": about, "python": "3.11", "unicode": unicodedata.unidata_version, "seed": SEED}
    cpython_parse, cpython_names = cpython_vectors()
    counts = {}
    # Each file gets its own generator, so adding cases to one leaves the others unchanged.
    counts["http-status.json"] = write(outdir, "http-status.json", head, {"members": http_members(), "cases": http_cases(random.Random(SEED + 1))})
    counts["uuid-name.json"] = write(outdir, "uuid-name.json", head, {"cases": name_cases(random.Random(SEED + 2), cpython_names)})
    counts["uuid-parse.json"] = write(outdir, "uuid-parse.json", head, {"cases": parse_cases(random.Random(SEED + 3), cpython_parse)})
    ints, reprs, strips = text_cases(random.Random(SEED + 4))
    counts["py-int.json"] = write(outdir, "py-int.json", head, {"cases": ints, "repr": reprs, "strip": strips})
    for name, n in counts.items():
        print(f"{name}: {n} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
