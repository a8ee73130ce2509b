#!/usr/bin/env python3
"""Conformance fixtures for netkit's `ip` engine, written by CPython's ipaddress itself.

    python3 test/conformance/ip/generate.py [--count N] [--ops-per-verb N] [OUTDIR]
        (default OUTDIR: test/conformance/ip/fixtures)

Runs under CPython 3.11 (the oracle for everything) and asks CPython 3.13
(`PYENV_VERSION=3.13.0 python3`, or $NETKIT_PYTHON313) in batches for is_private, is_global
and is_reserved, the three fields where netkit follows 3.13's tables (CVE-2024-4032).

Writes
  ip-parse.json  one case per input text: ip_address, ip_network(strict=True),
                 ip_network(strict=False) ("=network" when it says the same), ip_interface, and the class constructors
                 IPv4Address/IPv6Address/IPv4Network/IPv6Network (for their own messages)
  ip-ops.json    subnets, supernet, hosts, summarize_address_range, collapse_addresses,
                 address_exclude, overlaps/subnet_of/supernet_of, sorted(key=get_mixed_type_key)

Every outcome is {"ok": ...} or {"error": {"type", "message"}}. The random inputs come from a
fixed seed and nothing depends on hash order or the clock, so two runs write identical bytes
(ip/fixtures-fresh.test.ts relies on that). Without --count the committed sample is written;
--count N writes N random inputs (plus about 2.4 random operations per input, up to 38,000) on top of the fixed cases, for
the large on-the-fly comparison. --ops-per-verb N writes N random cases of each operation instead (one rng per verb:
subnets, supernet, hosts, summarize_address_range, collapse_addresses, address_exclude, overlaps/subnet_of/supernet_of
on the same N pairs, sorted), each small: hosts of at most 32 addresses, subnets as the first few and a count, collapse
over at most 15 items. Both files are written as the cases come (3.13 answering the next batch of inputs while 3.11
works on this one), so a million operations take ~100 MB.
"""
import sys

if sys.version_info[:2] != (3, 11):
    sys.exit(f"generate.py: needs CPython 3.11 (the oracle netkit follows), not {sys.version.split()[0]}")

import argparse
import ast
import ipaddress
import itertools
import json
import os
import queue
import random
import subprocess
import threading

from ipaddress import (AddressValueError, IPv4Address, IPv4Network, IPv6Address, IPv6Network, NetmaskValueError,
                       collapse_addresses, get_mixed_type_key, ip_address, ip_interface, ip_network,
                       summarize_address_range)

SEED = 0x69706E6B  # "ipnk"
HERE = os.path.dirname(os.path.abspath(__file__))
BATCH = 5000
HOSTS_LISTED = 256  # hosts(): first always; last and count when num_addresses <= this
SUBNETS_LISTED = 4  # subnets(): the first few; the count when there are at most SUBNETS_COUNTED
SUBNETS_COUNTED = 1024
FROM_313 = ("is_private", "is_global", "is_reserved")

# --------------------------------------------------------------------------- CPython 3.13

PEER = r'''
import ipaddress, json, sys
from ipaddress import ip_address, ip_network, ip_interface

def tri(make):
    try:
        x = make()
    except Exception:
        return None
    return [x.is_private, x.is_global, x.is_reserved]

def tables():
    out = []
    for consts in (ipaddress._IPv4Constants, ipaddress._IPv6Constants):
        for name, value in sorted(vars(consts).items()):
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, (ipaddress._BaseNetwork, ipaddress._BaseAddress)):
                    out.append(str(v))
    return out

for line in sys.stdin:
    req = json.loads(line)
    if req == "tables":
        print(json.dumps(tables()), flush=True)
        continue
    res = []
    for s in req:
        res.append([tri(lambda: ip_address(s)), tri(lambda: ip_network(s)), tri(lambda: ip_network(s, strict=False)),
                    tri(lambda: ip_interface(s))])
    print(json.dumps(res), flush=True)
'''


