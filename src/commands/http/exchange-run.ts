// The run of an http verb (see exchange.ts for the command): credentials, the body, urlopen,
// and the response written to stdout, to a file atomically, or as a --json record. With
// several URLs every one is tried (curl's rule): each failure is reported on its own line,
// and the last one's exit code is the command's.
import { resolve } from 'node:path';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { exitCodeOf } from '../../cli/exit-codes.js';
import { exists, partialSize, writeAtomic, writeResumable, type PieceSource } from '../../cli/files.js';
import { sizeLimit } from '../../cli/max-filesize.js';
import { readLines } from '../../cli/batch.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import { NetkitError } from '../../protocols/core/errors.js';
import type { HTTPError, UrlopenResponse } from '../../protocols/http/urllib/index.js';
import { requestBody } from './body.js';
import { loadCookies } from './cookies.js';
import { credentialsFor, proxyCredentialsFor } from './credentials.js';
import { HEADER, type ExchangeOptions, type ExchangeRecord } from './exchange.js';
import { remoteName } from './remote-name.js';
import { tlsSettings } from '../../cli/tls-options.js';

/** The status line and headers, as -i prints them (data: and file: have no status line). */
function statusBlock(r: UrlopenResponse): string {
  const line = r.status === undefined ? '' : `HTTP/1.1 ${r.status} ${r.reason}\r\n`;
  return line + r.headers.list.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

/** An HTTPError as a response, for -o, --show-error-body and --json. */
function errorResponse(err: HTTPError): UrlopenResponse {
  const body: AsyncIterable<Buffer> = err.response?.body ?? (async function* () {})();
  return {
    url: err.url,
    status: err.status,
    reason: err.reason,
    headers: err.headers,
    body,
    lent: err.response?.lent,
    redirects: [],
    proxy: undefined,
    tls: undefined,
    timings: undefined,
    bytes: () => err.read(),
    cancel: () => err.response?.cancel(),
  };
}

export async function runExchange(ctx: Context, method: string, urls: readonly string[], opts: ExchangeOptions): Promise<number> {
  if (opts.output && urls.length > 1) throw new UsageError('-o names one file; give one URL, or use -O');
  if (opts.continue && opts.output === undefined && !opts.remoteName) throw new UsageError('-C/--continue needs -o FILE or -O');
  const body = await requestBody(ctx, opts);
  const headers: Array<[string, string]> = opts.header.map((line) => {
    const m = HEADER.exec(line)!;
    return [m[1]!, m[2]!];
  });
  if (body && !headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.contentType]);
  if (opts.userAgent) headers.push(['User-Agent', opts.userAgent]);
  const { ca } = await tlsSettings(ctx, opts);
  const cookies = await loadCookies(ctx, opts);
  if (cookies.header !== undefined) headers.push(['Cookie', cookies.header]);
  const proxyCredentials = await proxyCredentialsFor(ctx, opts);
  const { ConnectionPool, HTTPError, urlopen } = await loadUrllib();
  const env = proxyEnvironment(ctx.io.env, opts);
  // The command's own keep-alive pool, closed when it ends: no socket outlives the command.
  const pool = new ConnectionPool();

  const exchange = async (url: string): Promise<void> => {
    let res: UrlopenResponse;
    let error: HTTPError | undefined;
    const { url: target, auth } = await credentialsFor(ctx, url, opts);
    const resume = opts.continue ? await resumePoint(ctx, target, opts) : undefined;
    try {
      res = await urlopen(target, {
        auth,
        method,
        headers: resume?.offset ? [...headers, ['Range', `bytes=${resume.offset}-`]] : headers,
        body: body?.body,
        timeout: ctx.flags.timeout * 1000,
        env,
        followRedirects: opts.follow,
        maxRedirects: opts.maxRedirs,
        ca,
        insecure: opts.insecure,
        decompress: opts.compressed,
        cookies: cookies.jar,
        proxyCredentials,
        // The body streams to its destination: no cap but --max-filesize (the decoded size
        // of --compressed keeps the engine's 1 GiB, maxDecodedSize's default).
        maxBodySize: Infinity,
        pool,
        // deliver() is done with each piece before it pulls the next.
        lendBody: true,
      });
    } catch (err) {
      if (!(err instanceof HTTPError)) throw err;
      // 416 to "bytes=N-": the partial file already holds everything (RFC 9110 §15.5.17).
      if (resume?.offset && err.status === 416) {
        err.response?.cancel();
        await writeResumable(ctx, resume.file, undefined, true);
        ctx.out.info(`${resume.file}: already complete`);
        return;
      }
      if (!opts.showErrorBody && !opts.output && !ctx.flags.json) {
        err.response?.cancel();
        throw err;
      }
      error = err;
      res = errorResponse(err);
    }
    await deliver(ctx, method, res, opts, resume);
    if (error) throw error;
  };

  let status = 0;
  // The jar is saved whatever happens to the requests: it holds what the server set.
  try {
    for await (const url of urlsOf(ctx, urls, opts.data === '@-')) {
      try {
        await exchange(url);
      } catch (err) {
        // curl's rule: a failed URL does not stop the others; the last failure's code is the exit status.
        if (!(err instanceof NetkitError)) throw err;
        ctx.out.reportError(err);
        status = exitCodeOf(err);
      }
      if (ctx.out.stdout.closed) break;
    }
  } finally {
    pool.close();
    await cookies.save();
  }
  return status;
}

