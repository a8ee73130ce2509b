// `netkit http`: the HTTP noun. Verbs: status (more arrive with the HTTP client).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { makeStatusCommand } from './status.js';

export function make(ctx: Context): Command {
  return new Command('http').addCommand(makeStatusCommand(ctx));
}
