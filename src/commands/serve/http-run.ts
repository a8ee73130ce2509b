// The run function of `netkit serve http`: checks the options, binds through the shared
// listener, prints Python's banner, logs each request, and stops gracefully on Ctrl-C,
// SIGTERM or --max-requests.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { VERSION } from '../../cli/version.js';
import { HTTP_SERVER_DEFAULTS, listenHttp } from '../../protocols/http/server/index.js';
import { makeFileHandler } from '../../protocols/http/server/file-handler.js';
import { KEYBOARD_INTERRUPT, SIMPLE_SERVER_VERSION, servingBanner } from '../../protocols/http/server/templates.js';
import { AccessLog } from './access-log.js';
import { composeHandler } from './handler.js';
import { writePortFile } from './port-file.js';
import { openableURL, openServed } from './open.js';
import { makeSelfSigned, readTLSFiles } from './tls-files.js';

export interface ServeHttpOptions {
  port: number;
  bind: string;
  directory?: string;
  protocol: string;
  portFile?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsPasswordFile?: string;
  tlsSelfSigned: boolean;
  tlsCertOut?: string;
  maxRequests?: number;
  once: boolean;
  idleTimeout: number;
  logFormat: 'common' | 'json';
  header: string[];
  listing: boolean;
  dotfiles: boolean;
  cors: boolean;
  cache?: number;
  gzip: boolean;
  open: boolean;
  upload: boolean;
  maxUpload?: number;
  spa: boolean;
  followSymlinks: boolean;
  auth?: string;
  authFile?: string;
  cgi: boolean;
  cgiDir: string[];
  cgiTimeout: number;
  cgiDebug: boolean;
  cgiLogdir?: string;
  cgiPythonMode: boolean;
}

/** Milliseconds in-flight requests get to finish once a stop was asked for. */
const GRACE_MS = 5000;

/** Serves until stopped; returns the exit code (0: stopped as asked). */
export async function runServeHttp(ctx: Context, opts: ServeHttpOptions): Promise<number> {
  const root = resolve(ctx.io.cwd, opts.directory ?? '.');
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`-d: not a directory: ${root}`);
  const extra = [...opts.header];
  if (opts.cors) extra.push('Access-Control-Allow-Origin: *');
  if (opts.cache !== undefined) extra.push(`Cache-Control: max-age=${Math.floor(opts.cache)}`);
  const selfSigned = makeSelfSigned(ctx.io.cwd, opts, opts.bind);
  const tls = selfSigned ? { cert: selfSigned.certPem, key: selfSigned.keyPem } : readTLSFiles(ctx.io.cwd, opts);
  const log = new AccessLog(ctx, opts.logFormat);
  const serverVersion = `${SIMPLE_SERVER_VERSION} netkit/${VERSION}`;
  let bound = { host: opts.bind, port: opts.port };
  const composed = composeHandler(ctx.io.cwd, root, opts, {
    serverVersion,
    file: makeFileHandler({ root, listing: opts.listing, dotfiles: opts.dotfiles, extras: opts.protocol === 'HTTP/1.1', gzip: opts.gzip, spa: opts.spa, followSymlinks: opts.followSymlinks }),
    server: () => bound,
  });
  const listener = await listenHttp(
    {
      host: opts.bind,
      port: opts.port,
      maxRequests: opts.once ? 1 : opts.maxRequests,
      idleTimeoutMs: opts.idleTimeout * 1000,
      tls,
    },
    {
      ...HTTP_SERVER_DEFAULTS,
      protocolVersion: opts.protocol,
      serverVersion,
      headerTimeoutMs: Math.min(ctx.flags.timeout, 60) * 1000,
      methods: composed.methods,
      maxBodyBytes: composed.maxBodyBytes,
      extraHeaders: extra.map((h) => h.replace(/^([^:]+):[ \t]*/, '$1: ') + '\r\n').join(''),
      handler: composed.handler,
      onLog: (event) => log.write(event),
    },
  );
  const { host, port } = listener.address;
  bound = { host, port };
  let interrupted = false;
  const undo = [
    ctx.io.onSignal?.('SIGINT', () => {
      interrupted = true;
      void listener.close(GRACE_MS);
    }),
    ctx.io.onSignal?.('SIGTERM', () => void listener.close(GRACE_MS)),
  ];
  try {
    if (opts.portFile) writePortFile(resolve(ctx.io.cwd, opts.portFile), port);
    const scheme = tls ? 'https' : 'http';
    const banner = servingBanner(host, port, scheme);
    if (selfSigned) ctx.out.status(`TLS: self-signed certificate, SHA-256 fingerprint ${selfSigned.fingerprint256}`);
    ctx.out.status(banner);
    if (ctx.flags.json) {
      const urlHost = host.includes(':') ? `[${host}]` : host;
      ctx.out.record({ event: 'listening', host, port, url: `${scheme}://${urlHost}:${port}/`, directory: root, protocol: opts.protocol, ...(selfSigned ? { fingerprint256: selfSigned.fingerprint256 } : {}) }, () => '');
    }
    await ctx.out.flush();
    if (opts.open) void openServed(ctx, openableURL(scheme, host, port)).catch((err: Error) => ctx.out.status(`netkit: --open: ${err.message}`));
    const reason = await listener.closed;
    log.flush();
    if (interrupted) ctx.out.status(KEYBOARD_INTERRUPT);
    if (ctx.flags.json) ctx.out.record({ event: 'closed', reason: interrupted ? 'interrupted' : reason, requests: listener.requestCount }, () => '');
    return 0;
  } finally {
    for (const u of undo) u?.();
    await listener.close(0);
  }
}

