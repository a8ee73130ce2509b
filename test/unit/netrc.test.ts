// netrc: CPython 3.11 Lib/netrc.py results, produced by running python3 3.11.7 on the same
// texts (written to a temp file; its path is shown here as FILE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netrc, NetrcParseError } from '../../src/protocols/core/netrc.js';

interface Case {
  text: string;
  hosts?: Record<string, [string, string, string]>;
  macros?: Record<string, string[]>;
  auth_x?: [string, string, string] | null;
  repr?: string;
  error?: string;
  msg?: string;
  lineno?: number;
}

const PYTHON: Record<string, Case> = {
 "basic": {
  "text": "machine host1.com login log1 password pass1 account acct1\ndefault login deflog password defpass\n",
  "hosts": {
   "host1.com": [
    "log1",
    "acct1",
    "pass1"
   ],
   "default": [
    "deflog",
    "",
    "defpass"
   ]
  },
  "macros": {},
  "auth_x": [
   "deflog",
   "",
   "defpass"
  ],
  "repr": "machine host1.com\n\tlogin log1\n\taccount acct1\n\tpassword pass1\nmachine default\n\tlogin deflog\n\tpassword defpass\n"
 },
 "quoted": {
  "text": "machine h login \"a b\" password \"p\\\"q\" account \\#x\n",
  "hosts": {
   "h": [
    "a b",
    "#x",
    "p\"q"
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine h\n\tlogin a b\n\taccount #x\n\tpassword p\"q\n"
 },
 "comments": {
  "text": "# top comment\nmachine foo login bar # trailing\n password baz\n#machine x login y\nmachine q #c\n login w password e\n",
  "hosts": {
   "foo": [
    "bar",
    "",
    "baz"
   ],
   "q": [
    "w",
    "",
    "e"
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine foo\n\tlogin bar\n\tpassword baz\nmachine q\n\tlogin w\n\tpassword e\n"
 },
 "hashtoken": {
  "text": "#nospace machine a login b\nmachine c login d password #notcomment\n",
  "hosts": {
   "a": [
    "b",
    "",
    ""
   ],
   "c": [
    "d",
    "",
    "#notcomment"
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine a\n\tlogin b\n\tpassword \nmachine c\n\tlogin d\n\tpassword #notcomment\n"
 },
 "macdef": {
  "text": "macdef init\ncd /pub\nbinary\n\nmachine m login l password p\n",
  "hosts": {
   "m": [
    "l",
    "",
    "p"
   ]
  },
  "macros": {
   "init": [
    "cd /pub\n",
    "binary\n"
   ]
  },
  "auth_x": null,
  "repr": "machine m\n\tlogin l\n\tpassword p\nmacdef init\ncd /pub\nbinary\n\n"
 },
 "user": {
  "text": "machine u user uu password pp\nmachine u login again\n",
  "hosts": {
   "u": [
    "again",
    "",
    ""
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine u\n\tlogin again\n\tpassword \n"
 },
 "crlf": {
  "text": "machine c login l\r\n password p\r\n",
  "hosts": {
   "c": [
    "l",
    "",
    "p"
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine c\n\tlogin l\n\tpassword p\n"
 },
 "empty": {
  "text": "",
  "hosts": {},
  "macros": {},
  "auth_x": null,
  "repr": ""
 },
 "err_toplevel": {
  "text": "machine a login b\n\nfoo bar\n",
  "error": "bad follower token 'foo' (FILE, line 3)",
  "msg": "bad follower token 'foo'",
  "lineno": 3
 },
 "err_follower": {
  "text": "machine a\n login b\n bogus c\n",
  "error": "bad follower token 'bogus' (FILE, line 3)",
  "msg": "bad follower token 'bogus'",
  "lineno": 3
 },
 "err_missing": {
  "text": "machine",
  "error": "missing 'machine' name (FILE, line 1)",
  "msg": "missing 'machine' name",
  "lineno": 1
 },
 "err_macdef": {
  "text": "macdef m\nline1\n",
  "error": "Macro definition missing null line terminator. (FILE, line 2)",
  "msg": "Macro definition missing null line terminator.",
  "lineno": 2
 },
 "err_lineno_after_comment": {
  "text": "#\n# c1\n# c2\nbad\n",
  "error": "bad toplevel token 'bad' (FILE, line 3)",
  "msg": "bad toplevel token 'bad'",
  "lineno": 3
 },
 "escape_eof": {
  "text": "machine a login b\\",
  "hosts": {
   "a": [
    "b",
    "",
    ""
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine a\n\tlogin b\n\tpassword \n"
 },
 "emptyquoted": {
  "text": "machine a login \"\" password p\n",
  "hosts": {
   "a": [
    "",
    "",
    "p"
   ]
  },
  "macros": {},
  "auth_x": null,
  "repr": "machine a\n\tlogin \n\tpassword p\n"
 }
};

for (const [name, c] of Object.entries(PYTHON)) {
  test(`netrc matches python3.11: ${name}`, () => {
    if (c.error !== undefined) {
      assert.throws(() => new Netrc(c.text, 'FILE'), (err: unknown) => {
        assert.ok(err instanceof NetrcParseError);
        assert.equal(err.message, c.error);
        assert.equal(err.msg, c.msg);
        assert.equal(err.lineno, c.lineno);
        return true;
      });
      return;
    }
    const n = new Netrc(c.text, 'FILE');
    assert.deepEqual(Object.fromEntries(n.hosts), c.hosts);
    assert.deepEqual(Object.fromEntries(n.macros), c.macros);
    assert.deepEqual(n.authenticators('nohost.example') ?? null, c.auth_x);
    assert.equal(n.toString(), c.repr);
    for (const host of Object.keys(c.hosts!)) assert.deepEqual(n.authenticators(host), c.hosts![host]);
  });
}

test('netrc fromFile reads a named file without the ~/.netrc permission check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netrc-'));
  try {
    const file = join(dir, 'rc');
    writeFileSync(file, 'machine a login b password c\n');
    chmodSync(file, 0o644);
    assert.deepEqual(Netrc.fromFile(file).authenticators('a'), ['b', '', 'c']);
    const home = process.env['HOME'];
    process.env['HOME'] = dir;
    try {
      writeFileSync(join(dir, '.netrc'), 'machine a login b password secret\n');
      chmodSync(join(dir, '.netrc'), 0o644);
      assert.throws(() => Netrc.fromFile(), (err: unknown) => {
        assert.ok(err instanceof NetrcParseError);
        assert.equal(err.message, '~/.netrc access too permissive: access permissions must restrict access to only the owner (None, line None)');
        assert.ok(!err.message.includes('secret'));
        return true;
      });
      chmodSync(join(dir, '.netrc'), 0o600);
      assert.deepEqual(Netrc.fromFile().authenticators('a'), ['b', '', 'secret']);
      writeFileSync(join(dir, '.netrc'), 'machine a login anonymous password x\n');
      chmodSync(join(dir, '.netrc'), 0o644);
      assert.deepEqual(Netrc.fromFile().authenticators('a'), ['anonymous', '', 'x']);
    } finally {
      if (home === undefined) delete process.env['HOME'];
      else process.env['HOME'] = home;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
