// `netkit robots`: urllib.robotparser (check, parse, lint), RFC 9309 or Python 3.11's rules.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeCheckCommand } from './check.js';
import { makeParseCommand } from './parse.js';
import { makeLintCommand } from './lint.js';

export function make(ctx: Context): Command {
  const cmd = new Command('robots').addCommand(makeCheckCommand(ctx)).addCommand(makeParseCommand(ctx)).addCommand(makeLintCommand(ctx));
  return withExamples(cmd, ['netkit robots check robots.txt /private', 'netkit robots lint robots.txt']);
}
