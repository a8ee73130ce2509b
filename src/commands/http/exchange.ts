// `netkit http get|head|post|put|patch|delete|options URL ...` and `netkit http request
// METHOD URL ...`: urlopen()'s behaviour (redirects, HTTPError for a status of 400 or more,
// URLError for network failures) with curl's reach: the body to stdout or to a file written
// atomically, -i for the head, --json for a record of the exchange.
import { basename } from 'node:path';
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { writeAtomic } from '../../cli/files.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FileError } from '../../cli/files.js';
import type { HTTPError, UrlopenResponse } from '../../protocols/http/urllib/index.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import { requestBody, type BodyOptions } from './body.js';
import { credentialsFor, type CredentialOptions } from './credentials.js';
import { readLines } from '../../cli/batch.js';

export interface ExchangeOptions extends BodyOptions, CredentialOptions {
  header: string[];
  output?: string;
  remoteName: boolean;
  include: boolean;
  follow: boolean;
  maxRedirs: number;
  compressed: boolean;
  cacert?: string;
  insecure: boolean;
  showErrorBody: boolean;
  userAgent?: string;
}

export const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;

const HEADER = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*)$/;

function parseHeader(value: string, previous: string[]): string[] {
  if (!HEADER.test(value)) throw new UsageError(`-H wants 'Name: value', got '${value}'`);
  return [...previous, value];
}

function parseCount(value: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new UsageError(`--max-redirs wants a whole number, got '${value}'`);
  return Number(value);
}

/** The exchange as --json prints it (the body's size and sha256 instead of the body). */
export interface ExchangeRecord {
  url: string;
  method: string;
  status: number | null;
  reason: string;
  headers: Array<[string, string]>;
  redirects: Array<{ url: string; status: number; location: string }>;
  tls: unknown;
  timings: unknown;
  body: { size: number; sha256: string; file: string | null };
}

function addOptions(cmd: Command, withBody: boolean): Command {
  cmd.option('-H, --header <LINE>', "add a request header 'Name: value' (repeatable)", parseHeader, []);
  if (withBody) {
    cmd
      .option('-d, --data <DATA>', 'request body: text, @FILE, or @- for standard input')
      .option('--form <KEY=VALUE>', 'urlencoded form field (repeatable)', (v: string, p: string[]) => [...p, v], [])
      .option('--json-body <JSON>', 'a JSON request body (Content-Type: application/json)');
  }
  return cmd
    .option('-o, --output <FILE>', 'write the body to FILE (atomically: a temporary name, renamed when complete)')
    .option('-O, --remote-name', 'write the body to a file named after the URL path (or Content-Disposition)', false)
    .option('-i, --include', 'print the status line and headers before the body', false)
    .option('--no-follow', 'do not follow redirects (urllib follows at most 10)')
    .option('--max-redirs <N>', 'redirects to follow at most', parseCount, 10)
    .option('--compressed', 'ask for gzip, deflate or br and decode the body', false)
    .option('--cacert <FILE>', 'also trust the CA certificates in FILE (PEM)')
    .option('-k, --insecure', 'do not verify the TLS certificate (loudly)', false)
    .option('--show-error-body', 'print the body of an HTTP error (status 400 or more) too', false)
    .option('-u, --user <USER[:PASS]>', 'credentials for Basic or Digest auth (the password is better in --password-file or NETKIT_PASSWORD)')
    .option('--password-file <FILE>', 'read the password from the first line of FILE')
    .option('--netrc', 'take credentials for the host from ~/.netrc', false)
    .option('--auth-prior', 'send Basic credentials with the first request (HTTPPasswordMgrWithPriorAuth)', false)
    .addOption(new Option('-A, --user-agent <UA>', 'User-Agent header (urllib: Python-urllib/3.11)'));
}

