// `netkit serve`: the server noun (DESIGN.md §4 "Servers"); `http` and `smtp` today; xmlrpc and tcp plug into the same list on the shared listener.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeServeHttpCommand } from './http.js';
import { makeServeSmtpCommand } from './smtp.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(new Command('serve'), ctx, [['http', makeServeHttpCommand], ['smtp', makeServeSmtpCommand]], verb);
  return withExamples(cmd, ['netkit serve http', 'netkit serve http 8080 -b :: -d public', 'netkit serve smtp -c DebuggingServer localhost:8025']);
}
