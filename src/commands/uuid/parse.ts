// `netkit uuid parse UUID ...`: uuid.UUID(text) and every attribute Python reports.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { parseUUID } from '../../protocols/uuid/uuid.js';
import { renderRecord, toRecord, toSummary, type UUIDSummary } from './record.js';

const EXAMPLES = [
  'netkit uuid parse 6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  "netkit uuid parse '{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}' --json",
  'netkit uuid -u uuid7 -C 3 | netkit uuid parse',
];

export function makeParseCommand(ctx: Context, run = runParse): Command {
  const cmd = new Command('parse')
    .description('decode UUIDs as uuid.UUID(str) does: version, variant, fields, time (stdin lines if none given)')
    .argument('[UUID...]', 'UUIDs in any form Python accepts: hyphens or none, braces, urn:uuid:, any case')
    .action(async (uuids: string[]) => {
      ctx.exitCode = await run(ctx, uuids);
    });
  return withExamples(cmd, EXAMPLES);
}

/** One record per UUID; exit code 1 if any was malformed. */
export async function runParse(ctx: Context, uuids: readonly string[]): Promise<number> {
  await ctx.out.useColors();
  const summary = await runBatch<UUIDSummary>(ctx, uuids, {
    operand: 'UUID',
    handle: ctx.flags.json ? (text) => toRecord(parseUUID(text)) : (text) => toSummary(parseUUID(text)),
    render: renderRecord,
  });
  return summary.failed > 0 ? 1 : 0;
}
