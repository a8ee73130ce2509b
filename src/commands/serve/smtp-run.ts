// The run function of `netkit serve smtp`: reads python3 -m smtpd's arguments, builds the
// sinks, binds through the SMTP server engine, prints the readiness line, logs each
// message, and stops on Ctrl-C, SIGTERM, --exit-after/--expect or --timeout.
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { parsePyInt } from '../../protocols/core/py-text.js';
import { asctime } from '../../protocols/core/py-time.js';
import type { ReceivedMessage } from '../../protocols/smtp/server/channel.js';
import { getfqdn } from '../../protocols/smtp/server/fqdn.js';
import { SMTPServer } from '../../protocols/smtp/server/server.js';
import { JsonlSink, MaildirSink, MboxSink, type Sink } from '../../protocols/smtp/server/sinks.js';
import { DATA_SIZE_DEFAULT, debuggingBlock, pyListRepr } from '../../protocols/smtp/server/templates.js';
import { refusedToJSON } from '../../protocols/smtp/errors.js';
import { readAuthEntries } from './auth-entries.js';
import { writePortFile } from './port-file.js';
import { makeSelfSigned, readTLSFiles } from './tls-files.js';
import { messageRecord } from './smtp-record.js';

export interface ServeSmtpOptions {
  localaddr?: string;
  remoteaddr?: string;
  class?: string;
  size?: number;
  smtputf8: boolean;
  debug: boolean;
  nosetuid: boolean;
  bind?: string;
  hostname?: string;
  portFile?: string;
  maildir?: string;
  mbox?: string;
  jsonl?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsPasswordFile?: string;
  tlsSelfSigned: boolean;
  tlsCertOut?: string;
  smtps: boolean;
  requireTls: boolean;
  auth: string[];
  authFile?: string;
  authAny: boolean;
  requireAuth: boolean;
  pipelining: boolean;
  maxRecipients?: number;
  maxConnections?: number;
  maxLineLength?: number;
  idleTimeout: number;
  exitAfter?: number;
  expect?: number;
  timeout?: number;
}

const GRACE_MS = 5000;

/** smtpd's "host:port" spec; "[v6]:port" too. `what` is "local" or "remote". */
export function parseSpec(spec: string, what: 'local' | 'remote'): { host: string; port: number } {
  const bracket = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  const i = spec.indexOf(':');
  if (!bracket && i < 0) throw new UsageError(`Bad ${what} spec: ${spec}`);
  const host = bracket ? bracket[1]! : spec.slice(0, i);
  const portText = bracket ? bracket[2]! : spec.slice(i + 1);
  const port = parsePyInt(portText, 10);
  if (port === undefined || port < 0n || port > 65535n) throw new UsageError(`Bad ${what} port: ${spec}`);
  return { host, port: Number(port) };
}

/** Where smtpd's host would bind: "localhost" is 127.0.0.1, "" every address. */
function bindHost(host: string): string {
  if (host === '' ) return '0.0.0.0';
  if (host === 'localhost') return '127.0.0.1';
  return host;
}