class Peer:
    """CPython 3.13 in a subprocess, fed one JSON batch a line."""

    def __init__(self):
        env = dict(os.environ, PYENV_VERSION="3.13.0")
        # pyenv runs this script with its own version's bin first on PATH: drop those entries so
        # `python3` is the shim again and honours PYENV_VERSION.
        root = os.environ.get("PYENV_ROOT")
        if root:
            versions = os.path.join(root, "versions") + os.sep
            env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(versions))
        exe = os.environ.get("NETKIT_PYTHON313", "python3")
        check = subprocess.run([exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], env=env,
                               capture_output=True, text=True)
        if check.returncode != 0 or check.stdout.strip() != "3.13":
            sys.exit(f"generate.py: needs CPython 3.13 for is_private/is_global/is_reserved "
                     f"(PYENV_VERSION=3.13.0 {exe}): {check.stdout.strip() or check.stderr.strip()}")
        self.proc = subprocess.Popen([exe, "-c", PEER], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, encoding="utf-8")

    def ask(self, request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


# --------------------------------------------------------------------------- records


def error_of(exc):
    return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def outcome(make, view):
    try:
        x = make()
    except Exception as exc:  # every exception Python raises is part of the answer
        return error_of(exc)
    return {"ok": view(x)}


def attr(x, name, view=lambda v: v):
    """x.name, or Python's exception as {"error": ...}: 3.11 raises from some attributes
    (IPv6Address('fe80::1%eth0').exploded does), and that is part of the answer too."""
    try:
        return view(getattr(x, name))
    except Exception as exc:
        return error_of(exc)


def s_or_none(x):
    return None if x is None else str(x)


def address_record(a):
    r = {
        "version": a.version,
        "str": str(a),
        "compressed": attr(a, "compressed"),
        "exploded": attr(a, "exploded"),
        "packed": attr(a, "packed", bytes.hex),
        "int": str(int(a)),
        "reverse_pointer": attr(a, "reverse_pointer"),
        "max_prefixlen": a.max_prefixlen,
        "is_multicast": a.is_multicast,
        "is_private": a.is_private,
        "is_global": a.is_global,
        "is_unspecified": a.is_unspecified,
        "is_reserved": a.is_reserved,
        "is_loopback": a.is_loopback,
        "is_link_local": a.is_link_local,
    }
    if a.version == 6:
        r["is_site_local"] = a.is_site_local
        r["ipv4_mapped"] = s_or_none(a.ipv4_mapped)
        r["sixtofour"] = s_or_none(a.sixtofour)
        r["teredo"] = None if a.teredo is None else [str(x) for x in a.teredo]
        r["scope_id"] = a.scope_id
    return r


def hosts_record(n):
    it = iter(n.hosts())
    first = next(it, None)
    r = {"first": s_or_none(first)}
    if n.num_addresses <= HOSTS_LISTED:
        count, last = (0, None) if first is None else (1, first)
        for h in it:
            count, last = count + 1, h
        r["last"] = s_or_none(last)
        r["count"] = count
    return r


def network_record(n):
    r = {
        "version": n.version,
        "str": str(n),
        "network_address": str(n.network_address),
        "broadcast_address": str(n.broadcast_address),
        "netmask": str(n.netmask),
        "hostmask": str(n.hostmask),
        "prefixlen": n.prefixlen,
        "num_addresses": str(n.num_addresses),
        "with_prefixlen": n.with_prefixlen,
        "with_netmask": n.with_netmask,
        "with_hostmask": n.with_hostmask,
        "max_prefixlen": n.max_prefixlen,
        "is_multicast": n.is_multicast,
        "is_private": n.is_private,
        "is_global": n.is_global,
        "is_unspecified": n.is_unspecified,
        "is_reserved": n.is_reserved,
        "is_loopback": n.is_loopback,
        "is_link_local": n.is_link_local,
    }
    if n.version == 6:
        r["is_site_local"] = n.is_site_local
    r["hosts"] = hosts_record(n)
    return r


def interface_record(i):
    r = {
        "ip": str(i.ip),
        "network": str(i.network),
        "netmask": str(i.netmask),
        "hostmask": str(i.hostmask),
        "with_prefixlen": i.with_prefixlen,
        "with_netmask": i.with_netmask,
        "with_hostmask": i.with_hostmask,
    }
    r.update(address_record(i))
    return r


def parse_case(tag, s):
    """Everything 3.11 says about the text `s`; the three 3.13 fields are patched in later."""
    return {
        "tag": tag,
        "input": s,
        "address": outcome(lambda: ip_address(s), address_record),
        "network": outcome(lambda: ip_network(s), network_record),
        "network_loose": outcome(lambda: ip_network(s, strict=False), network_record),
        "interface": outcome(lambda: ip_interface(s), interface_record),
        "IPv4Address": outcome(lambda: IPv4Address(s), str),
        "IPv6Address": outcome(lambda: IPv6Address(s), str),
        "IPv4Network": outcome(lambda: IPv4Network(s), str),
        "IPv6Network": outcome(lambda: IPv6Network(s), str),
    }


def compact(case):
    """ip_network(strict=False) mostly says what strict=True says: "=network" then."""
    if case["network_loose"] == case["network"]:
        case["network_loose"] = "=network"
    return case


def patch_313(case, answer):
    for key, tri in zip(("address", "network", "network_loose", "interface"), answer):
        rec = case[key].get("ok")
        if (rec is None) != (tri is None):
            sys.exit(f"generate.py: 3.11 and 3.13 disagree on whether {case['input']!r} is a valid {key}")
        if rec is not None:
            rec.update(zip(FROM_313, tri))


# --------------------------------------------------------------------------- inputs

V4_MAX = (1 << 32) - 1
V6_MAX = (1 << 128) - 1


def cpython_inputs():
    """Every short string constant of Lib/test/test_ipaddress.py that could be an address,
    network or interface text (test data, not messages), in file order, once each."""
    import test

    path = os.path.join(os.path.dirname(test.__file__), "test_ipaddress.py")
    tree = ast.parse(open(path, encoding="utf-8").read())
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and ast.get_docstring(node) is not None:
            docstrings.add(id(node.body[0].value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            s = node.value
            if (len(s) <= 80 and s.count(" ") <= 1 and any(c in s for c in "0123456789:./%")
                    and not any(w in s for w in ("%r", "Expected", "expected", "not ", "has ", "("))):
                out.append(s)
    # formats like "%s" % addr are tested with these substitutions
    seen = set()
    return [s for s in out if not (s in seen or seen.add(s))]


def tables_311():
    out = []
    for consts in (ipaddress._IPv4Constants, ipaddress._IPv6Constants):
        for name, value in sorted(vars(consts).items()):
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, (ipaddress._BaseNetwork, ipaddress._BaseAddress)):
                    out.append(str(v))
    return out


def boundary_inputs(tables):
    """Each special-purpose range of 3.11's and 3.13's tables: its ends and their neighbours
    as addresses, the range itself, one bit wider and narrower, and its first /max host."""
    out = []
    seen = set()
    for text in tables:
        net = ip_network(text)
        if net in seen:
            continue
        seen.add(net)
        top = V4_MAX if net.version == 4 else V6_MAX
        cls = IPv4Address if net.version == 4 else IPv6Address
        lo, hi = int(net.network_address), int(net.broadcast_address)
        for n in (lo - 1, lo, lo + 1, hi - 1, hi, hi + 1):
            if 0 <= n <= top:
                out.append(str(cls(n)))
        out.append(str(net))
        if net.prefixlen > 0:
            out.append(str(net.supernet()))
            out.append(f"{net.network_address}/{net.prefixlen - 1}")
        if net.prefixlen < net.max_prefixlen:
            out.append(f"{net.network_address}/{net.prefixlen + 1}")
            out.append(f"{cls(hi)}/{net.prefixlen}")
            out.append(f"{cls(lo - 1 if lo else hi + 1)}/{net.prefixlen}" if 0 <= (lo - 1 if lo else hi + 1) <= top else str(net))
        out.append(f"{cls(lo)}/{net.netmask}")
        out.append(f"{cls(hi)}/{net.hostmask}")
        if net.version == 4:
            out.append(f"::ffff:{cls(lo)}")  # the same address IPv4-mapped
            out.append(f"::ffff:{cls(hi)}")
            out.append(f"2002:{lo >> 16:x}:{lo & 0xffff:x}::1")  # 6to4
    return out


def edge_inputs():
    v4 = [
        "0.0.0.0", "255.255.255.255", "0.0.0.0/0", "0.0.0.0/32", "255.255.255.255/32", "255.255.255.255/0",
        "1.2.3.4/0", "1.2.3.4/31", "1.2.3.5/31", "1.2.3.4/32", "1.2.3.4/30", "10.0.0.0/8", "192.168.1.0/24",
        "127.0.0.1", "127.0.0.1/8", "169.254.1.1", "100.64.0.1", "100.127.255.255", "192.0.0.9", "192.0.0.10",
        "192.0.0.8", "192.0.0.11", "192.0.0.170", "192.0.0.171", "192.0.0.255", "192.0.0.8/29", "192.0.0.0/29",
        "192.0.0.0/24", "192.0.0.9/32", "192.0.0.8/30", "192.0.0.0/30",
        # leading zeros and odd octets
        "01.2.3.4", "1.02.3.4", "1.2.3.04", "001.2.3.4", "0.0.0.00", "00.0.0.0", "000.000.000.000", "0000.0.0.0",
        "1.2.3.256", "256.1.1.1", "1.2.3.999", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4.",
        "1.2.3.-1", "1.2.3.+1", "1.2.3.0x1", "0x1.2.3.4", "1.2.3.1e1", "1.2.3.a", "1.2.3.4 ", " 1.2.3.4",
        "1.2 .3.4", "1.2.3.4\n", "1.2.3.4\x00", "\u0661.2.3.4", "1.2.3.\uff14", "1.2.3.4%eth0", "1.2.3.4%",
        "4294967295", "16909060", "0", "1", "",
        # masks after '/'
        "1.2.3.0/255.255.255.0", "1.2.3.0/0.0.0.255", "1.2.3.4/255.255.255.0", "1.2.3.0/255.255.0.255",
        "1.2.3.0/0.0.255.0", "1.2.3.0/255.255.255.255", "1.2.3.0/0.0.0.0", "1.2.3.0/255.255.255.254",
        "0.0.0.0/255.255.255.255", "0.0.0.0/0.0.0.0", "1.2.3.0/128.0.0.0", "1.2.3.0/127.255.255.255",
        "1.2.3.0/255.255.255.0/24", "1.2.3.0/24/24", "1.2.3.0/", "1.2.3.0/33", "1.2.3.0/-1", "1.2.3.0/+24",
        "1.2.3.0/024", "1.2.3.0/0024", "1.2.3.0/ 24", "1.2.3.0/24 ", "1.2.3.0 /24", "1.2.3.0/2 4",
        "1.2.3.0/\u0662\u0664", "1.2.3.0/24.0", "1.2.3.0/0x18", "1.2.3.0/255.255.255.00", "1.2.3.0/255.255.255.000",
        "1.2.3.0/255.255.255", "1.2.3.0/1.2.3.4", "1.2.3.0/255.255.255.0.0", "/24", "/", "1.2.3.4//24",
        "1.2.3.4/32%x", "1.2.3.4/0032", "1.2.3.4/00",
    ]
    v6 = [
        "::", "::/0", "::/128", "::1", "::1/128", "::1/127", "::/127", "::2/127", "::3/127", "::0/126", "::4/126",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/0", "::ffff:0:0/96", "::ffff:1.2.3.4", "::ffff:127.0.0.1",
        "::ffff:10.1.2.3", "::ffff:192.0.0.9", "::ffff:100.64.0.1", "::ffff:8.8.8.8", "::ffff:0.0.0.0",
        "::ffff:255.255.255.255", "::ffff:0102:0304", "::1.2.3.4", "::0.0.0.1", "0:0:0:0:0:ffff:1.2.3.4",
        "::ffff:1.2.3.4/128", "::ffff:1.2.3.0/120", "2002:c000:0204::1", "2002::", "2002::/16", "2002:ffff:ffff::",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::", "2001::/32", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff",
        "2001:1::1", "2001:1::2", "2001:1::3", "2001:2::", "2001:3::", "2001:4:112::", "2001:10::", "2001:20::",
        "2001:2f::", "2001:30::", "2001:db8::", "64:ff9b::1.2.3.4", "64:ff9b:1::", "100::", "fe80::1", "fec0::1",
        "fc00::1", "ff02::1",
        # scoped
        "fe80::1%eth0", "fe80::1%1", "fe80::1%", "fe80::1%%", "fe80::1%a%b", "fe80::1%eth0/64", "fe80::1/64%eth0",
        "fe80::%eth0/64", "fe80::1%eth 0", "::1%x", "::%0", "1.2.3.4%x", "fe80::1%\u00e9", "fe80::1%/64",
        "fe80::1%eth0/128", "::ffff:1.2.3.4%s", "fe80::1%2/127",
        # near misses
        "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
        "1::2::3", "::1::", ":::", "1:::2", ":1::2", "1::2:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:",
        "12345::", "1:2:3:4:5:6:7:10000", "0x1::", "g::", "::g", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
        "1.2.3.4::", "1.2.3.4:1::", "::1.2.3.4:1", "::1.2.3", "::1.2.3.4.5", "::1.2.3.256", "::01.2.3.4",
        "::1.2.3.04", "::ffff:1.2.3.4/96", "00000::", "0000::", "::00001", "::1:", ":", "::1 ", " ::1",
        ":: 1", "::1/129", "::1/128/128", "::/00", "::/0128", "::/ffff::", "::/ffff:ffff::", "::/::ffff",
        "2001:db8::/ffff:ffff::", "2001:db8::/::ffff:ffff", "2001:db8::1/64", "2001:DB8::1", "2001:Db8::aBc",
        "1:2:3:4:5:6:7:8/64", "::1/-1", "::1/+1", "::/\u0661", "a" * 40, ":" * 9, "1:" * 8, "::" + "1:" * 7 + "1",
    ]
    return v4, v6


def fmt_v4(rng, n):
    return ".".join(str(b) for b in n.to_bytes(4, "big"))


def fmt_v6(rng, n):
    a = IPv6Address(n)
    groups = a.exploded.split(":")
    style = rng.random()
    if style < 0.35:
        s = a.compressed
    elif style < 0.55:
        s = a.exploded
    elif style < 0.75:
        s = ":".join(g.lstrip("0") or "0" for g in groups)
    else:
        s = ":".join(g.lstrip("0") or "0" for g in groups[:6]) + ":" + str(IPv4Address(n & V4_MAX))
    if rng.random() < 0.15:
        s = "".join(c.upper() if rng.random() < 0.5 else c for c in s)
    if rng.random() < 0.05:
        s += "%" + rng.choice(["eth0", "1", "lo", "en0", "x" * rng.randint(1, 20), "\u00e9"])
    return s


def rand_v4(rng, specials):
    r = rng.random()
    if r < 0.5:
        return rng.getrandbits(32)
    net = rng.choice(specials[4])
    lo, hi = int(net.network_address), int(net.broadcast_address)
    return max(0, min(V4_MAX, rng.choice([lo, hi, rng.randint(lo, hi), lo - 1, hi + 1])))


def rand_v6(rng, specials):
    r = rng.random()
    if r < 0.3:
        return rng.getrandbits(128)
    if r < 0.4:  # sparse: a few non-zero groups so '::' appears in odd places
        n = 0
        for g in rng.sample(range(8), rng.randint(1, 4)):
            n |= rng.getrandbits(rng.choice([1, 4, 16])) << (16 * g)
        return n
    if r < 0.5:
        return (0xFFFF << 32) | rand_v4(rng, specials)  # IPv4-mapped
    if r < 0.55:
        return (0x2002 << 112) | (rand_v4(rng, specials) << 80) | rng.getrandbits(rng.choice([0, 16, 80]))  # 6to4
    if r < 0.6:
        return (0x20010000 << 96) | rng.getrandbits(96)  # Teredo
    net = rng.choice(specials[6])
    lo, hi = int(net.network_address), int(net.broadcast_address)
    return max(0, min(V6_MAX, rng.choice([lo, hi, rng.randint(lo, hi), lo - 1, hi + 1])))


def rand_prefix(rng, n, bits):
    """A prefix written as a length, a netmask or a hostmask, valid or not."""
    plen = rng.choice([rng.randint(0, bits), bits, bits - 1, bits - 2, 0, rng.randint(bits - 8, bits)])
    r = rng.random()
    net = (IPv4Network if bits == 32 else IPv6Network)((0, plen))
    if r < 0.6:
        return str(plen)
    if r < 0.75:
        return str(net.netmask)
    if r < 0.85:
        return str(net.hostmask)
    if r < 0.9:
        return rng.choice([str(plen).zfill(rng.randint(2, 4)), str(bits + rng.randint(1, 100)), "-" + str(plen), str(plen) + " "])
    # a random mask, usually not contiguous
    m = rng.getrandbits(bits)
    return str(IPv4Address(m) if bits == 32 else IPv6Address(m))


def rand_valid(rng, specials):
    if rng.random() < 0.45:
        n = rand_v4(rng, specials)
        s = fmt_v4(rng, n)
        bits = 32
    else:
        n = rand_v6(rng, specials)
        s = fmt_v6(rng, n)
        bits = 128
    r = rng.random()
    if r < 0.4:
        return "address", s
    if r < 0.7:  # a network text: host bits cleared, so it is strict-valid when the mask is
        plen = rng.randint(0, bits)
        net = (IPv4Network if bits == 32 else IPv6Network)((n, plen), strict=False)
        base = str(net.network_address) if "%" not in s else s
        return "network", base + "/" + (rand_prefix(rng, n, bits) if rng.random() < 0.3 else str(plen))
    return "interface", s + "/" + rand_prefix(rng, n, bits)


def near_miss(rng, specials):
    """A valid text with one mistake."""
    tag, s = rand_valid(rng, specials)
    ops = [
        lambda t: t.replace(".", "..", 1),
        lambda t: t.replace(":", ":::", 1),
        lambda t: t + rng.choice([".", ":", "::", ".0", ":0", "/", "%"]),
        lambda t: rng.choice([".", ":", "::", "0.", "0:"]) + t,
        lambda t: t.replace(".", "." + rng.choice(["256", "300", "999", "0256", "00", "01", "-1", ""]) + "."[:0], 1),
        lambda t: t.replace(":", ":" + rng.choice(["10000", "fffff", "12345", "g", "00000", "0x1"]) + ":", 1),
        lambda t: t + "::" if "::" in t else t.replace(":", "::", 2),
        lambda t: t.replace("::", "::1.2.3.4:", 1) if "::" in t else "1.2.3.4:" + t,
        lambda t: t[: (i := rng.randint(0, len(t)))] + rng.choice([" ", "\t", "\n", "\u00a0", "\u3000", "\x00"]) + t[i:],
        lambda t: t[: (i := rng.randint(0, len(t)))] + t[i + 1:],
        lambda t: t[: (i := rng.randint(0, len(t)))] + rng.choice("0123456789abcdefx.:/%") + t[i:],
        lambda t: t.upper() if rng.random() < 0.5 else t.replace("0", "O"),
        lambda t: t.replace(".", ":") if "." in t else t.replace(":", "."),
        lambda t: "%s/%s" % (t.split("/")[0], rng.choice(["", "-0", "33", "129", "1.2.3", "255.0.255.0", "x", "1/2"])),
    ]
    return "near-miss-" + tag, rng.choice(ops)(s)


def byte_soup(rng):
    r = rng.random()
    if r < 0.6:
        alphabet = "0123456789abcdefABCDEF....::::///%% x-+"
    elif r < 0.85:
        alphabet = "0123456789.:/%"
    else:
        alphabet = [chr(rng.randint(0x20, 0x7E)) for _ in range(8)] + [chr(rng.randint(0xA0, 0x2FFF)) for _ in range(3)] + ["\u0661", "\uff11", "\x00", "\t"]
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 45)))


