// The run of an http verb (see exchange.ts for the command): credentials, the body, urlopen,
// and the response written to stdout, to a file atomically, or as a --json record.
import { basename, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { FileError, partialSize, writeAtomic, writeResumable, type PieceSource } from '../../cli/files.js';
import { readLines } from '../../cli/batch.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import type { HTTPError, UrlopenResponse } from '../../protocols/http/urllib/index.js';
import { requestBody } from './body.js';
import { loadCookies } from './cookies.js';
import { credentialsFor, proxyCredentialsFor } from './credentials.js';
import { HEADER, type ExchangeOptions, type ExchangeRecord } from './exchange.js';

/** A file name for -O: Content-Disposition's filename, else the URL path's last segment. */
export function remoteName(url: string, disposition: string | undefined): string {
  const fromHeader = disposition && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const name = basename(fromHeader ? decodeURIComponent(fromHeader) : new URL(url).pathname);
  if (!name || name === '/' || name === '.' || name === '..') throw new UsageError(`-O: ${url} has no file name; use -o FILE`);
  return name;
}

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

async function readCA(ctx: Context, file: string | undefined): Promise<Buffer | undefined> {
  if (file === undefined) return undefined;
  try {
    return await readFile(resolve(ctx.io.cwd, file));
  } catch (err) {
    throw new FileError(err, file);
  }
}

export async function runExchange(ctx: Context, method: string, urls: readonly string[], opts: ExchangeOptions): Promise<number> {
  if (opts.output && urls.length > 1) throw new UsageError('-o names one file; give one URL, or use -O');
  const body = await requestBody(ctx, opts);
  const headers: Array<[string, string]> = opts.header.map((line) => {
    const m = HEADER.exec(line)!;
    return [m[1]!, m[2]!];
  });
  if (body && !headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['Content-Type', body.contentType]);
  if (opts.userAgent) headers.push(['User-Agent', opts.userAgent]);
  if (opts.insecure) ctx.out.warn('TLS certificates are not verified (-k/--insecure)');
  const ca = await readCA(ctx, opts.cacert);
  const cookies = await loadCookies(ctx, opts);
  if (cookies.header !== undefined) headers.push(['Cookie', cookies.header]);
  const proxyCredentials = await proxyCredentialsFor(ctx, opts);
  const { HTTPError, urlopen } = await loadUrllib();
  const env = proxyEnvironment(ctx.io.env, opts);
  let failed = 0;
  // The jar is saved whatever happens to the requests: it holds what the server set.
  try {
    for await (const url of urlsOf(ctx, urls, opts.data === '@-')) {
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
          // deliver() is done with each piece before it pulls the next.
          lendBody: true,
        });
      } catch (err) {
        // 416 to "bytes=N-": the partial file already holds everything (RFC 9110 §15.5.17).
        if (resume?.offset && err instanceof HTTPError && err.status === 416) {
          err.response?.cancel();
          await writeResumable(ctx, resume.file, undefined, true);
          ctx.out.info(`${resume.file}: already complete`);
          continue;
        }
        if (!(err instanceof HTTPError) || (!opts.showErrorBody && !opts.output && !ctx.flags.json)) {
          if (err instanceof HTTPError) err.response?.cancel();
          throw err;
        }
        error = err;
        res = errorResponse(err);
      }
      await deliver(ctx, method, res, opts, resume);
      if (error) {
        ctx.out.error(error.message);
        failed++;
      }
    }
  } finally {
    await cookies.save();
  }
  return failed > 0 ? 5 : 0;
}

/** The environment urlopen reads proxies from, with --proxy or --noproxy applied (lower case wins there). */
function proxyEnvironment(env: Record<string, string | undefined>, opts: ExchangeOptions): Record<string, string | undefined> {
  if (opts.noproxy) return { ...env, no_proxy: '*' };
  if (opts.proxy !== undefined) return { ...env, http_proxy: opts.proxy, https_proxy: opts.proxy, no_proxy: '' };
  return env;
}

/** With -C: the file to resume and the bytes its partial download already holds. */
async function resumePoint(ctx: Context, url: string, opts: ExchangeOptions): Promise<{ file: string; offset: number }> {
  const file = opts.output ?? (opts.remoteName ? remoteName(url, undefined) : undefined);
  if (file === undefined) throw new UsageError('-C/--continue needs -o FILE or -O');
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

/** Writes the response where the options say, hashing the body on the way for --json. */
async function deliver(ctx: Context, method: string, res: UrlopenResponse, opts: ExchangeOptions, resume?: { file: string; offset: number }): Promise<void> {
  // The body's sha256 is only for the --json record: hashing a 1 GiB download costs seconds.
  const hash = ctx.flags.json ? (await import('node:crypto')).createHash('sha256') : undefined;
  let size = 0;
  const counted = (async function* () {
    for await (const chunk of res.body) {
      hash?.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  })();
  const file = resume?.file ?? opts.output ?? (opts.remoteName ? remoteName(res.url, res.headers.get('content-disposition') ?? undefined) : undefined);
  if (opts.include && !ctx.flags.json) ctx.out.write(statusBlock(res));
  // Over http(s) the engine pushes the body (no promise per piece); hashed on the way.
  const pipe = res.pipe;
  const source: PieceSource | typeof counted = pipe
    ? (sink) =>
        pipe((chunk) => {
          hash?.update(chunk);
          size += chunk.length;
          return sink(chunk);
        })
    : counted;
  if (resume) {
    // 206: the rest, appended; anything else (a server that ignores Range): from the start.
    await writeResumable(ctx, resume.file, source, res.status === 206 && resume.offset > 0);
  } else if (file) {
    await writeAtomic(ctx, file, source);
  } else if (ctx.flags.json || method === 'HEAD') {
    for await (const _ of counted) void _;
  } else {
    await toStdout(ctx, res, (chunk) => {
      hash?.update(chunk);
      size += chunk.length;
    });
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
}
