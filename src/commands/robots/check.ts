// `netkit robots check SOURCE URL ... [--agent UA] [--legacy]`: may this agent fetch each
// URL? RFC 9309 (as CPython now does), or Python 3.11's robotparser with --legacy. An
// http(s) SOURCE is fetched, its status deciding as RFC 9309 or RobotFileParser.read() say.
// Exit 0 when every URL is allowed, 1 otherwise.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { eachOperand } from '../../cli/batch.js';
import { UsageError } from '../../cli/errors.js';
import type { Style } from '../../cli/output.js';
import { canFetch, crawlDelay, requestRate, siteMaps, type RequestRate } from '../../protocols/robots/index.js';
import { loadRobots } from './source.js';
import { addTLSOptions, type TLSFlags } from '../../cli/tls-options.js';

export interface CheckOptions extends TLSFlags {
  agent: string;
  legacy: boolean;
}

export interface CheckRecord {
  url: string;
  agent: string;
  allowed: boolean;
  rule: { line: number; directive: 'allow' | 'disallow'; path: string } | null;
  reason: string;
  crawl_delay: number | null;
  request_rate: RequestRate | null;
  site_maps: string[] | null;
}

const EXAMPLES = [
  'netkit robots check robots.txt https://example.com/private/x',
  'netkit robots check robots.txt /search /about --agent Googlebot --json',
  'netkit robots check --legacy robots.txt < urls.txt',
  'curl -s https://example.com/robots.txt | netkit robots check - /admin',
  'netkit robots check https://example.com/robots.txt /admin --agent MyBot',
];

export function makeCheckCommand(ctx: Context, run = runCheck): Command {
  const cmd = new Command('check')
    .description('may AGENT fetch each URL? (RobotFileParser.can_fetch; RFC 9309 unless --legacy)')
    .argument('<SOURCE>', 'robots.txt: a file, - for standard input, or an http(s) URL (fetched with --agent as User-Agent)')
    .argument('[URL...]', 'URLs or paths; stdin lines if none (and SOURCE is a file)')
    .option('-A, --agent <UA>', 'the user agent asking', '*')
    .option('--legacy', "Python 3.11's robotparser exactly (first matching rule in file order)", false);
  addTLSOptions(cmd).action(async (source: string, urls: string[], opts: CheckOptions) => {
    ctx.exitCode = await run(ctx, source, urls, opts);
  });
  return withExamples(cmd, EXAMPLES);
}

export async function runCheck(ctx: Context, source: string, urls: readonly string[], opts: CheckOptions): Promise<number> {
  if (source === '-' && urls.length === 0) throw new UsageError('with SOURCE -, give the URLs as arguments');
  await ctx.out.useColors();
  const file = await loadRobots(ctx, source, opts);
  const delay = crawlDelay(file, opts.agent);
  const rate = requestRate(file, opts.agent);
  const maps = siteMaps(file);
  let refused = 0;
  const summary = await eachOperand(ctx, urls, 'URL', (url) => {
    const verdict = canFetch(file, opts.agent, url);
    if (!verdict.allowed) refused++;
    const rule = verdict.rule && { line: verdict.rule.line, directive: verdict.rule.directive, path: verdict.rule.path };
    ctx.out.record<CheckRecord>(
      { url, agent: opts.agent, allowed: verdict.allowed, rule, reason: verdict.reason, crawl_delay: delay, request_rate: rate, site_maps: maps },
      renderCheck,
    );
  });
  return summary.failed > 0 || refused > 0 ? 1 : 0;
}

/** `allowed URL` or `disallowed URL`, then the line that decided: `(line 3: Disallow: /p)`. */
export function renderCheck(r: CheckRecord, style: Style): string {
  const word = r.allowed ? style.green('allowed') : style.red('disallowed');
  const why = r.rule ? ` (line ${r.rule.line}: ${r.rule.directive === 'allow' ? 'Allow' : 'Disallow'}: ${r.rule.path})` : '';
  return `${word} ${r.url}${why}\n`;
}
