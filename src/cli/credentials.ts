// Credentials for every client command (DESIGN.md §4), whatever the protocol: the user from
// --user or the URL's userinfo; the password from --user USER:PASS or the URL (both warn:
// argv and URLs are visible to others), --password-file, $NETKIT_PASSWORD, ~/.netrc with
// --netrc, or a hidden prompt on a terminal. Passwords never reach errors or traces.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from './context.js';
import { FileError } from './files.js';
import { NetkitError } from '../protocols/core/errors.js';
import { Netrc } from '../protocols/core/netrc.js';

/** The options every client command shares for credentials. */
export interface UserCredentialOptions {
  user?: string;
  passwordFile?: string;
  netrc: boolean;
}

export interface UserPassword {
  user: string;
  password: string;
}

/** The URL without user:password@, and what that userinfo held. */
export function splitUserinfo(url: string): { url: string; user?: string; password?: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i.exec(url);
  if (!m) return { url };
  const info = m[2]!;
  const colon = info.indexOf(':');
  const user = decodeURIComponent(colon < 0 ? info : info.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(info.slice(colon + 1));
  return { url: m[1]! + url.slice(m[0].length), user, password };
}

/** The first line of FILE (relative to the working directory). */
export async function readSecretFile(ctx: Context, file: string): Promise<string> {
  try {
    return (await readFile(resolve(ctx.io.cwd, file), 'utf8')).split(/\r?\n/)[0]!;
  } catch (err) {
    throw new FileError(err, file);
  }
}

function fromNetrc(ctx: Context, host: string): UserPassword | undefined {
  let netrc: Netrc;
  try {
    netrc = Netrc.fromFile(undefined, ctx.io.env.HOME);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (err instanceof NetkitError) throw err;
    throw new FileError(err, '~/.netrc');
  }
  const entry = netrc.authenticators(host);
  return entry ? { user: entry[0], password: entry[2] } : undefined;
}

export interface CredentialSource {
  /** The user and password the URL's userinfo held, if any. */
  urlUser?: string | undefined;
  urlPassword?: string | undefined;
  /** The host name for ~/.netrc (asked only when needed). */
  host: () => string;
  /** host[:port] for the prompt ("Password for USER@WHERE:"). */
  where: () => string;
}

/** The user and password for a connection, or undefined when no user is known. */
export async function resolveCredentials(ctx: Context, opts: UserCredentialOptions, source: CredentialSource): Promise<UserPassword | undefined> {
  let user = source.urlUser;
  let password = source.urlPassword;
  if (password !== undefined) ctx.out.warn('a password in the URL is visible to other users of this machine; use --password-file or NETKIT_PASSWORD');
  if (opts.user !== undefined) {
    const colon = opts.user.indexOf(':');
    user = colon < 0 ? opts.user : opts.user.slice(0, colon);
    if (colon >= 0) {
      password = opts.user.slice(colon + 1);
      ctx.out.warn('a password on the command line is visible to other users of this machine; use --password-file or NETKIT_PASSWORD');
    }
  }
  if (opts.netrc && (user === undefined || password === undefined)) {
    const entry = fromNetrc(ctx, source.host());
    if (entry && (user === undefined || user === entry.user)) {
      user = entry.user;
      password = entry.password;
    }
  }
  if (user === undefined) return undefined;
  if (password === undefined && opts.passwordFile !== undefined) password = await readSecretFile(ctx, opts.passwordFile);
  if (password === undefined && ctx.io.env.NETKIT_PASSWORD !== undefined) password = ctx.io.env.NETKIT_PASSWORD;
  password ??= await ctx.prompt.password(`Password for ${user}@${source.where()}:`, 'a password');
  return { user, password };
}
