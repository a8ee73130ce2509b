// `netkit cookie`: Python's http.cookies (parse, make).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeParseCommand } from './parse.js';
import { makeMakeCommand } from './make.js';

export function make(ctx: Context): Command {
  const cmd = new Command('cookie').addCommand(makeParseCommand(ctx)).addCommand(makeMakeCommand(ctx));
  return withExamples(cmd, ["netkit cookie parse 'a=1; Path=/'", 'netkit cookie make session=abc --httponly']);
}