def random_inputs(rng, n, specials):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.5:
            tag, s = rand_valid(rng, specials)
            out.append(("random-" + tag, s))
        elif r < 0.8:
            out.append(near_miss(rng, specials))
        else:
            out.append(("byte-soup", byte_soup(rng)))
    return out


# --------------------------------------------------------------------------- operations


def S(xs):
    return [str(x) for x in xs]


def op_case(tag, op, args, fn, **extra):
    c = {"tag": tag, "op": op, "args": args}
    c.update(extra)
    c.update(outcome(fn, lambda v: v))
    return c


def rand_network(rng, specials, version=None, plens=None):
    version = version or rng.choice([4, 6])
    bits = 32 if version == 4 else 128
    n = rand_v4(rng, specials) if version == 4 else rand_v6(rng, specials)
    plen = rng.choice(plens) if plens else rng.choice([rng.randint(0, bits), rng.randint(bits - 12, bits)])
    return (IPv4Network if version == 4 else IPv6Network)((n, plen), strict=False)


def rand_address(rng, specials, version=None):
    version = version or rng.choice([4, 6])
    return IPv4Address(rand_v4(rng, specials)) if version == 4 else IPv6Address(rand_v6(rng, specials))


def subnets_result(net, kw):
    it = net.subnets(**kw)
    first = S(itertools.islice(it, SUBNETS_LISTED))
    rest = sum(1 for _ in itertools.islice(it, SUBNETS_COUNTED))
    total = len(first) + rest
    return {"first": first, "count": total if total <= SUBNETS_COUNTED else None}


