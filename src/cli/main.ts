// netkit's entry point: builds the command tree (loading only the noun asked for), runs
// it, and turns every outcome into an exit code. The only place errors become exit codes.
import { Command, CommanderError, Option } from 'commander';
import { Context } from './context.js';
import type { IO } from './io.js';
import { ALL_NOUNS, NOUNS } from './registry.js';
import { GLOBAL_HEADING, GLOBAL_OPTIONS, addGlobalOptions, readGlobalFlags } from './global-options.js';
import { UsageError } from './errors.js';
import { EXIT, EXIT_TABLE, exitCodeOf } from './exit-codes.js';
import { VERSION } from './version.js';
import { NetkitError } from '../protocols/core/errors.js';

const ROOT_HELP = `
Exit status:
${EXIT_TABLE.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n')}

Examples:
  $ netkit http status 418 --json
  $ netkit uuid -u uuid5 -n @dns -N example.com
  $ echo 6ba7b810-9dad-11d1-80b4-00c04fd430c8 | netkit uuid parse --json

See netkit(1) and netkit-NOUN(1) for every command.
`;

/** Runs netkit with `argv` (the words after "netkit") and returns the exit code. */
export async function main(argv: readonly string[], io: IO): Promise<number> {
  const ctx = new Context(io);
  let failed: Command | undefined;
  let running: Command | undefined;
  try {
    const words = commandWords(argv);
    const program = await buildProgram(ctx, words[0], (cmd) => (failed = cmd), words);
    program.hook('preAction', (_root, action) => {
      running = action;
      ctx.setFlags(readGlobalFlags(action));
      ctx.out.commandPath = commandPath(action);
    });
    await program.parseAsync([...argv], { from: 'user' });
    await ctx.out.flush();
    return ctx.exitCode;
  } catch (err) {
    const code = report(ctx, err, failed ?? running);
    await ctx.out.flush();
    return code;
  }
}

/** Builds the root with every noun listed, and the noun named in argv fully loaded. */
export async function buildProgram(
  ctx: Context,
  noun: string | typeof ALL_NOUNS | undefined,
  onUsageError: (cmd: Command) => void = () => {},
  words: readonly string[] = [],
): Promise<Command> {
  const program = new Command('netkit')
    .description("Python's Internet Protocols and Support chapter, from the shell")
    .version(VERSION, '-V, --version', 'print the version')
    .addHelpText('after', ROOT_HELP);
  for (const entry of NOUNS) {
    const cmd =
      noun === ALL_NOUNS ? (await entry.load()).make(ctx) : entry.name === noun ? (await entry.load()).make(ctx, words[1]) : new Command(entry.name);
    program.addCommand(cmd.description(entry.summary));
  }
  configure(program, ctx, onUsageError, noun === ALL_NOUNS ? ALL_NOUNS : words);
  return program;
}

const VALUE_FLAGS = new Set(GLOBAL_OPTIONS.filter((spec) => spec.arg).map((spec) => spec.long));

/**
 * The noun and verb a command line names: its first two words that are not options or a
 * global option's value ("help" skipped, as in `netkit help http get`).
 */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const word = argv[i]!;
    if (word === '--') break;
    if (VALUE_FLAGS.has(word)) i++;
    else if (word === 'help' && words.length === 0) continue;
    else if (!word.startsWith('-')) words.push(word);
  }
  return words;
}

/**
 * Same settings on every command: exit on our terms, write through the output layer. Only
 * the commands on the path `words` names (all of them for ALL_NOUNS) get the global and
 * help options: the others are not run, and building hundreds of options costs start-up.
 */
function configure(cmd: Command, ctx: Context, onUsageError: (cmd: Command) => void, words: readonly string[] | typeof ALL_NOUNS, depth = 0): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (text) => ctx.out.write(text),
    writeErr: (text) => ctx.out.stderr.write(text),
    outputError: () => onUsageError(cmd),
  });
  cmd.addHelpOption(new Option('-h, --help', 'show help').helpGroup(GLOBAL_HEADING));
  if (cmd.commands.length > 0) cmd.enablePositionalOptions();
  addGlobalOptions(cmd);
  // A value parser that rejects its value names this command in the error.
  for (const option of cmd.options) {
    const parse = option.parseArg;
    if (!parse) continue;
    option.parseArg = <T>(value: string, previous: T): T => {
      try {
        return parse(value, previous);
      } catch (err) {
        onUsageError(cmd);
        throw err;
      }
    };
  }
  for (const sub of cmd.commands) {
    if (words === ALL_NOUNS || words[depth] === sub.name()) configure(sub, ctx, onUsageError, words, depth + 1);
  }
}

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Prints the error the way DESIGN.md §4 says and returns its exit code. */
function report(ctx: Context, err: unknown, cmd: Command | undefined): number {
  const out = ctx.out;
  if (cmd) out.commandPath = commandPath(cmd);
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.OK;
    if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    out.error(err.message.replace(/^error: /, ''));
    printUsage(ctx, cmd);
    return EXIT.USAGE;
  }
  out.reportError(err);
  if (err instanceof UsageError) {
    if (!ctx.flags.json) printUsage(ctx, cmd);
    return EXIT.USAGE;
  }
  if (ctx.flags.debug && !(err instanceof NetkitError) && err instanceof Error && err.stack) out.stderr.write(err.stack + '\n');
  return exitCodeOf(err);
}

function printUsage(ctx: Context, cmd: Command | undefined): void {
  if (!cmd) return;
  const path = ['netkit', commandPath(cmd)].filter(Boolean).join(' ');
  ctx.out.stderr.write(`Usage: ${path} ${cmd.usage()}\nTry '${path} --help' for more information.\n`);
}
