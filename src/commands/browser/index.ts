// `netkit browser`: the webbrowser noun: open a URL (or print it on a headless session)
// and list the browsers in Python's preference order.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeListCommand } from './list.js';
import { makeOpenCommand } from './open.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(
    new Command('browser'),
    ctx,
    [
      ['open', makeOpenCommand],
      ['list', makeListCommand],
    ],
    verb,
  );
  return withExamples(cmd, ['netkit browser open https://docs.python.org/3/', 'netkit browser open -t http://127.0.0.1:8000/ --dry-run', 'netkit browser list']);
}