# One random case (a list: a relation pair asks three questions) per call; ops_cases draws them
# in a fixed order from one rng, ops_per_verb draws N of each verb from one rng per verb.


def subnets_case(rng, specials):
    net = rand_network(rng, specials)
    r = rng.random()
    if r < 0.45:
        kw = {"prefixlen_diff": rng.choice([0, 1, 2, 3, rng.randint(0, 12), rng.randint(-2, net.max_prefixlen + 2)])}
    elif r < 0.9:
        kw = {"new_prefix": rng.choice([net.prefixlen, net.prefixlen + 1, net.prefixlen + rng.randint(0, 10),
                                        net.prefixlen - 1, net.max_prefixlen, net.max_prefixlen + 1])}
    else:
        kw = {"prefixlen_diff": rng.choice([1, 2]), "new_prefix": net.prefixlen + 1}
    return [op_case("subnets", "subnets", [str(net), kw], lambda: subnets_result(net, kw))]


def supernet_case(rng, specials):
    net = rand_network(rng, specials)
    r = rng.random()
    if r < 0.45:
        kw = {"prefixlen_diff": rng.choice([1, 2, rng.randint(0, net.prefixlen + 2), net.prefixlen, net.prefixlen + 1])}
    elif r < 0.9:
        kw = {"new_prefix": rng.choice([net.prefixlen - 1, net.prefixlen, net.prefixlen + 1, 0, -1, rng.randint(0, net.prefixlen)])}
    else:
        kw = {"prefixlen_diff": 2, "new_prefix": max(0, net.prefixlen - 1)}
    return [op_case("supernet", "supernet", [str(net), kw], lambda: str(net.supernet(**kw)))]


