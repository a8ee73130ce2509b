// email.utils.getaddresses as CPython 3.11.7 runs it: the legacy RFC 822 parser of
// Lib/email/_parseaddr.py (AddrlistClass), ported line for line so odd input gives the
// same (realname, address) pairs. (3.11.7 predates the strict getaddresses of gh-102988.)
import { pyStrip } from '../../core/py-text.js';

/** One (realname, email address) pair, as getaddresses returns it. */
export type AddressPair = [name: string, address: string];

const SPECIALS = '()<>@,:;."[]';
const LWS = ' \t';
const CR = '\r\n';
const FWS = LWS + CR;
const ATOMENDS = SPECIALS + LWS + CR;
// RFC 2822 obs-phrase: dots are allowed in phrases
const PHRASEENDS = ATOMENDS.replace('.', '');

/** _parseaddr.quote: backslash and double quote become quoted pairs. */
function quote(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** _parseaddr.AddrlistClass: a cursor over one header field's text. */
class AddrlistParser {
  pos = 0;
  commentlist: string[] = [];
  constructor(readonly field: string) {}

  private at(): string {
    return this.field[this.pos]!;
  }

  /** Skip white space and extract comments. */
  gotonext(): string {
    let ws = '';
    const f = this.field;
    while (this.pos < f.length) {
      const ch = this.at();
      if (' \t\n\r'.includes(ch)) {
        if (ch !== '\n' && ch !== '\r') ws += ch;
        this.pos++;
      } else if (ch === '(') {
        this.commentlist.push(this.getcomment());
      } else break;
    }
    return ws;
  }

  getaddrlist(): AddressPair[] {
    const result: AddressPair[] = [];
    while (this.pos < this.field.length) {
      const ad = this.getaddress();
      if (ad.length > 0) result.push(...ad);
      else result.push(['', '']);
    }
    return result;
  }

  getaddress(): AddressPair[] {
    this.commentlist = [];
    this.gotonext();
    const oldpos = this.pos;
    const oldcl = this.commentlist;
    const plist = this.getphraselist();
    this.gotonext();
    let returnlist: AddressPair[] = [];
    const f = this.field;

    if (this.pos >= f.length) {
      // Bad email address technically, no domain.
      if (plist.length > 0) returnlist = [[this.commentlist.join(' '), plist[0]!]];
    } else if ('.@'.includes(this.at())) {
      // email address is just an addrspec; start over
      this.pos = oldpos;
      this.commentlist = oldcl;
      const addrspec = this.getaddrspec();
      returnlist = [[this.commentlist.join(' '), addrspec]];
    } else if (this.at() === ':') {
      // address is a group
      const fieldlen = f.length;
      this.pos++;
      while (this.pos < f.length) {
        this.gotonext();
        if (this.pos < fieldlen && this.at() === ';') {
          this.pos++;
          break;
        }
        returnlist = returnlist.concat(this.getaddress());
      }
    } else if (this.at() === '<') {
      // a phrase then a route addr
      const routeaddr = this.getrouteaddr();
      returnlist = this.commentlist.length > 0 ? [[plist.join(' ') + ' (' + this.commentlist.join(' ') + ')', routeaddr]] : [[plist.join(' '), routeaddr]];
    } else if (plist.length > 0) {
      returnlist = [[this.commentlist.join(' '), plist[0]!]];
    } else if (SPECIALS.includes(this.at())) {
      this.pos++;
    }

    this.gotonext();
    if (this.pos < f.length && this.at() === ',') this.pos++;
    return returnlist;
  }

  /** A route address: skips the route, returns the addr-spec. */
  getrouteaddr(): string {
    if (this.at() !== '<') return '';
    let expectroute = false;
    this.pos++;
    this.gotonext();
    let adlist = '';
    while (this.pos < this.field.length) {
      if (expectroute) {
        this.getdomain();
        expectroute = false;
      } else if (this.at() === '>') {
        this.pos++;
        break;
      } else if (this.at() === '@') {
        this.pos++;
        expectroute = true;
      } else if (this.at() === ':') {
        this.pos++;
      } else {
        adlist = this.getaddrspec();
        this.pos++;
        break;
      }
      this.gotonext();
    }
    return adlist;
  }

  getaddrspec(): string {
    const aslist: string[] = [];
    const blank = (): boolean => aslist.length > 0 && pyStrip(aslist[aslist.length - 1]!) === '';
    this.gotonext();
    while (this.pos < this.field.length) {
      let preserveWs = true;
      const ch = this.at();
      if (ch === '.') {
        if (blank()) aslist.pop();
        aslist.push('.');
        this.pos++;
        preserveWs = false;
      } else if (ch === '"') {
        aslist.push(`"${quote(this.getquote())}"`);
      } else if (ATOMENDS.includes(ch)) {
        if (blank()) aslist.pop();
        break;
      } else {
        aslist.push(this.getatom());
      }
      const ws = this.gotonext();
      if (preserveWs && ws) aslist.push(ws);
    }
    if (this.pos >= this.field.length || this.at() !== '@') return aslist.join('');
    aslist.push('@');
    this.pos++;
    this.gotonext();
    const domain = this.getdomain();
    // Invalid domain: an empty address rather than a bare local part
    if (!domain) return '';
    return aslist.join('') + domain;
  }

  getdomain(): string {
    const sdlist: string[] = [];
    while (this.pos < this.field.length) {
      const ch = this.at();
      if (LWS.includes(ch)) this.pos++;
      else if (ch === '(') this.commentlist.push(this.getcomment());
      else if (ch === '[') sdlist.push(this.getdomainliteral());
      else if (ch === '.') {
        this.pos++;
        sdlist.push('.');
      } else if (ch === '@') {
        // bpo-34155: no domains with two '@' like a@malicious.org@important.com
        return '';
      } else if (ATOMENDS.includes(ch)) break;
      else sdlist.push(this.getatom());
    }
    return sdlist.join('');
  }

  getdelimited(beginchar: string, endchars: string, allowcomments: boolean): string {
    if (this.at() !== beginchar) return '';
    let out = '';
    let quoted = false;
    this.pos++;
    while (this.pos < this.field.length) {
      const ch = this.at();
      if (quoted) {
        out += ch;
        quoted = false;
      } else if (endchars.includes(ch)) {
        this.pos++;
        break;
      } else if (allowcomments && ch === '(') {
        out += this.getcomment();
        continue; // getcomment advanced pos
      } else if (ch === '\\') {
        quoted = true;
      } else {
        out += ch;
      }
      this.pos++;
    }
    return out;
  }

  getquote(): string {
    return this.getdelimited('"', '"\r', false);
  }

  getcomment(): string {
    return this.getdelimited('(', ')\r', true);
  }

  getdomainliteral(): string {
    return `[${this.getdelimited('[', ']\r', false)}]`;
  }

  getatom(atomends = ATOMENDS): string {
    const start = this.pos;
    while (this.pos < this.field.length && !atomends.includes(this.at())) this.pos++;
    return this.field.slice(start, this.pos);
  }

  /** Words (atoms or quoted strings); comments go to commentlist. */
  getphraselist(): string[] {
    const plist: string[] = [];
    while (this.pos < this.field.length) {
      const ch = this.at();
      if (FWS.includes(ch)) this.pos++;
      else if (ch === '"') plist.push(this.getquote());
      else if (ch === '(') this.commentlist.push(this.getcomment());
      else if (PHRASEENDS.includes(ch)) break;
      else plist.push(this.getatom(PHRASEENDS));
    }
    return plist;
  }
}

/** email.utils.getaddresses(fieldvalues): the fields joined with ", " and parsed as one list. */
export function getaddresses(fieldvalues: readonly string[]): AddressPair[] {
  return parseAddressList(fieldvalues.join(', '));
}

/** email.utils.getaddresses([text]) for one header field's text (3.11.7's legacy parser). */
export function parseAddressList(text: string): AddressPair[] {
  if (!text) return [];
  return new AddrlistParser(text).getaddrlist();
}
