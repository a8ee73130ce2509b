// `netkit cgi`: Python's cgi module for shell CGI scripts (form: cgi.FieldStorage; env: cgi.test()).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeFormCommand } from './form.js';
import { makeEnvCommand } from './env.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(new Command('cgi'), ctx, [
    ['form', makeFormCommand],
    ['env', makeEnvCommand],
  ], verb);
  return withExamples(cmd, ['eval "$(netkit cgi form --shell)"', 'netkit cgi form --json', 'netkit cgi env']);
}