export async function runServeSmtp(ctx: Context, opts: ServeSmtpOptions): Promise<number> {
  const cwd = ctx.io.cwd;
  const local = parseSpec(opts.localaddr ?? 'localhost:8025', 'local');
  const remote = parseSpec(opts.remoteaddr ?? 'localhost:25', 'remote');
  const jsonlToStdout = opts.jsonl === '-';
  const storing = Boolean(opts.maildir || opts.mbox || opts.jsonl);
  // Python's default is PureProxy to localhost:25; netkit prints instead unless told to relay.
  const cls = opts.class ?? (storing ? undefined : 'DebuggingServer');
  if (cls === 'DebuggingServer' && jsonlToStdout) throw new UsageError('--jsonl - and DebuggingServer both write stdout: give --jsonl a FILE');
  if (cls === 'PureProxy' && opts.smtputf8) throw new UsageError('PureProxy does not support SMTPUTF8.');
  if (opts.requireAuth && !opts.auth.length && !opts.authFile && !opts.authAny) throw new UsageError('--require-auth needs --auth, --auth-file or --auth-any');
  const selfSigned = makeSelfSigned(cwd, opts, bindHost(opts.bind ?? local.host));
  const tls = selfSigned ? { cert: selfSigned.certPem, key: selfSigned.keyPem } : readTLSFiles(cwd, opts);
  if (opts.smtps && !tls) throw new UsageError('--smtps needs --tls-cert or --tls-self-signed');
  if (opts.requireTls && !tls) throw new UsageError('--require-tls needs --tls-cert or --tls-self-signed');
  const passwords = readPasswords(cwd, opts);
  const fqdn = opts.hostname ?? (await getfqdn());
  const debug = opts.debug ? (line: string) => ctx.out.stderr.write(line + '\n') : undefined;

  const sinks: Array<{ name: string; sink: Sink }> = [];
  try {
    if (opts.maildir) sinks.push({ name: 'maildir', sink: new MaildirSink(resolve(cwd, opts.maildir)) });
  } catch (err) {
    throw new UsageError(`--maildir: cannot create ${opts.maildir}: ${(err as Error).message}`);
  }
  if (opts.mbox) sinks.push({ name: 'mbox', sink: new MboxSink(resolve(cwd, opts.mbox)) });
  if (opts.jsonl) sinks.push({ name: 'jsonl', sink: new JsonlSink(messageRecord, jsonlToStdout ? { write: (line) => (ctx.out.stdout.write(line), flushSoon()) } : { path: resolve(cwd, opts.jsonl) }) });

  let accepted = 0;
  let stopping: Promise<void> | undefined;
  let outcome = 0;
  const target = opts.expect ?? opts.exitAfter;
  const log = new MessageLog(ctx);

  // On a terminal each message shows at once; into a pipe or file the output is gathered
  // for up to FLUSH_DELAY_MS (or 64 KiB), as Python block-buffers a redirected stdout:
  // one write for many messages instead of one each.
  const flushSoon = flushScheduler(ctx.out.stdout.isTTY, () => void ctx.out.stdout.flush());
  /** A message every sink holds: log it and count it toward --expect / --exit-after. */
  const accept = (m: ReceivedMessage, status: string | undefined): string | undefined => {
    log.message(m, status ?? '250 OK');
    if (status === undefined) {
      accepted++;
      if (target !== undefined && accepted >= target && !stopping) setImmediate(() => void stop(0));
    }
    return status;
  };
  // DebuggingServer alone has nothing durable to wait for: it answers synchronously.
  const printOnly = cls === 'DebuggingServer' && sinks.length === 0;
  const deliver = (m: ReceivedMessage): Promise<string | undefined> | string | undefined => {
    if (printOnly && !ctx.out.stdout.full) {
      ctx.out.stdout.write(debuggingBlock(m.peerAddress, m.data, m.mailOptions, m.rcptOptions));
      flushSoon();
      return accept(m, undefined);
    }
    return deliverAsync(m);
  };
  const deliverAsync = async (m: ReceivedMessage): Promise<string | undefined> => {
    if (cls === 'DebuggingServer') {
      ctx.out.stdout.write(debuggingBlock(m.peerAddress, m.data, m.mailOptions, m.rcptOptions));
      flushSoon();
      if (ctx.out.stdout.full) await ctx.out.stdout.drain();
    }
    let status: string | undefined;
    const work: Array<Promise<unknown>> = sinks.map((s) => s.sink.deliver(m));
    if (cls === 'PureProxy') {
      const { relayMessage } = await import('../../protocols/smtp/server/relay.js');
      work.push(
        relayMessage(m, {
          host: remote.host,
          port: remote.port,
          localHostname: fqdn,
          timeoutMs: ctx.flags.timeout * 1000,
          debug,
          onRefused: (refused) => {
            debug?.(`we got some refusals: ${JSON.stringify(refusedToJSON(refused))}`);
            log.note(`refused by ${remote.host}:${remote.port}: ${JSON.stringify(refusedToJSON(refused))}`);
          },
        }).then((s) => (status = s)),
      );
    }
    const results = await Promise.allSettled(work);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    if (failed) {
      log.note(`storing a message from ${m.peerAddress} failed: ${(failed.reason as Error).message}`);
      return '451 Error: local error in processing';
    }
    return accept(m, status);
  };

  const server = await SMTPServer.listen({
    host: bindHost(opts.bind ?? local.host),
    port: local.port,
    implicitTLS: opts.smtps ? tls : undefined,
    starttls: !opts.smtps ? tls : undefined,
    channel: {
      fqdn,
      sizeLimit: opts.size || undefined,
      hardDataLimit: DATA_SIZE_DEFAULT,
      smtputf8: opts.smtputf8,
      pipelining: opts.pipelining,
      authMechanisms: passwords || opts.authAny ? ['PLAIN', 'LOGIN', 'CRAM-MD5'] : [],
      passwordLookup: (user) => passwords?.get(user),
      authAny: opts.authAny,
      requireAuth: opts.requireAuth,
      requireTLS: opts.requireTls,
      maxRecipients: opts.maxRecipients,
      maxDataLine: opts.maxLineLength,
    },
    maxConnections: opts.maxConnections,
    idleTimeoutMs: opts.idleTimeout * 1000,
    deliver,
    debug,
  });

  function stop(code: number): Promise<void> {
    if (!stopping) {
      outcome = code;
      stopping = server.shutdown(GRACE_MS);
    }
    return stopping;
  }
  let interrupted = false;
  const undo = [
    ctx.io.onSignal?.('SIGINT', () => {
      interrupted = true;
      void stop(target !== undefined && opts.expect !== undefined ? 1 : 0);
    }),
    ctx.io.onSignal?.('SIGTERM', () => void stop(target !== undefined && opts.expect !== undefined ? 1 : 0)),
  ];
  const deadlineSeconds = opts.timeout ?? (opts.expect !== undefined ? 30 : undefined);
  const deadline = deadlineSeconds !== undefined && target !== undefined ? setTimeout(() => {
    log.note(`timed out after ${deadlineSeconds} s: ${accepted} of ${target} messages`);
    void stop(1);
  }, deadlineSeconds * 1000) : undefined;
  try {
    const { host, port } = server.address;
    if (opts.portFile) writePortFile(resolve(cwd, opts.portFile), port);
    if (selfSigned) ctx.out.status(`TLS: self-signed certificate, SHA-256 fingerprint ${selfSigned.fingerprint256}`);
    const mode = [cls, ...sinks.map((s) => s.name)].filter(Boolean).join(', ');
    ctx.out.status(`Serving SMTP on ${host} port ${port} (${mode}${tls ? (opts.smtps ? ', implicit TLS' : ', STARTTLS') : ''}) ...`);
    debug?.(`${cls ?? 'SMTPServer'} started at ${asctime(new Date(), false)}\n\tLocal addr: ${pyTuple(local.host, local.port)}\n\tRemote addr:${pyTuple(remote.host, remote.port)}`);
    if (ctx.flags.json) ctx.out.record({ event: 'listening', host, port, hostname: fqdn, class: cls ?? null, sinks: sinks.map((s) => s.name), tls: tls ? (opts.smtps ? 'implicit' : 'starttls') : null, ...(selfSigned ? { fingerprint256: selfSigned.fingerprint256 } : {}) }, () => '');
    await ctx.out.flush();
    await server.closed;
    if (stopping) await stopping;
    log.flush();
    if (interrupted) ctx.out.status('\nKeyboard interrupt received, exiting.');
    if (ctx.flags.json) ctx.out.record({ event: 'closed', reason: interrupted ? 'interrupted' : outcome ? 'timeout' : 'closed', messages: accepted }, () => '');
    return outcome;
  } finally {
    clearTimeout(deadline);
    for (const u of undo) u?.();
    await server.shutdown(0);
    for (const s of sinks) await s.sink.close().catch(() => undefined);
  }
}

