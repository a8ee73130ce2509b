// netrc for netkit: CPython 3.11 Lib/netrc.py, token for token. The lexer, the comment
// rules (including the places where 3.11 does not count the lines it skips), `macdef`,
// `default`, and NetrcParseError's `MSG (FILE, line N)` are kept as Python has them.
// Pure library: nothing prints. Passwords never go into error messages (only tokens that
// are not in a value position can appear there, as in Python).
import { fstatSync, openSync, readFileSync, closeSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { NetkitError } from './errors.js';

/** netrc.NetrcParseError; `message` is Python's str(): `MSG (FILE, line N)`. */
export class NetrcParseError extends NetkitError {
  override name = 'NetrcParseError';
  readonly msg: string;
  readonly filename: string | undefined;
  readonly lineno: number | undefined;
  constructor(msg: string, filename?: string, lineno?: number) {
    super(`${msg} (${filename ?? 'None'}, line ${lineno ?? 'None'})`, { code: 'ERR_NETRC', python: 'netrc.NetrcParseError', kind: 'usage' });
    this.msg = msg;
    this.filename = filename;
    this.lineno = lineno;
  }
}

/** (login, account, password), as netrc.authenticators returns it. */
export type NetrcEntry = [login: string, account: string, password: string];

/** Python's repr() of a str, for the `bad toplevel token %r` messages. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** _netrclex over a string (text-mode stream: readline() does not count lines, as in 3.11). */
class Lexer {
  lineno = 1;
  pos = 0;
  private pushback: string[] = [];
  constructor(private readonly text: string) {}

  readChar(): string {
    if (this.pos >= this.text.length) return '';
    const ch = this.text[this.pos++]!;
    if (ch === '\n') this.lineno++;
    return ch;
  }

  /** instream.readline(): the rest of the line with its newline; lineno is not touched. */
  readline(): string {
    if (this.pos >= this.text.length) return '';
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl + 1;
    const line = this.text.slice(this.pos, end);
    this.pos = end;
    return line;
  }

  getToken(): string {
    if (this.pushback.length > 0) return this.pushback.shift()!;
    let token = '';
    for (let ch = this.readChar(); ch !== ''; ch = this.readChar()) {
      if (ch === '\n' || ch === '\t' || ch === '\r' || ch === ' ') continue;
      if (ch === '"') {
        for (ch = this.readChar(); ch !== ''; ch = this.readChar()) {
          if (ch === '"') return token;
          if (ch === '\\') ch = this.readChar();
          token += ch;
        }
      } else {
        if (ch === '\\') ch = this.readChar();
        token += ch;
        for (ch = this.readChar(); ch !== ''; ch = this.readChar()) {
          if (ch === '\n' || ch === '\t' || ch === '\r' || ch === ' ') return token;
          if (ch === '\\') ch = this.readChar();
          token += ch;
        }
      }
      return token;
    }
    return token;
  }

  pushToken(token: string): void {
    this.pushback.push(token);
  }
}

/** Universal newlines, as Python's text-mode open() reads. */
function translateNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** netrc.netrc: `hosts` (name → [login, account, password]) and `macros` (name → lines). */
export class Netrc {
  readonly hosts = new Map<string, NetrcEntry>();
  readonly macros = new Map<string, string[]>();

  /**
   * Parses netrc text. `filename` only labels errors (Python always has one). Pass
   * `securityCheck` (what netrc() with no file does for ~/.netrc) with the file's owner uid
   * and mode to apply 3.11's permission rules.
   */
  constructor(text: string, filename?: string, securityCheck?: { uid: number; mode: number }) {
    this.parse(translateNewlines(text), filename, securityCheck);
  }

  /**
   * netrc(file): reads `file` (utf-8, as 3.11 tries first); with no file, ~/.netrc (or
   * $HOME/.netrc) with the owner and permission checks that only apply to it.
   */
  static fromFile(file?: string, home: string = process.env['HOME'] ?? homedir()): Netrc {
    const isDefault = file === undefined;
    const path = file ?? join(home, '.netrc');
    const fd = openSync(path, 'r');
    try {
      const text = readFileSync(fd, 'utf8');
      const st = fstatSync(fd);
      return new Netrc(text, path, isDefault ? { uid: st.uid, mode: st.mode } : undefined);
    } finally {
      closeSync(fd);
    }
  }

  private parse(text: string, file: string | undefined, check: { uid: number; mode: number } | undefined): void {
    const lexer = new Lexer(text);
    for (;;) {
      const savedLineno = lexer.lineno;
      const tt = lexer.getToken();
      if (!tt) break;
      let entryname: string;
      if (tt[0] === '#') {
        if (lexer.lineno === savedLineno && tt.length === 1) lexer.readline();
        continue;
      } else if (tt === 'machine') {
        entryname = lexer.getToken();
      } else if (tt === 'default') {
        entryname = 'default';
      } else if (tt === 'macdef') {
        entryname = lexer.getToken();
        const lines: string[] = [];
        this.macros.set(entryname, lines);
        for (;;) {
          const line = lexer.readline();
          if (!line) throw new NetrcParseError('Macro definition missing null line terminator.', file, lexer.lineno);
          if (line === '\n') break;
          lines.push(line);
        }
        continue;
      } else {
        throw new NetrcParseError(`bad toplevel token ${pyRepr(tt)}`, file, lexer.lineno);
      }
      if (!entryname) throw new NetrcParseError(`missing ${pyRepr(tt)} name`, file, lexer.lineno);
      let login = '';
      let account = '';
      let password = '';
      for (;;) {
        const prevLineno = lexer.lineno;
        const t = lexer.getToken();
        if (t.startsWith('#')) {
          if (lexer.lineno === prevLineno) lexer.readline();
          continue;
        }
        if (t === '' || t === 'machine' || t === 'default' || t === 'macdef') {
          this.hosts.set(entryname, [login, account, password]);
          lexer.pushToken(t);
          break;
        } else if (t === 'login' || t === 'user') {
          login = lexer.getToken();
        } else if (t === 'account') {
          account = lexer.getToken();
        } else if (t === 'password') {
          password = lexer.getToken();
        } else {
          throw new NetrcParseError(`bad follower token ${pyRepr(t)}`, file, lexer.lineno);
        }
      }
      if (check) securityCheck(check, login);
    }
  }

  /** netrc.authenticators(host): the host's entry, else `default`, else undefined (None). */
  authenticators(host: string): NetrcEntry | undefined {
    return this.hosts.get(host) ?? this.hosts.get('default');
  }

  /** netrc.__repr__: the data back in netrc form (passwords included, as Python does). */
  toString(): string {
    let rep = '';
    for (const [host, attrs] of this.hosts) {
      rep += `machine ${host}\n\tlogin ${attrs[0]}\n`;
      if (attrs[1]) rep += `\taccount ${attrs[1]}\n`;
      rep += `\tpassword ${attrs[2]}\n`;
    }
    for (const [name, lines] of this.macros) {
      rep += `macdef ${name}\n` + lines.join('') + '\n';
    }
    return rep;
  }
}

function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const f = line.split(':');
      if (f.length > 2 && Number(f[2]) === uid && f[2] !== '') return f[0]!;
    }
  } catch {
    // no passwd file: Python's KeyError branch
  }
  return `uid ${uid}`;
}

/** netrc._security_check (posix, ~/.netrc only, skipped for login "anonymous"). */
function securityCheck(st: { uid: number; mode: number }, login: string): void {
  if (process.platform === 'win32' || login === 'anonymous') return;
  const myUid = userInfo().uid;
  if (st.uid !== myUid) {
    throw new NetrcParseError(`~/.netrc file owner (${userName(st.uid)}, ${userName(myUid)}) does not match current user`);
  }
  if (st.mode & 0o077) {
    throw new NetrcParseError('~/.netrc access too permissive: access permissions must restrict access to only the owner');
  }
}
