// The shape of a noun module and the small helpers every verb file uses to build its command.
import { Command, InvalidArgumentError } from 'commander';
import type { Context } from './context.js';

/** What `src/commands/<noun>/index.ts` exports. `verb` is the verb the command line names, if any. */
export interface NounModule {
  make(ctx: Context, verb?: string): Command;
}

/** Verb makers of a noun: the verb names each makes (one shape may make several), and the maker. */
export type VerbMakers = ReadonlyArray<readonly [names: string | readonly string[], make: (ctx: Context) => Command | Command[]]>;

/**
 * Adds the noun's verbs: only the one `verb` names when it is one of them (building
 * hundreds of options for verbs that will not run costs start-up), else all of them (for
 * help, completion, and commander's "unknown command" with its suggestion).
 */
export function addVerbs(noun: Command, ctx: Context, makers: VerbMakers, verb: string | undefined): Command {
  const names = (entry: VerbMakers[number]): readonly string[] => (typeof entry[0] === 'string' ? [entry[0]] : entry[0]);
  const known = verb !== undefined && makers.some((entry) => names(entry).includes(verb));
  for (const entry of makers) {
    if (known && !names(entry).includes(verb)) continue;
    const made = entry[1](ctx);
    for (const cmd of Array.isArray(made) ? made : [made]) noun.addCommand(cmd);
  }
  return noun;
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