const EXAMPLES: Record<string, string[]> = {
  get: ['netkit http get https://example.com/', 'netkit http get -i https://example.com/ -o page.html', 'netkit http get --json https://example.com/ | jq .status'],
  head: ['netkit http head https://example.com/'],
  post: ["netkit http post https://httpbin.org/post --form name=netkit", "netkit http post https://api.example/items --json-body '{\"a\": 1}'", 'netkit http post https://api.example/upload -d @data.bin'],
  put: ['netkit http put https://api.example/items/1 -d @item.json -H "Content-Type: application/json"'],
  patch: ["netkit http patch https://api.example/items/1 --json-body '{\"a\": 2}'"],
  delete: ['netkit http delete https://api.example/items/1'],
  options: ['netkit http options -i https://example.com/'],
  request: ['netkit http request PROPFIND https://dav.example/ -H "Depth: 1"'],
};

export function makeMethodCommand(ctx: Context, method: (typeof METHODS)[number] | 'request'): Command {
  const withBody = method !== 'get' && method !== 'head' && method !== 'options';
  const cmd = new Command(method);
  if (method === 'request') cmd.argument('<METHOD>', 'the request method (any token)');
  cmd.argument('[URL...]', 'the URLs (several reuse connections); stdin lines if none');
  cmd.description(
    method === 'request'
      ? 'send a request with any METHOD, as urllib.request.urlopen(Request(url, method=METHOD)) does'
      : `send ${method.toUpperCase()} requests as urllib.request.urlopen() does: redirects followed, HTTPError for a status of 400 or more`,
  );
  addOptions(cmd, withBody);
  cmd.action(async (...args: unknown[]) => {
    const opts = args[args.length - 2] as ExchangeOptions;
    const [m, urls] = method === 'request' ? [String(args[0]), args[1] as string[]] : [method.toUpperCase(), args[0] as string[]];
    ctx.exitCode = await runExchange(ctx, m, urls, opts);
  });
  return withExamples(cmd, EXAMPLES[method] ?? []);
}

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
  const { HTTPError, urlopen } = await loadUrllib();
  let failed = 0;
  for await (const url of urlsOf(ctx, urls, opts.data === '@-')) {
    let res: UrlopenResponse;
    let error: HTTPError | undefined;
    const { url: target, auth } = await credentialsFor(ctx, url, opts);
    try {
      res = await urlopen(target, {
        auth,
        method,
        headers,
        body: body?.body,
        timeout: ctx.flags.timeout * 1000,
        env: ctx.io.env,
        followRedirects: opts.follow,
        maxRedirects: opts.maxRedirs,
        ca,
        insecure: opts.insecure,
        decompress: opts.compressed,
      });
    } catch (err) {
      if (!(err instanceof HTTPError) || (!opts.showErrorBody && !opts.output && !ctx.flags.json)) {
        if (err instanceof HTTPError) err.response?.cancel();
        throw err;
      }
      error = err;
      res = errorResponse(err);
    }
    await deliver(ctx, method, res, opts);
    if (error) {
      ctx.out.error(error.message);
      failed++;
    }
  }
  return failed > 0 ? 5 : 0;
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

/** Writes the response where the options say, hashing the body on the way for --json. */
async function deliver(ctx: Context, method: string, res: UrlopenResponse, opts: ExchangeOptions): Promise<void> {
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
  const file = opts.output ?? (opts.remoteName ? remoteName(res.url, res.headers.get('content-disposition') ?? undefined) : undefined);
  if (opts.include && !ctx.flags.json) ctx.out.write(statusBlock(res));
  if (file) {
    await writeAtomic(ctx, file, counted);
  } else if (ctx.flags.json || method === 'HEAD') {
    for await (const _ of counted) void _;
  } else {
    for await (const chunk of counted) {
      if (ctx.out.stdout.closed) break;
      ctx.out.write(chunk);
      if (ctx.out.stdout.full) await ctx.out.stdout.drain();
    }
  }
  if (ctx.flags.json) {
    ctx.out.record<ExchangeRecord>(
      {
        url: res.url,
        method,
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
