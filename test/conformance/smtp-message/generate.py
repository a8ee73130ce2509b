#!/usr/bin/env python3
"""Writes the SMTP message-layer conformance fixtures with CPython 3.11 (the oracle).

Usage: python3 test/conformance/smtp-message/generate.py [OUT_DIR]   (default: ./fixtures here)

smtp-message-getaddresses.json: email.utils.getaddresses(fieldvalues) of every string literal
in Lib/test/test_email/test_email.py's getaddresses/parseaddr tests, of hand-written
hostile fields (CR/LF, NUL, nested groups, unbalanced quotes and brackets, non-ASCII), and of
seeded random fields drawn from RFC 5322's specials.
smtp-message-envelope.json: raw messages (latin-1 text of the bytes) and what
smtplib.SMTP.send_message does with the parsed raw message and optional
from_addr/to_addrs: the MAIL FROM and RCPT TO it hands to sendmail, whether it asserted
SMTPUTF8, the header fields left after it deletes Bcc/Resent-Bcc, or the exception. The
messages come from Lib/test/test_smtplib.py's send_message tests (their header assignments
and send_message arguments, replayed), hand-written hostile ones (header injection, several
Resent- blocks, odd folding, bare CR, 8-bit bytes) and seeded random ones. Addresses and
8-bit header bytes are read as UTF-8 (RFC 6532): the message is parsed with
message_from_string(raw.decode('utf-8', 'surrogateescape')), because 3.11's
message_from_bytes (compat32) turns every 8-bit header byte into U+FFFD and its send_message
then raises TypeError for the non-ASCII addresses; bytes that are not UTF-8 still become
one U+FFFD each, as compat32 gives them.
"""
import ast
import copy
import email
import email._policybase
import email.generator
import email.message
import email.mime.text
import email.policy
import email.utils
import json
import os
import random
import re
import smtplib
import sys

import test as _cpython_tests

if sys.version_info[:2] != (3, 11):
    sys.exit('generate.py needs CPython 3.11 (the oracle), not %d.%d' % sys.version_info[:2])

SEED = 5322
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'fixtures')
TESTS = os.path.dirname(_cpython_tests.__file__)
rng = random.Random(SEED)


def text(s):
    """A header value with surrogate escapes (bytes that are not UTF-8) as compat32's
    email.header.Header str() shows it: one U+FFFD per byte."""
    return re.sub('[\udc80-\udcff]', '\ufffd', s)


def write(name, about, cases):
    doc = {'about': about, 'python': sys.version.split()[0], 'seed': SEED, 'cases': cases}
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as f:
        json.dump(doc, f, indent=1, ensure_ascii=True)
        f.write('\n')


def outcome(fn):
    try:
        return fn()
    except (ValueError, IndexError) as e:
        return {'error': {'type': type(e).__name__, 'message': str(e)}}


# ---- getaddresses ----------------------------------------------------------------------

def email_test_literals():
    path = os.path.join(TESTS, 'test_email', 'test_email.py')
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    found = []
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef) and ('getaddresses' in fn.name or 'parseaddr' in fn.name or 'formataddr' in fn.name):
            for node in ast.walk(fn):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in found:
                    found.append(node.value)
    return found


