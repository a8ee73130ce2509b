// What every smtp verb shares: the server spec (--server HOST[:PORT] or smtp://, smtps://,
// lmtp:// URLs), the connection options (--starttls, --cacert, -k, --ehlo, credentials,
// --auth, XOAUTH2 tokens), and openSession(): connect, EHLO, STARTTLS, login — stopping
// where --quit-after says.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { addTLSOptions, tlsSettings, type TLSFlags } from '../../cli/tls-options.js';
import { readSecretFile, resolveCredentials, splitUserinfo } from '../../cli/credentials.js';
import type { ClientMechanism } from '../../protocols/core/sasl.js';
import type { SMTPClient } from '../../protocols/smtp/client/index.js';
import { DEFAULT_PORTS, type SMTPProtocol } from '../../protocols/smtp/ports.js';

export const QUIT_AFTER = ['connect', 'ehlo', 'tls', 'auth', 'mail', 'rcpt'] as const;
export type QuitAfter = (typeof QUIT_AFTER)[number];
export const AUTH_MECHANISMS = ['CRAM-MD5', 'PLAIN', 'LOGIN', 'XOAUTH2'] as const;

export interface SessionOptions extends TLSFlags {
  server?: string;
  starttls: boolean;
  ehlo?: string;
  user?: string;
  passwordFile?: string;
  netrc: boolean;
  auth?: ClientMechanism;
  oauth2TokenFile?: string;
  oauth2Token?: string;
  quitAfter?: QuitAfter | undefined;
  /** Stop before logging in (probe logs in itself). */
  skipLogin?: boolean;
}

export interface ServerSpec {
  host: string;
  port: number;
  protocol: SMTPProtocol;
  urlUser?: string | undefined;
  urlPassword?: string | undefined;
}

const SCHEMES: Record<string, SMTPProtocol> = { smtp: 'smtp', smtps: 'smtps', lmtp: 'lmtp' };

function parsePort(text: string, spec: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`bad port in '${spec}'`);
  return Number(text);
}

/** HOST, HOST:PORT, [V6]:PORT or a smtp://, smtps://, lmtp:// URL (with optional user[:pass]@). */
export function parseServer(spec: string): ServerSpec {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(spec);
  let protocol: SMTPProtocol = 'smtp';
  let rest = spec;
  let urlUser: string | undefined;
  let urlPassword: string | undefined;
  if (scheme) {
    const p = SCHEMES[scheme[1]!.toLowerCase()];
    if (!p) throw new UsageError(`unsupported scheme '${scheme[1]}' in '${spec}' (smtp://, smtps:// or lmtp://)`);
    protocol = p;
    const split = splitUserinfo(spec);
    urlUser = split.user;
    urlPassword = split.password;
    rest = split.url.slice(scheme[0].length).replace(/\/.*$/, '');
  }
  let host = rest;
  let port = DEFAULT_PORTS[protocol];
  const v6 = /^\[([^\]]+)\](?::(\d*))?$/.exec(rest);
  if (v6) {
    host = v6[1]!;
    if (v6[2] !== undefined) port = parsePort(v6[2], spec);
  } else if (rest.split(':').length === 2) {
    const i = rest.lastIndexOf(':');
    host = rest.slice(0, i);
    port = parsePort(rest.slice(i + 1), spec);
  }
  if (host === '') throw new UsageError(`no host in '${spec}'`);
  return { host, port, protocol, urlUser, urlPassword };
}

/** The options connecting verbs share (send, probe, verify, expn). */
export function addConnectionOptions(cmd: Command, withServer: boolean): Command {
  if (withServer) cmd.option('-s, --server <HOST[:PORT]|URL>', 'the server: HOST[:PORT] (port 25), smtp://HOST[:PORT], smtps://HOST[:PORT] (465, TLS from the start), lmtp://HOST[:PORT] (2003)');
  cmd.option('--starttls', 'upgrade with STARTTLS before anything else; fail (exit 6) if the server cannot — never plaintext', false);
  return addTLSOptions(cmd)
    .option('--ehlo <NAME>', "the name sent with EHLO/HELO (default: smtplib's local_hostname: the FQDN, else [IP])")
    .option('-u, --user <USER[:PASS]>', 'log in as USER (the password is better in --password-file or NETKIT_PASSWORD)')
    .option('--password-file <FILE>', 'read the password from the first line of FILE')
    .option('--netrc', 'take credentials for the host from ~/.netrc', false)
    .addOption(new Option('--auth <MECH>', "use this SASL mechanism instead of smtplib's login() order (CRAM-MD5, PLAIN, LOGIN)").choices(AUTH_MECHANISMS))
    .option('--oauth2-token-file <FILE>', 'XOAUTH2 bearer token from the first line of FILE (or NETKIT_OAUTH2_TOKEN)')
    .option('--oauth2-token <TOKEN>', 'XOAUTH2 bearer token on the command line (warns: visible to other users)');
}

