// `netkit uuid`: generate (the command itself, like `python -m uuid`) and `uuid parse`.
import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { makeGenerateCommand } from './generate.js';
import { makeParseCommand } from './parse.js';

export function make(ctx: Context): Command {
  return makeGenerateCommand(ctx).addCommand(makeParseCommand(ctx));
}
