// `netkit http`: the HTTP noun: the client verbs (get, head, post, put, patch, delete,
// options, request) and status.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeStatusCommand } from './status.js';
import { METHODS, makeMethodCommand } from './exchange.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(
    new Command('http'),
    ctx,
    [...[...METHODS, 'request' as const].map((m) => [m, (c: Context) => makeMethodCommand(c, m)] as const), ['status', makeStatusCommand]],
    verb,
  );
  return withExamples(cmd, ['netkit http get https://example.com/', 'netkit http status 404', 'netkit http post https://api.example/ --form a=1']);
}
