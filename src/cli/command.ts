// The shape of a noun module and the small helpers every verb file uses to build its command.
import { Command, InvalidArgumentError } from 'commander';
import type { Context } from './context.js';

/** What `src/commands/<noun>/index.ts` exports. */
export interface NounModule {
  make(ctx: Context): Command;
}

/** One line of the registry: enough to list the noun without loading it. */
export interface NounEntry {
  name: string;
  summary: string;
  /** Man page that documents the noun ("netkit-http"). */
  manPage: string;
  load(): Promise<NounModule>;
}

/** Adds an "Examples:" section to the command's --help. */
export function withExamples(cmd: Command, examples: readonly string[]): Command {
  if (examples.length > 0) {
    cmd.addHelpText('after', '\nExamples:\n' + examples.map((e) => '  $ ' + e).join('\n') + '\n');
  }
  return cmd;
}

/** commander argParser for a positive number of seconds. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a positive number of seconds, got '${value}'`);
  }
  return n;
}
