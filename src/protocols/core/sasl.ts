// SASL mechanisms shared by SMTP, IMAP, POP3 and NNTP, both sides. Client: the responses
// smtplib's auth_plain / auth_login / auth_cram_md5 compute (and XOAUTH2), as plain text
// the protocol base64-encodes. Server: checking PLAIN, LOGIN and CRAM-MD5 answers against
// a password lookup. Passwords never appear in anything returned for tracing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The mechanisms Python's smtplib.login() tries, in its order of preference. */
export const PYTHON_PREFERRED = ['CRAM-MD5', 'PLAIN', 'LOGIN'] as const;

export type ClientMechanism = 'CRAM-MD5' | 'PLAIN' | 'LOGIN' | 'XOAUTH2';

export interface SaslCredentials {
  user: string;
  password?: string;
  /** OAuth 2.0 bearer token for XOAUTH2. */
  token?: string;
}

/**
 * The authobject of smtplib.auth(): called with no challenge for the initial response
 * (undefined: the mechanism has none), then with each decoded 334 challenge and the count
 * of challenges seen so far (smtplib's _auth_challenge_count).
 */
export type AuthObject = (challenge: Buffer | undefined, count: number) => string | undefined;

export function clientMechanism(mechanism: ClientMechanism, creds: SaslCredentials): AuthObject {
  const password = creds.password ?? '';
  switch (mechanism) {
    case 'PLAIN':
      return () => `\0${creds.user}\0${password}`;
    case 'LOGIN':
      // auth_login: the user until the second challenge, then the password.
      return (challenge, count) => (challenge === undefined || count < 2 ? creds.user : password);
    case 'CRAM-MD5':
      return (challenge) => (challenge === undefined ? undefined : `${creds.user} ${createHmac('md5', password).update(challenge).digest('hex')}`);
    case 'XOAUTH2':
      // A 334 after the initial response carries the server's JSON error: answer it with
      // an empty line so the server sends its final 5xx (Google's XOAUTH2 protocol).
      return (challenge) => (challenge === undefined ? `user=${creds.user}\x01auth=Bearer ${creds.token ?? ''}\x01\x01` : '');
  }
}

/** Decodes base64 as Python's base64.decodebytes would accept it; undefined when malformed. */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const clean = text.trim();
  if (clean === '=') return Buffer.alloc(0);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  return Buffer.from(clean, 'base64');
}

/** Looks a user's password up (plain text: CRAM-MD5 needs it); undefined for an unknown user. */
export type PasswordLookup = (user: string) => string | undefined;

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What a server-side exchange concluded. */
export type ServerStep =
  | { kind: 'challenge'; challenge: Buffer }
  | { kind: 'done'; user: string; ok: boolean }
  | { kind: 'malformed' };

/**
 * One server-side SASL exchange. start() takes the optional initial response (decoded),
 * next() each decoded answer; `anyPassword` accepts every user/password pair (a sink that
 * records AUTH without checking it).
 */
export class ServerMechanism {
  private state = 0;
  private user = '';
  private readonly cramChallenge: string;

  constructor(readonly mechanism: 'PLAIN' | 'LOGIN' | 'CRAM-MD5', private readonly lookup: PasswordLookup, private readonly anyPassword: boolean, hostname: string) {
    this.cramChallenge = `<${randomBytes(8).toString('hex')}.${Date.now()}@${hostname}>`;
  }

  start(initial: Buffer | undefined): ServerStep {
    switch (this.mechanism) {
      case 'PLAIN':
        return initial === undefined ? { kind: 'challenge', challenge: Buffer.alloc(0) } : this.plain(initial);
      case 'LOGIN':
        if (initial === undefined) return { kind: 'challenge', challenge: Buffer.from('Username:') };
        this.user = initial.toString('utf8');
        this.state = 1;
        return { kind: 'challenge', challenge: Buffer.from('Password:') };
      case 'CRAM-MD5':
        if (initial !== undefined) return { kind: 'malformed' };
        return { kind: 'challenge', challenge: Buffer.from(this.cramChallenge) };
    }
  }

  next(answer: Buffer): ServerStep {
    switch (this.mechanism) {
      case 'PLAIN':
        return this.plain(answer);
      case 'LOGIN':
        if (this.state === 0) {
          this.user = answer.toString('utf8');
          this.state = 1;
          return { kind: 'challenge', challenge: Buffer.from('Password:') };
        }
        return this.check(this.user, answer.toString('utf8'));
      case 'CRAM-MD5': {
        const text = answer.toString('utf8');
        const space = text.lastIndexOf(' ');
        if (space <= 0) return { kind: 'malformed' };
        const user = text.slice(0, space);
        const digest = text.slice(space + 1).toLowerCase();
        if (this.anyPassword) return { kind: 'done', user, ok: true };
        const password = this.lookup(user);
        if (password === undefined) return { kind: 'done', user, ok: false };
        const expected = createHmac('md5', password).update(this.cramChallenge).digest('hex');
        return { kind: 'done', user, ok: sameText(expected, digest) };
      }
    }
  }

  private plain(answer: Buffer): ServerStep {
    const parts = answer.toString('utf8').split('\0');
    if (parts.length !== 3) return { kind: 'malformed' };
    const [authzid, user, password] = parts as [string, string, string];
    if (authzid !== '' && authzid !== user) return { kind: 'done', user, ok: false };
    return this.check(user, password);
  }

  private check(user: string, password: string): ServerStep {
    if (this.anyPassword) return { kind: 'done', user, ok: true };
    const expected = this.lookup(user);
    return { kind: 'done', user, ok: expected !== undefined && sameText(expected, password) };
  }
}

/** What a secret shows as in a trace. */
export const SECRET_MASK = '****';

/**
 * The masked form of an AUTH line for a trace, either side: the mechanism stays, the
 * base64 initial response becomes "****" ("AUTH PLAIN ****\r\n"); a continuation answer
 * is "****" whatever it holds. A line ending in CRLF keeps it.
 */
export function maskAuthLine(line: string, kind: 'command' | 'answer'): string {
  const eol = line.endsWith('\r\n') ? '\r\n' : '';
  if (kind === 'answer') return SECRET_MASK + eol;
  const m = /^(AUTH[ \t]+\S+)([ \t][^\r\n]*)?(\r\n)?$/i.exec(line);
  return m && m[2] !== undefined ? `${m[1]} ${SECRET_MASK}${eol}` : line;
}
