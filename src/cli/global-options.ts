// The global flags (DESIGN.md §4), added to the root and to every command that runs, so
// they work before or after the verb. A verb's own short flag wins over a global one
// (e.g. a future `grep -v`): the global stays reachable by its long name.
import { Command, Option } from 'commander';
import { parseSeconds } from './command.js';
import type { GlobalFlags } from './context.js';

interface GlobalSpec {
  short?: string;
  long: string;
  arg?: string;
  key: keyof GlobalFlags;
  description: string;
  parse?: (value: string) => number;
}

export const GLOBAL_OPTIONS: readonly GlobalSpec[] = [
  { long: '--json', key: 'json', description: 'print JSON (one document, or one object per line for streams)' },
  { long: '--no-color', key: 'color', description: 'no colours (also when NO_COLOR is set)' },
  { short: '-q', long: '--quiet', key: 'quiet', description: 'print only results and errors' },
  { short: '-v', long: '--verbose', key: 'verbose', description: 'print more detail on stderr' },
  { long: '--debug', key: 'debug', description: "print the protocol trace on stderr (Python's format, secrets masked)" },
  { long: '--timeout', arg: '<seconds>', key: 'timeout', description: 'limit for every network wait (default: 30)', parse: parseSeconds },
  { long: '--no-input', key: 'input', description: 'never prompt; fail instead' },
];

export const GLOBAL_HEADING = 'Global options:';

function usedFlags(cmd: Command): Set<string> {
  const used = new Set<string>();
  for (const o of cmd.options) {
    if (o.short) used.add(o.short);
    if (o.long) used.add(o.long);
  }
  return used;
}

/** Adds the global options a command does not define itself, under their own help heading. */
export function addGlobalOptions(cmd: Command): void {
  const used = usedFlags(cmd);
  for (const spec of GLOBAL_OPTIONS) {
    if (used.has(spec.long)) continue;
    const short = spec.short && !used.has(spec.short) ? spec.short + ', ' : '';
    const option = new Option(short + spec.long + (spec.arg ? ' ' + spec.arg : ''), spec.description).helpGroup(GLOBAL_HEADING);
    if (spec.parse) option.argParser(spec.parse);
    cmd.addOption(option);
  }
}

/** The global flags given anywhere from the root down to the command that runs. */
export function readGlobalFlags(action: Command): Partial<GlobalFlags> {
  const flags: Partial<GlobalFlags> = {};
  for (let cmd: Command | null = action; cmd; cmd = cmd.parent) {
    const opts = cmd.opts();
    for (const spec of GLOBAL_OPTIONS) {
      if (flags[spec.key] !== undefined) continue;
      const source = cmd.getOptionValueSource(spec.key);
      if (source === 'cli' || source === 'env') (flags as Record<string, unknown>)[spec.key] = opts[spec.key];
    }
  }
  return flags;
}