HOSTILE_FIELDS = [
    '', ' ', ',', ',,,', ';', ':', '<>', '<', '>', '@', '"', '\\', '()', '(', ')', '[', ']',
    'a@b\r\nBcc: evil@x', 'a@b\rRCPT TO:<evil@x>', 'a@b\nDATA', 'a\x00b@c', 'a@b\x00c',
    'undisclosed-recipients:;', 'group: a@b, c@d;, e@f', 'g: h: i@j;;', 'g: ;, x@y',
    'a@b@c', 'a@malicious.org@important.com', '"a@b"@c', '"unterminated@x', '(unterminated a@b',
    'a@[127.0.0.1]', 'a@[unterminated', '<a@b', 'a@b>', '<<a@b>>', '<@route,@r2:a@b>',
    'Jörg <jörg@exämple.de>', 'ünïcödé@例え.jp', '"\u2028" <a@b>', 'a@b\u2028c@d',
    '=?utf-8?q?J=C3=B6rg?= <j@x>', 'a . b @ c . d', 'a.@b', '.a@b', 'a..b@c', 'a @ b',
    '"quoted \\" pair" <q@p>', '\\"x\\" <x@y>', 'x@y (comment (nested) here)', '(c1) a@b (c2)',
    'Name (comment) <a@b>', 'a@b,\r\n c@d', 'a@b,\r\n\tc@d', '\t\t a@b \t', 'foo bar baz',
    'John, Dinsdale', 'Sally, Fred', '"Dinsdale" <warped@silly.walks.com>',
    'a' * 300 + '@' + 'b' * 300, ', '.join('u%d@x' % i for i in range(50)),
    'x@y; z@w', 'a@b;c@d', '<a@b> <c@d>', '"a" "b" <c@d>', 'a b c <d@e> f g', '@', '@@', '.@.',
]

SPECIALS = list('()<>@,:;."[]\\') + [' ', '\t', '\r\n ', '\r', '\n']
ATOMS = ['a', 'bob', 'x.y', 'exämple', 'ü', '例', 'b@c.d', 'foo', '1', '-', '=', '?']


def random_field():
    return ''.join(rng.choice(SPECIALS if rng.random() < 0.45 else ATOMS) for _ in range(rng.randint(1, 14)))


def getaddresses_cases():
    cases = []
    for s in email_test_literals():
        cases.append({'tag': 'cpython-test_email', 'fieldvalues': [s]})
    for s in HOSTILE_FIELDS:
        cases.append({'tag': 'hostile', 'fieldvalues': [s]})
    for _ in range(160):
        cases.append({'tag': 'random', 'fieldvalues': [random_field() for _ in range(rng.choice((1, 1, 1, 2, 3)))]})
    for c in cases:
        c['expected'] = [list(p) for p in email.utils.getaddresses(c['fieldvalues'])]
    return cases


# ---- send_message envelopes --------------------------------------------------------------

class Capture(smtplib.SMTP):
    """An SMTP that never connects: EHLO is done, every extension (SMTPUTF8) is advertised,
    and sendmail records what send_message hands it."""

    def __init__(self):
        super().__init__()
        self.captured = None

    def ehlo_or_helo_if_needed(self):
        pass

    def has_extn(self, opt):
        return True

    def sendmail(self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=()):
        self.captured = (from_addr, to_addrs, msg, tuple(mail_options))
        return {}


# send_message flattens msg_copy after it has computed the envelope; the fixture records the
# envelope and the fields left, so the flattening (which 3.11 cannot do for a compat32
# message with 8-bit text once SMTPUTF8 is on: UnicodeEncodeError) is skipped.
FLATTEN = email.generator.BytesGenerator.flatten


def skip_flatten(self, msg, unixfrom=False, linesep=None):
    return None


class Compat32UTF8(email._policybase.Compat32):
    """compat32 that lets send_message clone(utf8=True): on plain compat32 (what
    message_from_bytes gives) 3.11's send_message raises TypeError for non-ASCII addresses
    after it has computed the envelope; the envelope is what this fixture records."""
    utf8 = False


def send_outcome(raw, from_addr, to_addrs):
    def run():
        msg = email.message_from_string(raw.decode('utf-8', 'surrogateescape'))
        msg.policy = Compat32UTF8()
        smtp = Capture()
        email.generator.BytesGenerator.flatten = skip_flatten
        try:
            smtp.send_message(msg, from_addr=from_addr, to_addrs=to_addrs)
        finally:
            email.generator.BytesGenerator.flatten = FLATTEN
        mail_from, rcpt, _flat, options = smtp.captured
        if isinstance(rcpt, str):
            rcpt = [rcpt]
        kept = copy.copy(msg)
        del kept['Bcc']
        del kept['Resent-Bcc']
        return {
            'mail_from': text(mail_from),
            'rcpt_to': [text(a) for a in rcpt],
            'smtputf8': 'SMTPUTF8' in options,
            'headers_sent': [[text(k), text(v)] for k, v in kept._headers],
        }
    return outcome(run)


