// Reading a robots.txt SOURCE: a file, "-" for standard input, or an http(s) URL fetched
// with urlopen, with a size cap. For `check`, loadRobots() also turns a fetch that did not
// answer 2xx into the file RFC 9309 (or, with --legacy, Python 3.11's
// RobotFileParser.read()) says to use.
import type { Context } from '../../cli/context.js';
import { readInputText } from '../../cli/files.js';
import { NetkitError } from '../../protocols/core/errors.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import { tlsSettings, type TLSFlags, type TLSSettings } from '../../cli/tls-options.js';
import { parseRobots, robotsForStatus, type RobotsFile } from '../../protocols/robots/index.js';

/** Bytes read from a robots.txt at most (32 times RFC 9309's 500 KiB). */
export const MAX_ROBOTS_BYTES = 16 * 1024 * 1024;

/** RFC 9309 §2.3.1.2: crawlers SHOULD follow at least five consecutive redirects. */
export const RFC_MAX_REDIRECTS = 5;

/** True for an http(s) SOURCE. */
export function isRemote(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * GETs a robots.txt: `agent` as the User-Agent (urllib's default for "*"), HTTPError for
 * every final status outside 2xx (as urllib), the body decoded as UTF-8.
 */
export async function fetchRobots(ctx: Context, url: string, agent = '*', maxRedirects?: number, tls?: TLSSettings): Promise<string> {
  const { urlopen } = await loadUrllib();
  const headers: Array<[string, string]> = agent && agent !== '*' ? [['User-Agent', agent]] : [];
  const res = await urlopen(url, { headers, timeout: ctx.flags.timeout * 1000, env: ctx.io.env, maxRedirects, strictPython: true, ...tls });
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > MAX_ROBOTS_BYTES) throw new NetkitError(`${url} is larger than ${MAX_ROBOTS_BYTES} bytes`, { code: 'ERR_TOO_LARGE' });
      parts.push(chunk);
    }
  } catch (err) {
    res.cancel();
    throw err;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The text of SOURCE (an http(s) SOURCE must answer 2xx: errors propagate). */
export function readSource(ctx: Context, source: string): Promise<string> {
  if (isRemote(source)) return fetchRobots(ctx, source);
  return readInputText(ctx, source, 'robots.txt', MAX_ROBOTS_BYTES);
}

export interface LoadOptions extends TLSFlags {
  agent: string;
  legacy: boolean;
}

/**
 * The parsed robots.txt of SOURCE. Fetched over http(s), the answer decides:
 * - RFC 9309 (default): 2xx parsed; 4xx (and more than 5 redirects) "unavailable": allow
 *   all; 5xx and an unreachable server: disallow all.
 * - --legacy, Python 3.11's read(): 2xx parsed; 401/403 disallow_all; other 4xx allow_all;
 *   any other HTTPError leaves the file unread (can_fetch is False); URLError propagates.
 */
export async function loadRobots(ctx: Context, source: string, opts: LoadOptions): Promise<RobotsFile> {
  if (!isRemote(source)) return parseRobots(await readSource(ctx, source), { legacy: opts.legacy });
  const legacy = opts.legacy;
  const { HTTPError, MAX_REDIRECTIONS, URLError } = await loadUrllib();
  const tls = await tlsSettings(ctx, opts);
  try {
    return parseRobots(await fetchRobots(ctx, source, opts.agent, legacy ? MAX_REDIRECTIONS : RFC_MAX_REDIRECTS, tls), { legacy });
  } catch (err) {
    if (err instanceof HTTPError) {
      err.response?.cancel();
      // A redirect chain over the limit is "unavailable" to RFC 9309 (as a 4xx).
      const file = robotsForStatus(!legacy && err.status < 400 ? 404 : err.status, { legacy });
      if (file.disallowAll || (!file.allowAll && legacy)) ctx.out.warn(`${source}: ${err.message}: nothing may be fetched`);
      else ctx.out.info(`${source}: ${err.message}: robots.txt unavailable, everything may be fetched`);
      return file;
    }
    if (!legacy && (err instanceof URLError || (err instanceof NetkitError && (err.kind === 'network' || err.kind === 'tls')))) {
      ctx.out.warn(`${source}: ${(err as Error).message}: robots.txt unreachable, nothing may be fetched`);
      return robotsForStatus(503, { legacy });
    }
    throw err;
  }
}