/** The environment urlopen reads proxies from, with --proxy and --noproxy applied (lower case wins there). */
function proxyEnvironment(env: Record<string, string | undefined>, opts: ExchangeOptions): Record<string, string | undefined> {
  const out = opts.proxy !== undefined ? { ...env, http_proxy: opts.proxy, https_proxy: opts.proxy, no_proxy: '' } : env;
  // curl's --noproxy: the hosts (domain suffixes, "*" for all) replace no_proxy.
  return opts.noproxy !== undefined ? { ...out, no_proxy: opts.noproxy } : out;
}

/** With -C: the file to resume and the bytes its partial download already holds. */
async function resumePoint(ctx: Context, url: string, opts: ExchangeOptions): Promise<{ file: string; offset: number }> {
  // The offset goes into the request, so -O names the file from the URL, not from the answer.
  const file = opts.output ?? remoteName(url, undefined).name;
  return { file, offset: await partialSize(ctx, file) };
}

/** The URL operands, or else one per non-empty stdin line (not when stdin carries the body). */
async function* urlsOf(ctx: Context, urls: readonly string[], bodyFromStdin: boolean): AsyncGenerator<string> {
  if (urls.length > 0) {
    yield* urls;
    return;
  }
  if (bodyFromStdin || ctx.io.stdin.isTTY) throw new UsageError('no URL given: pass it as an argument or one per line on standard input');
  for await (const lines of readLines(ctx.io.stdin)) {
    for (const line of lines) if (line) yield line;
  }
}

/**
 * The body to standard output. Over http(s) the engine pumps it (pieces lent, no promise per
 * piece) and each goes out without a copy; a stdout that closed (`| head`) stops the body.
 */
async function toStdout(ctx: Context, res: UrlopenResponse, seen: (chunk: Buffer) => void): Promise<void> {
  const stdout = ctx.out.stdout;
  // pipe() pieces are valid during the call only, like lent ones.
  const lent = res.pipe !== undefined || res.lent === true;
  const write = (chunk: Buffer): Promise<void> | undefined => {
    if (stdout.closed) throw new StdoutClosed();
    seen(chunk);
    const writing = lent ? stdout.writeLent(chunk) : (stdout.write(chunk), undefined);
    return writing ?? (stdout.full ? stdout.drain() : undefined);
  };
  try {
    if (res.pipe) await res.pipe(write);
    else
      for await (const chunk of res.body) {
        const pending = write(chunk);
        if (pending) await pending;
      }
  } catch (err) {
    if (!(err instanceof StdoutClosed)) throw err;
    res.cancel();
  }
}

/** The reader of standard output went away: the rest of the body is not wanted. */
class StdoutClosed extends Error {}

/**
 * Writes the response where the options say, hashing the body on the way for --json. On
 * any failure (no file name, an unwritable file, --max-filesize) the rest of the body is
 * dropped with its connection, which would otherwise stay open and keep the process alive.
 */
async function deliver(ctx: Context, method: string, res: UrlopenResponse, opts: ExchangeOptions, resume?: { file: string; offset: number }): Promise<void> {
  try {
    // The body's sha256 is only for the --json record: hashing a 1 GiB download costs seconds.
    const hash = ctx.flags.json ? (await import('node:crypto')).createHash('sha256') : undefined;
    let size = 0;
    const limit = sizeLimit(opts.maxFilesize, resume && res.status === 206 ? resume.offset : 0);
    if (method !== 'HEAD') limit.announced(res.headers.get('content-length') ?? undefined);
    const seen = (chunk: Uint8Array): void => {
      limit.add(chunk.length);
      hash?.update(chunk);
      size += chunk.length;
    };
    const counted = (async function* () {
      for await (const chunk of res.body) {
        seen(chunk);
        yield chunk;
      }
    })();
    const named = resume === undefined && opts.output === undefined && opts.remoteName ? remoteName(res.url, res.headers.get('content-disposition') ?? undefined) : undefined;
    // curl -J's rule: a name the server chose never replaces a file.
    if (named?.fromHeader && (await exists(resolve(ctx.io.cwd, named.name)))) {
      throw new NetkitError(`-O: refusing to overwrite ${named.name}, the name Content-Disposition gave; remove it or use -o FILE`, { code: 'ERR_FILE_EXISTS', python: 'FileExistsError' });
    }
    const file = resume?.file ?? opts.output ?? named?.name;
    if (opts.include && !ctx.flags.json) ctx.out.write(statusBlock(res));
    // Over http(s) the engine pushes the body (no promise per piece); counted on the way.
    const pipe = res.pipe;
    const source: PieceSource | typeof counted = pipe
      ? (sink) =>
          pipe((chunk) => {
            seen(chunk);
            return sink(chunk);
          })
      : counted;
    if (resume) {
      // 206: the rest, appended; anything else (a server that ignores Range): from the start.
      await writeResumable(ctx, resume.file, source, res.status === 206 && resume.offset > 0);
    } else if (file) {
      await writeAtomic(ctx, file, source, 0o666, { noClobber: named?.fromHeader });
    } else if (ctx.flags.json || method === 'HEAD') {
      for await (const _ of counted) void _;
    } else {
      await toStdout(ctx, res, seen);
    }
    if (ctx.flags.json) {
      ctx.out.record<ExchangeRecord>(
        {
          url: res.url,
          // The method the final request went out with: a 303 turns POST into GET.
          method: res.method ?? method,
          status: res.status ?? null,
          reason: res.reason,
          headers: res.headers.list,
          redirects: res.redirects,
          tls: res.tls ?? null,
          timings: res.timings,
          body: { size, sha256: hash!.digest('hex'), file: file ?? null },
        },
        () => '',
      );
    }
  } catch (err) {
    res.cancel();
    throw err;
  }
}