HOSTS_PLENS = [30, 31, 32, 126, 127, 128]  # ops_cases: each in turn
HOSTS_PLENS_PER_VERB = list(range(27, 33)) + list(range(123, 129))  # ops_per_verb: at most 32 hosts


def hosts_case(rng, specials, plen=None):
    if plen is None:
        plen = rng.choice(HOSTS_PLENS_PER_VERB)
    net = rand_network(rng, specials, 4 if plen <= 32 else 6, [plen])
    return [op_case("hosts-/%d" % plen, "hosts", [str(net)], lambda: S(net.hosts()))]


def summarize_case(rng, specials):
    v = rng.choice([4, 6])
    a, b = rand_address(rng, specials, v), rand_address(rng, specials, v)
    r = rng.random()
    if r < 0.5 and a > b:
        a, b = b, a
    elif r < 0.6:
        b = a
    elif r < 0.75:  # a short range, so the summary is long and irregular
        bits = 32 if v == 4 else 128
        top = (1 << bits) - 1
        b = type(a)(min(top, int(a) + rng.randint(0, 5000)))
    elif r < 0.8:
        b = rand_address(rng, specials, 10 - v)
    return [op_case("summarize", "summarize_address_range", [str(a), str(b)], lambda: S(summarize_address_range(a, b)))]


