// `netkit http get|head|post|put|patch|delete|options URL ...` and `netkit http request
// METHOD URL ...`: urlopen()'s behaviour (redirects, HTTPError for a status of 400 or more,
// URLError for network failures) with curl's reach: the body to stdout or to a file written
// atomically, -i for the head, --json for a record of the exchange.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { addTLSOptions, type TLSFlags } from '../../cli/tls-options.js';
import { parseBytes } from '../serve/options.js';
import type { BodyOptions } from './body.js';
import type { CookieOptions } from './cookies.js';
import type { CredentialOptions } from './credentials.js';

export interface ExchangeOptions extends BodyOptions, CredentialOptions, CookieOptions, TLSFlags {
  proxy?: string;
  proxyUser?: string;
  noproxy?: string;
  continue: boolean;
  header: string[];
  output?: string;
  remoteName: boolean;
  include: boolean;
  follow: boolean;
  maxRedirs: number;
  compressed: boolean;
  showErrorBody: boolean;
  userAgent?: string;
  maxFilesize?: number;
}

export const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'] as const;

/** A request header line as -H takes it. */
export const HEADER = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*)$/;

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
      .option('-F, --multipart <NAME=VALUE>', 'multipart/form-data field; NAME=@FILE uploads FILE (repeatable)', (v: string, p: string[]) => [...p, v], [])
      .option('--json-body <JSON>', 'a JSON request body (Content-Type: application/json)');
  }
  cmd
    .option('-o, --output <FILE>', 'write the body to FILE (atomically: a temporary name, renamed when complete)')
    .option('-O, --remote-name', "write the body to a file named from Content-Disposition (never replacing a file) or the URL path's last segment", false)
    .option('-C, --continue', 'with -o or -O (named from the URL): resume FILE.part from where it stopped (Range), rename it to FILE when complete', false)
    .option('-i, --include', 'print the status line and headers before the body', false)
    .option('--no-follow', 'do not follow redirects (urllib follows at most 10)')
    .option('--max-redirs <N>', 'redirects to follow at most', parseCount, 10)
    .option('--proxy <URL>', 'use this proxy for http and https, whatever http_proxy and https_proxy say')
    .option('-U, --proxy-user <USER[:PASS]>', "credentials for the proxy's 407 (Basic or Digest); without :PASS, prompted on a terminal or $NETKIT_PROXY_PASSWORD")
    .option('--noproxy <HOSTS>', 'no proxy for these comma-separated hosts or domains, "*" for all (replaces no_proxy, as curl\'s)')
    .option('-b, --cookie <NAME=VALUE|FILE>', "send 'NAME=VALUE[; ...]' in the Cookie header, or the cookies of a cookie FILE (repeatable)", (v: string, p: string[]) => [...p, v], [])
    .option('-c, --cookie-jar <FILE>', 'load cookies from FILE (Netscape/Mozilla or LWP; missing: empty), keep them as http.cookiejar does, save them back')
    .addOption(new Option('--cookie-jar-format <F>', 'format to save the jar in (default: the format it was read in, else mozilla)').choices(['mozilla', 'lwp']))
    .option('--compressed', 'ask for gzip, deflate or br and decode the body', false);
  return addTLSOptions(cmd)
    .option('--show-error-body', 'print the body of an HTTP error (status 400 or more) too', false)
    .option('--max-filesize <BYTES>', 'refuse a body larger than BYTES, announced or as it arrives (default: no limit)', parseBytes)
    .option('-u, --user <USER[:PASS]>', 'credentials for Basic or Digest auth (the password is better in --password-file or NETKIT_PASSWORD)')
    .option('--password-file <FILE>', 'read the password from the first line of FILE')
    .option('--netrc', 'take credentials for the host from ~/.netrc', false)
    .option('--auth-prior', 'send Basic credentials with the first request (HTTPPasswordMgrWithPriorAuth)', false)
    .addOption(new Option('-A, --user-agent <UA>', 'User-Agent header (urllib: Python-urllib/3.11)'));
}

const EXAMPLES: Record<string, string[]> = {
  get: ['netkit http get https://example.com/', 'netkit http get -i https://example.com/ -o page.html', 'netkit http get --json https://example.com/ | jq .status', 'netkit http get -c jar.txt https://example.com/account'],
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
    // The exchange itself (the HTTP engine, files, credentials) loads only when it runs.
    const { runExchange } = await import('./exchange-run.js');
    ctx.exitCode = await runExchange(ctx, m, urls, opts);
  });
  return withExamples(cmd, EXAMPLES[method] ?? []);
}