function pyTuple(host: string, port: number): string {
  return `('${host}', ${port})`;
}

/** How long output into a pipe or file may wait to be gathered with more. */
const FLUSH_DELAY_MS = 50;

/** A function that runs `flush` soon: the next turn on a terminal, within FLUSH_DELAY_MS otherwise. */
function flushScheduler(tty: boolean, flush: () => void): () => void {
  let scheduled = false;
  const run = (): void => {
    scheduled = false;
    flush();
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    if (tty) setImmediate(run);
    else setTimeout(run, FLUSH_DELAY_MS);
  };
}

/** One line per message on stderr, gathered as flushScheduler says. */
class MessageLog {
  private pending = '';
  private readonly schedule: () => void;
  constructor(private readonly ctx: Context) {
    this.schedule = flushScheduler(ctx.out.stderr.isTTY, () => this.flush());
  }
  message(m: ReceivedMessage, reply: string): void {
    this.add(`${m.peerAddress} - - [${new Date().toISOString()}] from=<${m.mailFrom}> to=${pyListRepr(m.rcptTos)} size=${m.data.length}${m.authUser ? ` user=${m.authUser}` : ''}${m.tls ? ' tls' : ''} "${reply}"`);
  }
  note(line: string): void {
    this.add(line);
  }
  private add(line: string): void {
    if (this.ctx.flags.quiet) return;
    this.pending += line + '\n';
    this.schedule();
  }
  flush(): void {
    if (!this.pending) return;
    this.ctx.out.stderr.write(this.pending);
    this.pending = '';
  }
}

function readPasswords(cwd: string, opts: ServeSmtpOptions): Map<string, string> | undefined {
  if (!opts.auth.length && !opts.authFile) return undefined;
  const map = new Map<string, string>();
  for (const entry of readAuthEntries(cwd, opts.auth, opts.authFile)) {
    const i = entry.indexOf(':');
    map.set(entry.slice(0, i), entry.slice(i + 1));
  }
  return map;
}