def collapse_case(rng, specials):
    v = rng.choice([4, 6])
    items = []
    base = rand_network(rng, specials, v, list(range(8, 33)) if v == 4 else list(range(96, 129)))
    for _ in range(rng.randint(0, 14)):
        r = rng.random()
        if r < 0.4:  # inside or near the base network so they collapse
            sub = rng.randint(base.prefixlen, base.max_prefixlen)
            lo = int(base.network_address)
            x = type(base)((lo + rng.randint(0, base.num_addresses - 1), sub), strict=False)
            items.append(str(x))
        elif r < 0.7:
            lo = int(base.network_address)
            items.append(str(type(base.network_address)(min(lo + rng.randint(0, base.num_addresses + 3),
                                                             (1 << base.max_prefixlen) - 1))))
        else:
            items.append(str(rand_network(rng, specials, v)) if rng.random() < 0.5 else str(rand_address(rng, specials, v)))
    extra = {}
    tag = "collapse"
    if rng.random() < 0.05 and items:  # mixed versions: TypeError in Python; netkit collapses v4 then v6
        items.append(str(rand_address(rng, specials, 10 - v)))
        rng.shuffle(items)
        tag = "collapse-mixed-version"
        objs = [ip_network(s) for s in items]
        extra["extension"] = S(collapse_addresses([o for o in objs if o.version == 4])) + S(
            collapse_addresses([o for o in objs if o.version == 6]))
    return [op_case(tag, "collapse_addresses", items,
                    lambda: S(collapse_addresses([ip_network(s) if "/" in s else ip_address(s) for s in items])), **extra)]


def exclude_case(rng, specials):
    v = rng.choice([4, 6])
    a = rand_network(rng, specials, v, list(range(0, 33)) if v == 4 else list(range(64, 129)))
    r = rng.random()
    if r < 0.7:
        sub = rng.randint(a.prefixlen, min(a.max_prefixlen, a.prefixlen + 20))
        b = type(a)((int(a.network_address) + rng.randint(0, a.num_addresses - 1), sub), strict=False)
    elif r < 0.8:
        b = a
    elif r < 0.95:
        b = rand_network(rng, specials, v)
    else:
        b = rand_network(rng, specials, 10 - v)
    return [op_case("exclude", "address_exclude", [str(a), str(b)], lambda: S(a.address_exclude(b)))]


def relation_cases(rng, specials):
    v = rng.choice([4, 6])
    a = rand_network(rng, specials, v)
    r = rng.random()
    if r < 0.4:
        b = type(a)((int(a.network_address) + rng.randint(0, a.num_addresses - 1),
                     rng.randint(max(0, a.prefixlen - 3), a.max_prefixlen)), strict=False)
    elif r < 0.5:
        b = a
    elif r < 0.95:
        b = rand_network(rng, specials, v)
    else:
        b = rand_network(rng, specials, 10 - v)
    return [op_case("relation", op, [str(a), str(b)], lambda: getattr(a, op)(b))
            for op in ("overlaps", "subnet_of", "supernet_of")]


def sort_case(rng, specials):
    items = []
    for _ in range(rng.randint(0, 12)):
        r = rng.random()
        if r < 0.4:
            items.append(rand_address(rng, specials))
        elif r < 0.8:
            items.append(rand_network(rng, specials))
        elif items and r < 0.9:  # a duplicate or an address equal to a network's first address
            x = rng.choice(items)
            items.append(x.network_address if hasattr(x, "network_address") else x)
        else:
            items.append(ip_network(rng.choice(["0.0.0.0/0", "::/0", "0.0.0.0/32", "::/128", "0.0.0.0", "::"])))
    texts = S(items)
    return [op_case("sort", "sorted_mixed", texts, lambda: S(sorted(items, key=get_mixed_type_key)))]


