// `netkit robots lint SOURCE`: unknown directives, rules before any User-agent, paths
// without a leading "/", files over RFC 9309's 500 KiB; exit 1 when anything is found.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { lintRobots, type RobotsWarning } from '../../protocols/robots/index.js';
import { readSource } from './source.js';

const EXAMPLES = ['netkit robots lint robots.txt', 'netkit robots lint --json robots.txt'];

export function makeLintCommand(ctx: Context, run = runLint): Command {
  const cmd = new Command('lint')
    .description('warn about what crawlers will misread in a robots.txt (exit 1 if anything)')
    .argument('<SOURCE>', 'robots.txt: a file, or - for standard input')
    .action(async (source: string) => {
      ctx.exitCode = await run(ctx, source);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runLint(ctx: Context, source: string): Promise<number> {
  const warnings = lintRobots(await readSource(ctx, source));
  const name = source === '-' ? '(stdin)' : source;
  for (const w of warnings) ctx.out.record<RobotsWarning>(w, (x) => `${name}:${x.line}: ${x.code}: ${x.message}\n`);
  return warnings.length > 0 ? 1 : 0;
}
