// `netkit http`: the HTTP noun: the client verbs (get, head, post, put, patch, delete,
// options, request) and status.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeStatusCommand } from './status.js';
import { METHODS, makeMethodCommand } from './exchange.js';

export function make(ctx: Context): Command {
  const cmd = new Command('http');
  for (const method of METHODS) cmd.addCommand(makeMethodCommand(ctx, method));
  cmd.addCommand(makeMethodCommand(ctx, 'request')).addCommand(makeStatusCommand(ctx));
  return withExamples(cmd, ['netkit http get https://example.com/', 'netkit http status 404', 'netkit http post https://api.example/ --form a=1']);
}
