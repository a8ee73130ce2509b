// `netkit cookiejar`: Python's http.cookiejar file formats and return policy (list, convert).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeListCommand } from './list.js';
import { makeConvertCommand } from './convert.js';

export function make(ctx: Context): Command {
  const cmd = new Command('cookiejar').addCommand(makeListCommand(ctx)).addCommand(makeConvertCommand(ctx));
  return withExamples(cmd, ['netkit cookiejar list cookies.txt --url https://example.com/', 'netkit cookiejar convert cookies.txt --to lwp -o cookies.lwp']);
}
