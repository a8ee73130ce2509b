// `netkit http status [CODE|NAME ...]`: Python's http.HTTPStatus from the shell.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import type { Style } from '../../cli/output.js';
import { UsageError } from '../../cli/errors.js';
import { HTTP_STATUSES, lookupStatus, type HTTPStatusInfo } from '../../protocols/http/status.js';

export interface StatusOptions {
  list: boolean;
}

const EXAMPLES = [
  'netkit http status 404',
  'netkit http status not_found --json',
  "netkit http status 'HTTP/1.1 503 Service Unavailable'",
  'netkit http status --list',
  'cut -d" " -f9 access.log | netkit http status --json',
];

export function makeStatusCommand(ctx: Context, run = runStatus): Command {
  const cmd = new Command('status')
    .description('look up HTTP status codes by number, member name or phrase (http.HTTPStatus)')
    .argument('[CODE|NAME...]', 'status numbers, member names (NOT_FOUND, not_found) or phrases; stdin lines if none')
    .option('-l, --list', 'print every status Python knows', false)
    .action(async (codes: string[], opts: StatusOptions) => {
      ctx.exitCode = await run(ctx, codes, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

/** Prints one record per code; returns the exit code (1 if any code was unknown). */
export async function runStatus(ctx: Context, codes: readonly string[], opts: StatusOptions): Promise<number> {
  await ctx.out.useColors();
  if (opts.list) {
    if (codes.length > 0) throw new UsageError('--list takes no CODE operands');
    for (const status of HTTP_STATUSES) ctx.out.record(status, renderStatus);
    return 0;
  }
  const summary = await runBatch(ctx, codes, { operand: 'CODE', handle: lookupStatus, render: renderStatus });
  return summary.failed > 0 ? 1 : 0;
}

/** `404 Not Found - Nothing matches the given URI` (no dash when Python has no description). */
export function renderStatus(s: HTTPStatusInfo, style: Style): string {
  const paint = s.is_success ? style.green : s.is_client_error ? style.yellow : s.is_server_error ? style.red : style.cyan;
  const text = `${paint(String(s.value))} ${s.phrase}`;
  return (s.description ? `${text} - ${s.description}` : text) + '\n';
}