def ops_cases(rng, n, specials):
    """About 2.4 * n operations, k = n // 8 units: 3k subnets, 2k supernet, 6 * k/6 hosts,
    2k summarize, collapse and exclude, 2k relation pairs (6k cases), k sorts."""
    k = max(1, n // 8)
    plan = [(subnets_case, k * 3), (supernet_case, k * 2)]
    plan += [(lambda rng, specials, plen=plen: hosts_case(rng, specials, plen), max(4, k // 6)) for plen in HOSTS_PLENS]
    plan += [(summarize_case, k * 2), (collapse_case, k * 2), (exclude_case, k * 2), (relation_cases, k * 2), (sort_case, k)]
    return [c for make, times in plan for _ in range(times) for c in make(rng, specials)]


# verb -> (case maker, the ops it writes); each maker is called N times with its own rng
VERBS = {
    "subnets": (subnets_case, ["subnets"]),
    "supernet": (supernet_case, ["supernet"]),
    "hosts": (hosts_case, ["hosts"]),
    "summarize": (summarize_case, ["summarize_address_range"]),
    "collapse": (collapse_case, ["collapse_addresses"]),
    "exclude": (exclude_case, ["address_exclude"]),
    "contains": (relation_cases, ["overlaps", "subnet_of", "supernet_of"]),
    "sort": (sort_case, ["sorted_mixed"]),
}


def ops_per_verb(n, specials):
    """n random cases of every op of VERBS (the three relations share their n pairs), one at
    a time so they can be written as they come."""
    for i, (verb, (make, _)) in enumerate(VERBS.items()):
        rng = random.Random(SEED + 100 + i)
        for _ in range(n):
            yield from make(rng, specials)


def cpython_ops():
    """Operation cases lifted from test_ipaddress.py's own examples."""
    cases = []
    nets = ["1.2.3.0/24", "2001:658:22a:cafe::/64", "10.0.0.0/8", "::/0", "0.0.0.0/0", "1.2.3.4/32", "::1/128"]
    for net in nets:
        n = ip_network(net)
        for kw in ({"prefixlen_diff": 1}, {"prefixlen_diff": 2}, {"new_prefix": n.prefixlen + 2}, {"prefixlen_diff": 0},
                   {"prefixlen_diff": -1}, {"new_prefix": n.prefixlen - 1}, {"prefixlen_diff": n.max_prefixlen + 1}):
            cases.append(op_case("subnets-cpython", "subnets", [net, kw], lambda: subnets_result(n, kw)))
        for kw in ({"prefixlen_diff": 1}, {"prefixlen_diff": 3}, {"new_prefix": 0}, {"new_prefix": n.prefixlen + 1},
                   {"prefixlen_diff": n.prefixlen + 1}, {"prefixlen_diff": 0}):
            cases.append(op_case("supernet-cpython", "supernet", [net, kw], lambda: str(n.supernet(**kw))))
    for a, b in [("1.1.1.0", "1.1.1.255"), ("1.1.1.0", "1.1.1.254"), ("::", "::ff"), ("1::", "1:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                 ("1.1.1.1", "1.1.1.0"), ("0.0.0.0", "255.255.255.255"), ("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
                 ("1.1.0.0", "1.1.255.255")]:
        cases.append(op_case("summarize-cpython", "summarize_address_range", [a, b],
                             lambda: S(summarize_address_range(ip_address(a), ip_address(b)))))
    for items in [["1.1.0.0/24", "1.1.1.0/24", "1.1.2.0/24", "1.1.3.0/24", "1.1.4.0/24", "1.1.6.0/24"],
                  ["1.1.0.0", "1.1.0.1", "1.1.0.2", "1.1.0.3", "1.1.0.4", "1.1.0.6"],
                  ["1.1.0.0/23", "1.1.1.0/24"], ["1.1.1.1/32", "1.1.1.1"], ["1.1.1.0/24", "1.1.1.0/24"], [],
                  ["1.1.1.1/32", "1.1.1.2/31", "1.1.1.0/32"], ["1::/64", "1::/65", "1:0:0:0:8000::/65"],
                  ["::/0", "1.1.1.1"], ["255.255.255.255", "255.255.255.254"], ["::", "::1", "::2", "::3"]]:
        c = op_case("collapse-cpython", "collapse_addresses", items,
                    lambda: S(collapse_addresses([ip_network(s) if "/" in s else ip_address(s) for s in items])))
        if c.get("error") and c["error"]["type"] == "TypeError":
            objs = [ip_network(s) for s in items]
            c["extension"] = S(collapse_addresses([o for o in objs if o.version == 4])) + S(
                collapse_addresses([o for o in objs if o.version == 6]))
            c["tag"] = "collapse-mixed-version"
        cases.append(c)
    for a, b in [("10.1.1.0/24", "10.1.1.0/26"), ("10.1.1.0/24", "10.1.1.0/24"), ("10.1.1.0/24", "10.2.1.0/24"),
                 ("10.1.1.0/24", "::/0"), ("::/0", "::1/128"), ("0.0.0.0/0", "255.255.255.255/32")]:
        cases.append(op_case("exclude-cpython", "address_exclude", [a, b], lambda: S(ip_network(a).address_exclude(ip_network(b)))))
    for a, b in [("10.0.0.0/30", "10.0.0.0/24"), ("10.0.0.0/24", "10.0.0.0/30"), ("10.0.0.0/24", "10.0.1.0/24"),
                 ("10.0.0.0/24", "::/0"), ("2000:999::/56", "2000:aaa::/48"), ("2000:aaa::/56", "2000:aaa::/48"),
                 ("1.2.3.0/30", "1.2.3.0/24"), ("1.2.2.0/24", "1.2.2.64/26")]:
        for op in ("overlaps", "subnet_of", "supernet_of"):
            cases.append(op_case("relation-cpython", op, [a, b], lambda: getattr(ip_network(a), op)(ip_network(b))))
    for items in [["1.1.1.1", "1.1.1.0/24", "::1", "::/0", "1.1.1.0/32", "1.1.1.0", "0.0.0.0/0", "::"]]:
        objs = [ip_network(s) if "/" in s else ip_address(s) for s in items]
        cases.append(op_case("sort-cpython", "sorted_mixed", items, lambda: S(sorted(objs, key=get_mixed_type_key))))
    return cases


# --------------------------------------------------------------------------- main


class Writer:
    """{header..., "<section>": [one case a line], ...}: compact, diffable, ASCII only, written
    as the cases come so a million of them never sit in memory at once."""

    def __init__(self, path, header):
        self.f = open(path, "w", encoding="ascii", newline="\n")
        self.f.write(self.dump(header)[:-1])

    @staticmethod
    def dump(v):
        return json.dumps(v, ensure_ascii=True, separators=(",", ":"))

    def section(self, name, items):
        """Writes the items (any iterable); returns how many."""
        f, dump, count = self.f, self.dump, 0
        f.write(f',"{name}":[\n')
        for c in items:
            f.write(",\n" + dump(c) if count else dump(c))
            count += 1
        f.write("\n]")
        return count

    def close(self):
        self.f.write("}\n")
        self.f.close()


RANDOM_SAMPLE = 400  # random inputs in the committed fixtures
OPS_CAP = 16000  # without --ops-per-verb, operations are scaled on min(count, OPS_CAP): about 2.4 per unit


def parse_cases(peer, inputs):
    """3.11's cases for the inputs, with 3.13's fields patched in, batch by batch: 3.13 answers
    the next batch while 3.11 works on this one."""
    batches = queue.Queue(maxsize=2)

    def ask():
        for i in range(0, len(inputs), BATCH):
            batches.put(peer.ask([s for _, s in inputs[i:i + BATCH]]))

    t = threading.Thread(target=ask, daemon=True)
    t.start()
    for i in range(0, len(inputs), BATCH):
        cases = [parse_case(tag, s) for tag, s in inputs[i:i + BATCH]]
        answers = batches.get()
        if len(answers) != len(cases):
            sys.exit(f"generate.py: CPython 3.13 answered {len(answers)} of {len(cases)} inputs")
        for case, answer in zip(cases, answers):
            patch_313(case, answer)
            yield compact(case)
    t.join()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?", default=os.path.join(HERE, "fixtures"))
    ap.add_argument("--count", type=int, default=None, help="random inputs (default: the committed sample)")
    ap.add_argument("--ops-per-verb", type=int, default=None, metavar="N",
                    help="N random cases of each operation (instead of about 2.4 per --count input, up to 38,000)")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    n = RANDOM_SAMPLE if args.count is None else args.count

    peer = Peer()
    tables = sorted(set(tables_311()) | set(peer.ask("tables")), key=lambda t: (ip_network(t).version, ip_network(t), t))
    specials = {v: [ip_network(t) for t in tables if ip_network(t).version == v] for v in (4, 6)}

    inputs = [("cpython", s) for s in cpython_inputs()]
    inputs += [("boundary", s) for s in boundary_inputs(tables)]
    v4, v6 = edge_inputs()
    inputs += [("edge-v4", s) for s in v4] + [("edge-v6", s) for s in v6]
    inputs += random_inputs(random.Random(SEED + 1), n, specials)
    seen = set()
    inputs = [(t, s) for t, s in inputs if not (s in seen or seen.add(s))]

    head = {"about": "Written by test/conformance/ip/generate.py from CPython 3.11 (is_private, is_global, is_reserved "
                     "from CPython 3.13); do not edit by hand.", "python": "3.11", "python_313_fields": list(FROM_313),
            "seed": SEED, "count": n}
    if args.ops_per_verb is not None:
        head["ops_per_verb"] = args.ops_per_verb
    w = Writer(os.path.join(args.outdir, "ip-parse.json"), head)
    w.section("tables", tables)
    parsed = w.section("cases", parse_cases(peer, inputs))
    w.close()
    peer.close()

    if args.ops_per_verb is None:
        ops = itertools.chain(cpython_ops(), ops_cases(random.Random(SEED + 2), min(n, OPS_CAP), specials))
    else:
        ops = itertools.chain(cpython_ops(), ops_per_verb(args.ops_per_verb, specials))
    w = Writer(os.path.join(args.outdir, "ip-ops.json"), head)
    done = w.section("cases", ops)
    w.close()
    print(f"ip-parse.json: {parsed} inputs; ip-ops.json: {done} operations", file=sys.stderr)


if __name__ == "__main__":
    main()
