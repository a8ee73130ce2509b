// SMTP AUTH as smtplib does it (CPython 3.11 SMTP.auth and SMTP.login, RFC 4954): the
// initial response when the mechanism has one, one answer per 334 challenge with at most
// _MAXCHALLENGE of them, 235 or 503 as success, and login()'s CRAM-MD5, PLAIN, LOGIN order.
// What carries credentials is sent with a mask, so the trace shows "AUTH PLAIN ****".
import { clientMechanism, PYTHON_PREFERRED, type AuthObject, type ClientMechanism, type SaslCredentials } from '../../core/sasl.js';
import { pyBytesRepr } from '../../core/py-text.js';
import { SMTPAuthenticationError, SMTPException, SMTPNotSupportedError, type SMTPReply } from '../errors.js';
import type { SMTPClient } from './client.js';
import { MAXCHALLENGE, pySplit } from './parse.js';

/** email.base64mime.body_encode(s.encode(), eol=''): base64 without line breaks ("" for ""). */
function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The mechanisms login() would try, in smtplib's order, among those advertised. */
export function loginMechanisms(client: SMTPClient): ClientMechanism[] {
  const advertised = pySplit(client.esmtpFeatures.get('auth') ?? '');
  return PYTHON_PREFERRED.filter((m) => advertised.includes(m));
}

/** smtplib.auth(mechanism, authobject): SMTPAuthenticationError unless 235 or 503. */
export async function auth(client: SMTPClient, mechanism: string, authobject: AuthObject): Promise<SMTPReply> {
  const mech = mechanism.toUpperCase();
  const initial = authobject(undefined, 0);
  let reply: SMTPReply;
  // smtplib's _auth_challenge_count: 1 once an initial response went with AUTH.
  let count: number;
  if (initial !== undefined) {
    client.putcmd('AUTH', `${mech} ${b64(initial)}`, 'command');
    reply = await client.getreply();
    count = 1;
  } else {
    reply = await client.docmd('AUTH', mech);
    count = 0;
  }
  while (reply.code === 334) {
    count++;
    const challenge = Buffer.from(reply.msg.toString('latin1'), 'base64');
    client.putcmd(b64(authobject(challenge, count) ?? ''), '', 'answer');
    reply = await client.getreply();
    // A server that keeps sending challenges: something is wrong.
    if (count > MAXCHALLENGE) {
      throw new SMTPException(`Server AUTH mechanism infinite loop. Last response: (${reply.code}, ${pyBytesRepr(reply.msg)})`, { kind: 'auth', code: 'ERR_SMTP_AUTH_LOOP' });
    }
  }
  if (reply.code === 235 || reply.code === 503) return reply;
  throw new SMTPAuthenticationError(reply.code, reply.msg);
}

/**
 * smtplib.login: each of CRAM-MD5, PLAIN, LOGIN the server advertises, in that order,
 * until one succeeds (some servers advertise mechanisms they do not support); the last
 * SMTPAuthenticationError otherwise. `mechanism` picks one (also XOAUTH2), advertised or not.
 */
export async function login(client: SMTPClient, creds: SaslCredentials, mechanism?: ClientMechanism): Promise<SMTPReply> {
  await client.ehloOrHeloIfNeeded();
  if (mechanism !== undefined) return client.auth(mechanism, clientMechanism(mechanism, creds));
  if (!client.hasExtn('auth')) throw new SMTPNotSupportedError('SMTP AUTH extension not supported by server.', 'auth');
  const authlist = loginMechanisms(client);
  if (authlist.length === 0) throw new SMTPException('No suitable authentication method found.', { kind: 'auth', code: 'ERR_SMTP_NO_AUTH_METHOD' });
  let last: SMTPAuthenticationError | undefined;
  for (const mech of authlist) {
    try {
      return await client.auth(mech, clientMechanism(mech, creds));
    } catch (err) {
      if (!(err instanceof SMTPAuthenticationError)) throw err;
      last = err;
    }
  }
  throw last!;
}
