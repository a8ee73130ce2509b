// Credentials for the http verbs: the shared rules of src/cli/credentials.ts (user from
// --user or the URL, password file, NETKIT_PASSWORD, ~/.netrc, prompt) plus the proxy's
// -U/--proxy-user. The URL is sent without its userinfo.
import type { Context } from '../../cli/context.js';
import { resolveCredentials, splitUserinfo, type UserCredentialOptions } from '../../cli/credentials.js';
import type { AuthCredentials, ProxyCredentials } from '../../protocols/http/urllib/index.js';

export interface CredentialOptions extends UserCredentialOptions {
  proxyUser?: string;
  authPrior: boolean;
}

/** The credentials for `url`, or undefined when no user is known; and the URL to send. */
export async function credentialsFor(ctx: Context, url: string, opts: CredentialOptions): Promise<{ url: string; auth?: AuthCredentials }> {
  const split = splitUserinfo(url);
  const found = await resolveCredentials(ctx, opts, {
    urlUser: split.user,
    urlPassword: split.password,
    host: () => new URL(split.url).hostname,
    where: () => new URL(split.url).host,
  });
  if (!found) return { url: split.url };
  return { url: split.url, auth: { user: found.user, password: found.password, priorAuth: opts.authPrior } };
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
