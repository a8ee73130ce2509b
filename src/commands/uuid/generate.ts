// `netkit uuid [-u FUNC] [-n NS -N NAME] [-C NUM]`: the CLI of Python 3.14's `python -m uuid`,
// plus --format. Bulk output is generated and formatted in blocks of bytes.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { parsePyInt, pyRepr } from '../../protocols/core/py-text.js';
import { NetkitError } from '../../protocols/core/errors.js';
import {
  NAMESPACES,
  UUID_FUNCTIONS,
  bulkGenerator,
  isNameBased,
  resolveNamespace,
  uuid3,
  uuid5,
  type BulkGenerator,
  type NameBasedFunction,
  type UUIDFunction,
} from '../../protocols/uuid/generate.js';
import { UUID_FORMATS, formatLines, type UUIDFormat } from '../../protocols/uuid/format.js';
import { UUID } from '../../protocols/uuid/uuid.js';
import { renderRecord, toRecord } from './record.js';

export interface GenerateOptions {
  uuid: UUIDFunction;
  namespace?: string;
  name?: string;
  count: number;
  format: UUIDFormat;
}

const EXAMPLES = [
  'netkit uuid',
  'netkit uuid -u uuid5 -n @dns -N example.com',
  'netkit uuid -u uuid7 -C 5',
  'netkit uuid -u uuid3 -n 6ba7b811-9dad-11d1-80b4-00c04fd430c8 -N https://example.com/ --format urn',
  'netkit uuid -C 1000000 > ids.txt',
];

const HELP = "Run 'netkit uuid -h' for more information.";

function choiceParser<T extends string>(flag: string, choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new UsageError(`argument ${flag}: invalid choice: ${pyRepr(value)} (choose from ${choices.map((c) => pyRepr(c)).join(', ')})`);
  };
}

/** argparse's type=int, as `python -m uuid -C` reads it. */
function parseCountArg(value: string): number {
  const n = parsePyInt(value, 10);
  if (n === undefined || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new UsageError(`argument -C/--count: invalid int value: ${pyRepr(value)}`);
  return Number(n);
}

export function makeGenerateCommand(ctx: Context, run = runGenerate): Command {
  const cmd = new Command('uuid')
    .description('generate UUIDs (python -m uuid of Python 3.14); `uuid parse` decodes them')
    .addOption(new Option('-u, --uuid <FUNC>', `function to generate the UUID: ${UUID_FUNCTIONS.join(', ')}`).default('uuid4').argParser(choiceParser('-u/--uuid', UUID_FUNCTIONS)))
    .option('-n, --namespace <NAMESPACE>', `uuid3/uuid5 only: a UUID, or a well-known predefined UUID addressed by namespace name: ${Object.keys(NAMESPACES).join(', ')}`)
    .option('-N, --name <NAME>', 'uuid3/uuid5 only: name used as part of generating the UUID')
    .addOption(new Option('-C, --count <NUM>', 'generate NUM fresh UUIDs').default(1).argParser(parseCountArg))
    .addOption(new Option('--format <FORMAT>', `output form: ${UUID_FORMATS.join(', ')} (str is 8-4-4-4-12)`).default('str').argParser(choiceParser('--format', UUID_FORMATS)))
    .action(async (opts: GenerateOptions) => {
      ctx.exitCode = await run(ctx, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

const BLOCK = 4096;

export async function runGenerate(ctx: Context, opts: GenerateOptions): Promise<number> {
  const fill = isNameBased(opts.uuid) ? nameBasedFill(opts.uuid, opts) : randomFill(opts.uuid, opts);
  await emit(ctx, opts, fill);
  return 0;
}

/** uuid3/uuid5: the same UUID every time, as Python prints it NUM times. */
function nameBasedFill(fn: NameBasedFunction, opts: GenerateOptions): BulkGenerator {
  if (!opts.namespace || !opts.name) {
    throw new UsageError(`Incorrect number of arguments. ${fn} requires a namespace and a name. ${HELP}`);
  }
  let namespace: UUID;
  try {
    namespace = resolveNamespace(opts.namespace);
  } catch (err) {
    if (err instanceof NetkitError) throw new UsageError(`${err.message}: ${pyRepr(opts.namespace)}`);
    throw err;
  }
  const one = (fn === 'uuid3' ? uuid3 : uuid5)(namespace, opts.name);
  return (buf, n) => {
    for (let i = 0; i < n; i++) buf.set(one.bytes, i * 16);
  };
}

function randomFill(fn: Exclude<UUIDFunction, NameBasedFunction>, opts: GenerateOptions): BulkGenerator {
  if (opts.namespace !== undefined || opts.name !== undefined) {
    throw new UsageError(`Incorrect number of arguments. ${fn} does not take a namespace or a name. ${HELP}`);
  }
  return bulkGenerator(fn);
}

/** Generates `count` UUIDs a block at a time and writes them, waiting when stdout is full. */
async function emit(ctx: Context, opts: GenerateOptions, fill: BulkGenerator): Promise<void> {
  const { count } = opts;
  const out = ctx.out;
  const buf = new Uint8Array(16 * BLOCK);
  for (let done = 0; done < count && !out.stdout.closed; ) {
    const n = Math.min(BLOCK, count - done);
    fill(buf, n);
    if (ctx.flags.json) {
      for (let i = 0; i < n; i++) out.record(toRecord(new UUID(buf.slice(i * 16, i * 16 + 16))), renderRecord);
    } else {
      out.write(formatLines(buf, n, opts.format));
    }
    done += n;
    if (out.stdout.full) await out.stdout.drain();
  }
}
