// Credentials for the http verbs (DESIGN.md §4): the user from --user or the URL's userinfo;
// the password from --user USER:PASS or the URL (both warn: argv and URLs are visible to
// others), --password-file, $NETKIT_PASSWORD, ~/.netrc with --netrc, or a hidden prompt on
// a terminal. The URL is sent without its userinfo. Passwords never reach errors or traces.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { FileError } from '../../cli/files.js';
import { NetkitError } from '../../protocols/core/errors.js';
import { Netrc } from '../../protocols/core/netrc.js';
import type { AuthCredentials, ProxyCredentials } from '../../protocols/http/urllib/index.js';

export interface CredentialOptions {
  user?: string;
  proxyUser?: string;
  passwordFile?: string;
  netrc: boolean;
  authPrior: boolean;
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

async function passwordFromFile(ctx: Context, file: string): Promise<string> {
  try {
    return (await readFile(resolve(ctx.io.cwd, file), 'utf8')).split(/\r?\n/)[0]!;
  } catch (err) {
    throw new FileError(err, file);
  }
}

function fromNetrc(ctx: Context, host: string): { user: string; password: string } | undefined {
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

/** The credentials for `url`, or undefined when no user is known; and the URL to send. */
export async function credentialsFor(ctx: Context, url: string, opts: CredentialOptions): Promise<{ url: string; auth?: AuthCredentials }> {
  const split = splitUserinfo(url);
  let user = split.user;
  let password = split.password;
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
    const entry = fromNetrc(ctx, new URL(split.url).hostname);
    if (entry && (user === undefined || user === entry.user)) {
      user = entry.user;
      password = entry.password;
    }
  }
  if (user === undefined) return { url: split.url };
  if (password === undefined && opts.passwordFile !== undefined) password = await passwordFromFile(ctx, opts.passwordFile);
  if (password === undefined && ctx.io.env.NETKIT_PASSWORD !== undefined) password = ctx.io.env.NETKIT_PASSWORD;
  password ??= await ctx.prompt.password(`Password for ${user}@${new URL(split.url).host}:`, 'a password');
  return { url: split.url, auth: { user, password, priorAuth: opts.authPrior } };
}

/**
 * -U/--proxy-user USER[:PASS]: the proxy's credentials for a 407; the password from the
 * option (with a warning), $NETKIT_PROXY_PASSWORD, or a hidden prompt on a terminal.
 */
export async function proxyCredentialsFor(ctx: Context, opts: CredentialOptions): Promise<ProxyCredentials | undefined> {
  if (opts.proxyUser === undefined) return undefined;
  const colon = opts.proxyUser.indexOf(':');
  const user = colon < 0 ? opts.proxyUser : opts.proxyUser.slice(0, colon);
  let password = colon < 0 ? undefined : opts.proxyUser.slice(colon + 1);
  if (password !== undefined) ctx.out.warn('a password on the command line is visible to other users of this machine; use NETKIT_PROXY_PASSWORD');
  password ??= ctx.io.env.NETKIT_PROXY_PASSWORD;
  password ??= await ctx.prompt.password(`Proxy password for ${user}:`, 'a proxy password');
  return { user, password };
}