async function oauth2Token(ctx: Context, opts: SessionOptions): Promise<string> {
  if (opts.oauth2Token !== undefined) {
    ctx.out.warn('a token on the command line is visible to other users of this machine; use --oauth2-token-file or NETKIT_OAUTH2_TOKEN');
    return opts.oauth2Token;
  }
  if (opts.oauth2TokenFile !== undefined) return readSecretFile(ctx, opts.oauth2TokenFile);
  const env = ctx.io.env.NETKIT_OAUTH2_TOKEN;
  if (env !== undefined) return env;
  throw new UsageError('--auth XOAUTH2 needs a token: --oauth2-token-file FILE or NETKIT_OAUTH2_TOKEN');
}

/** What openSession did, for the result records. */
export interface SessionInfo {
  server: ServerSpec;
  client: SMTPClient;
  authenticated: string | null;
  /** True when --quit-after stopped the session (QUIT already sent). */
  stopped: boolean;
}

/**
 * Connects, greets (EHLO, else HELO), upgrades with STARTTLS when asked, logs in when a
 * user is known (or --auth XOAUTH2), honouring --quit-after up to "auth".
 */
export async function openSession(ctx: Context, spec: ServerSpec, opts: SessionOptions): Promise<SessionInfo> {
  if (opts.starttls && spec.protocol === 'smtps') throw new UsageError('--starttls makes no sense with smtps:// (TLS from the start)');
  if (opts.quitAfter === 'tls' && !opts.starttls && spec.protocol !== 'smtps') throw new UsageError('--quit-after tls needs --starttls or an smtps:// server');
  if (opts.auth === 'XOAUTH2' && opts.oauth2Token === undefined && opts.oauth2TokenFile === undefined && ctx.io.env.NETKIT_OAUTH2_TOKEN === undefined) {
    throw new UsageError('--auth XOAUTH2 needs a token: --oauth2-token-file FILE or NETKIT_OAUTH2_TOKEN');
  }
  const { SMTPClient, defaultLocalHostname } = await import('../../protocols/smtp/client/index.js');
  const tls = await tlsSettings(ctx, opts);
  const timeoutMs = ctx.flags.timeout * 1000;
  const localHostname = opts.ehlo ?? (await defaultLocalHostname(Math.min(timeoutMs, 2000)));
  const client = await SMTPClient.connect({
    host: spec.host,
    port: spec.port,
    protocol: spec.protocol,
    localHostname,
    timeoutMs,
    tls,
    ...(ctx.flags.debug ? { debug: (line: string) => ctx.out.debug(line) } : {}),
  });
  const info: SessionInfo = { server: spec, client, authenticated: null, stopped: false };
  try {
    const stop = async (step: QuitAfter): Promise<boolean> => {
      if (opts.quitAfter !== step) return false;
      await quietQuit(client);
      info.stopped = true;
      return true;
    };
    if (await stop('connect')) return info;
    await client.ehloOrHeloIfNeeded();
    if (await stop('ehlo')) return info;
    if (opts.starttls) {
      await client.starttls();
      await client.ehloOrHeloIfNeeded();
    }
    if (await stop('tls')) return info;
    if (!opts.skipLogin) info.authenticated = await loginOnly(ctx, client, spec, opts);
    if (await stop('auth')) return info;
    return info;
  } catch (err) {
    // A refusal leaves the conversation usable: say QUIT as smtplib's `with` block does.
    await quietQuit(client);
    throw err;
  }
}

/** Logs in when a user is known (or --auth XOAUTH2); the mechanism that worked, or null. */
export async function loginOnly(ctx: Context, client: SMTPClient, spec: ServerSpec, opts: SessionOptions): Promise<string | null> {
  if (opts.auth === 'XOAUTH2') {
    const user = opts.user !== undefined ? opts.user.split(':')[0]! : spec.urlUser;
    if (user === undefined) throw new UsageError('--auth XOAUTH2 needs the user: --user USER or smtp://USER@HOST');
    await client.login({ user, token: await oauth2Token(ctx, opts) }, 'XOAUTH2');
    return 'XOAUTH2';
  }
  const where = spec.port === DEFAULT_PORTS[spec.protocol] ? spec.host : `${spec.host}:${spec.port}`;
  const creds = await resolveCredentials(ctx, opts, { urlUser: spec.urlUser, urlPassword: spec.urlPassword, host: () => spec.host, where: () => where });
  if (!creds) {
    if (opts.auth !== undefined) throw new UsageError(`--auth ${opts.auth} needs a user: --user USER or smtp://USER@HOST`);
    return null;
  }
  await client.login(creds, opts.auth);
  return client.authMechanism ?? null;
}

/** QUIT, ignoring a server that already went away (smtplib's `with` block does the same). */
export async function quietQuit(client: SMTPClient): Promise<void> {
  if (!client.connected) return;
  try {
    await client.quit();
  } catch {
    client.close();
  }
}
