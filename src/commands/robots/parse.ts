// `netkit robots parse SOURCE`: the groups, rules and sitemaps of a robots.txt, as JSON.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { parseRobots, type RobotsFile, type RobotsGroup } from '../../protocols/robots/index.js';
import { readSource } from './source.js';

const EXAMPLES = ['netkit robots parse robots.txt', 'netkit robots parse --legacy robots.txt | jq .groups[0]'];

export function makeParseCommand(ctx: Context, run = runParse): Command {
  const cmd = new Command('parse')
    .description('print the groups, rules (with their lines) and sitemaps of a robots.txt as JSON')
    .argument('<SOURCE>', 'robots.txt: a file, or - for standard input')
    .option('--legacy', "read it as Python 3.11's robotparser does", false)
    .action(async (source: string, opts: { legacy: boolean }) => {
      ctx.exitCode = await run(ctx, source, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

function groupJSON(g: RobotsGroup): object {
  return {
    line: g.line,
    user_agents: g.userAgents,
    rules: g.rules.map((r) => ({ line: r.line, directive: r.directive, path: r.path, allow: r.allow })),
    crawl_delay: g.crawlDelay,
    request_rate: g.requestRate,
  };
}

export function robotsJSON(file: RobotsFile): object {
  return {
    mode: file.mode,
    groups: file.groups.map(groupJSON),
    default_group: file.defaultGroup && groupJSON(file.defaultGroup),
    site_maps: file.sitemaps.map((s) => ({ line: s.line, url: s.url })),
  };
}

export async function runParse(ctx: Context, source: string, opts: { legacy: boolean }): Promise<number> {
  const file = parseRobots(await readSource(ctx, source), { legacy: opts.legacy });
  // JSON is the human form too: this verb exists to show the structure.
  ctx.out.write(JSON.stringify(robotsJSON(file), null, 2) + '\n');
  return 0;
}