def smtplib_test_messages():
    """Lib/test/test_smtplib.py's send_message tests: each test's header assignments on its
    message, in order, and the from_addr/to_addrs it passes, replayed onto a new message."""
    path = os.path.join(TESTS, 'test_smtplib.py')
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read())
    out = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef) or 'send_message' not in fn.name.lower().replace('sendmessage', 'send_message'):
            continue
        headers, kwargs, utf8 = [], {}, False
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Subscript):
                try:
                    headers.append((ast.literal_eval(node.targets[0].slice), ast.literal_eval(node.value)))
                except ValueError:
                    pass
            if isinstance(node, ast.Call) and getattr(node.func, 'attr', '') == 'send_message':
                for kw in node.keywords:
                    kwargs[kw.arg] = ast.literal_eval(kw.value)
            if isinstance(node, ast.Name) and node.id == 'EmailMessage':
                utf8 = True
        if utf8:
            m = email.message.EmailMessage()
            m.set_content('oh l\u00e0 l\u00e0, know what I mean\n')
        else:
            m = email.mime.text.MIMEText('A test message')
        for k, v in headers:
            m[k] = v
        raw = m.as_bytes(policy=m.policy.clone(utf8=True, linesep='\r\n') if utf8 else m.policy.clone(linesep='\r\n'))
        out.append((fn.name, raw, kwargs.get('from_addr'), kwargs.get('to_addrs')))
    return out


BODY = b'\r\nbody line\r\n'
HOSTILE_MESSAGES = [
    b'From: a@b\r\nTo: c@d\r\nBcc: secret@x\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nBcc: secret@x,\r\n  other@y\r\n\tthird@z\r\nSubject: s\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nbcc: low@x\r\nBCC: up@x\r\nResent-bcc: r@x\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\n' + BODY,
    b'To: c@d\r\n' + BODY,
    b'From: \r\nTo: c@d\r\n' + BODY,
    b'From: ,,\r\nTo: c@d\r\n' + BODY,
    b'Sender: s@x\r\nFrom: a@b\r\nTo: c@d\r\n' + BODY,
    b'Sender: \r\nFrom: a@b\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nFrom: second@b\r\nTo: c@d\r\nTo: second@d\r\n' + BODY,
    b'From: a@b\r\nResent-Date: x\r\nResent-From: r@b\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nResent-Date: x\r\nResent-Sender: rs@b\r\nResent-From: r@b\r\nResent-Cc: rc@d\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nResent-Date: x\r\nResent-Date: y\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nresent-date: x\r\nRESENT-DATE: y\r\n' + BODY,
    b'From: a@b\r\nResent-Date: x\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nBcc: e@f\r\nCc: g@h\r\n' + BODY,
    b'From: a@b\nTo: c@d\nBcc: e@f\n\nbody\n',
    b'From: a@b\rTo: c@d\rBcc: e@f\r\rbody\r',
    b'From: a@b\r\nTo: c@d\rBcc: hidden@x\r\n' + BODY,
    b'From a@b Thu Jan  1 00:00:00 1970\r\nFrom: real@b\r\nTo: c@d\r\n' + BODY,
    b'From: real@b\r\nFrom x@y misplaced\r\nTo: c@d\r\n' + BODY,
    b'From: real@b\r\nTo: c@d\r\nFrom x@y last\r\n' + BODY,
    b' leading@continuation\r\nFrom: a@b\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\n: nameless@x\r\n orphan@y\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nBcc: s@x\r\n: x\r\n orphan-bcc@y\r\n' + BODY,
    b'From: a@b\r\nTo : spaced@d\r\nBcc: after@x\r\n' + BODY,
    b'From: a@b\r\nNot a header line\r\nTo: c@d\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nBcc: e@f',
    b'From: a@b\r\nTo: c@d',
    b'',
    b'\r\n',
    b'From: J\xc3\xb6rg <j\xc3\xb6rg@ex\xc3\xa4mple.de>\r\nTo: \xe4\xbe\x8b@\xe4\xbe\x8b.jp\r\n' + BODY,
    b'From: a@b\r\nTo: bad\xff\xfe@x\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nSubject: caf\xc3\xa9\r\n\r\n8bit body \xc3\xa9\r\n',
    b'From: a@b\r\nTo: =?utf-8?q?J=C3=B6rg?= <j@x>\r\n' + BODY,
    b'From: a@b\r\nTo: undisclosed-recipients:;\r\n' + BODY,
    b'From: a@b\r\nTo: g: x@y, z@w;\r\nCc: (only comment)\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\x00e\r\n' + BODY,
    b'From: "a\r\n b" <a@b>\r\nTo: c@d\r\n' + BODY,
    b'From:a@b\r\nTo:\tc@d\r\nBcc:e@f\r\n' + BODY,
    b'X-Bcc: not@stripped\r\nFrom: a@b\r\nTo: c@d\r\nBccx: nope@x\r\n' + BODY,
    b'From: a@b\r\nTo: c@d\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nBcc: inner@x\r\n\r\nx\r\n--b--\r\n',
]

