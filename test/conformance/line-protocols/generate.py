#!/usr/bin/env python3
"""Writes the fixtures for core's line-protocol helpers with CPython 3.11 (the oracle).

Usage: python3 test/conformance/line-protocols/generate.py [OUT_DIR]   (default: ./fixtures here)

dot.json: smtplib._fix_eols and what SMTP.data() sends after the 354 (_quote_periods, a
final CRLF when missing, then ".\\r\\n") for hand-written and seeded random messages
(hex), and smtpd's DATA decoding of that block (split on CRLF, leading dot removed, joined
with "\\n") to check the reader's unstuffing; the raw_* pair does the same without
_fix_eols (bare CR and LF stay, as sendmail() leaves bytes messages).
sasl.json: the strings smtplib's auth_plain, auth_login and auth_cram_md5 return for
random users, passwords and challenges.
"""
import hmac
import json
import os
import random
import re
import sys

CRLF = "\r\n"


def fix_eols(data):
    return re.sub(rb'(?:\r\n|\n|\r(?!\n))', b"\r\n", data)


def data_block(msg):
    q = re.sub(br'(?m)^\.', b'..', msg)
    if q[-2:] != b"\r\n":
        q = q + b"\r\n"
    return q + b".\r\n"


def smtpd_decode(block):
    # smtpd.SMTPChannel.found_terminator for DATA: the terminator b'\r\n.\r\n' is split off
    # by asynchat, then lines split on CRLF lose a leading dot and are joined with b'\n'.
    assert block.endswith(b"\r\n.\r\n")
    body = block[:-5]
    out = []
    for text in body.split(b"\r\n"):
        out.append(text[1:] if text[:1] == b"." else text)
    return b"\n".join(out)


def random_message(rng):
    pieces = [b".", b"..", b"\r", b"\n", b"\r\n", b"a", b"From x", b" ", b"\x00", b"\xff", b".\r\n", b"\n.\n"]
    return b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 24)))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
    rng = random.Random(7)
    messages = [b"", b".", b"..", b"a", b"a\r\n", b".a\r\n.b\r\n", b"x\n.y\n", b"x\r.y", b"\r\n.\r\n", b"end.\r\n.", b"line1\nline2", b"\r\r\n\n"]
    messages += [random_message(rng) for _ in range(300)]
    dot = []
    for m in messages:
        fixed = fix_eols(m)
        block = data_block(fixed)
        raw = data_block(m)
        dot.append({"message": m.hex(), "fixed": fixed.hex(), "data": block.hex(), "smtpd": smtpd_decode(block).hex(),
                    "raw_data": raw.hex(), "raw_smtpd": smtpd_decode(raw).hex()})
    sasl = []
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*() éü"
    for i in range(100):
        user = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12)))
        password = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 16)))
        challenge = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
        sasl.append({
            "user": user, "password": password, "challenge": challenge.hex(),
            "plain": "\0%s\0%s" % (user, password),
            "cram_md5": user + " " + hmac.HMAC(password.encode("utf-8"), challenge, "md5").hexdigest(),
        })
    os.makedirs(out_dir, exist_ok=True)
    for name, doc in (("dot.json", {"cases": dot}), ("sasl.json", {"cases": sasl})):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            json.dump(doc, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
