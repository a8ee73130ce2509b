// `netkit http`: the HTTP noun. Verbs: status (more arrive with the HTTP client).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeStatusCommand } from './status.js';

export function make(ctx: Context): Command {
  const cmd = new Command('http').addCommand(makeStatusCommand(ctx));
  return withExamples(cmd, ['netkit http status 404', 'netkit http status --list --json']);
}