OVERRIDES = [(None, None), ('env@from', None), (None, ['r1@x', 'r2@y']), ('', []), ('j\u00f6@x', ['r@\u00e9.fr'])]


def random_header_block():
    names = ['From', 'To', 'Cc', 'Bcc', 'Sender', 'Resent-From', 'Resent-To', 'Resent-Cc', 'Resent-Bcc',
             'Resent-Sender', 'Subject', 'X-Other', 'resent-date', 'bcc', 'TO']
    lines = []
    for _ in range(rng.randint(0, 9)):
        name = rng.choice(names)
        if name.lower() == 'resent-date' and rng.random() < 0.6:
            continue
        value = random_field().replace('\r', '').replace('\n', '')
        lines.append('%s:%s%s' % (name, rng.choice(('', ' ', '  ', '\t')), value))
        if rng.random() < 0.2:
            lines.append(rng.choice((' ', '\t')) + random_field().replace('\r', '').replace('\n', ''))
    nl = rng.choice(('\r\n', '\r\n', '\r\n', '\n', '\r'))
    return (nl.join(lines) + nl + nl + 'body' + nl).encode('utf-8')


def envelope_cases():
    cases = []

    def add(tag, raw, from_addr=None, to_addrs=None):
        cases.append({'tag': tag, 'raw': raw.decode('latin-1'), 'from_addr': from_addr, 'to_addrs': to_addrs,
                      'expected': send_outcome(raw, from_addr, to_addrs)})

    for name, raw, from_addr, to_addrs in smtplib_test_messages():
        add('cpython-test_smtplib', raw, from_addr, [to_addrs] if isinstance(to_addrs, str) else to_addrs)
    for raw in HOSTILE_MESSAGES:
        add('hostile', raw)
    for raw in HOSTILE_MESSAGES[:12]:
        for from_addr, to_addrs in OVERRIDES[1:]:
            add('override', raw, from_addr, to_addrs)
    for _ in range(220):
        add('random', random_header_block())
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    write('smtp-message-getaddresses.json', 'email.utils.getaddresses(fieldvalues) -> [[realname, addr], ...]', getaddresses_cases())
    write('smtp-message-envelope.json', 'smtplib.SMTP.send_message(email.message_from_string(raw as UTF-8), from_addr, to_addrs): sendmail arguments and the header fields left after the Bcc deletion', envelope_cases())


main()
