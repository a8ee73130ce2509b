// `netkit smtp expn LIST`: smtplib's expn() (EXPN), the members one per line; exit 5 when
// the server refuses.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { addConnectionOptions, type SessionOptions } from './session.js';
import { lookupExit, runLookups } from './verify.js';

export interface ExpnRecord {
  list: string;
  smtp_code: number;
  members: string[];
}

export function renderExpn(record: ExpnRecord): string {
  return record.members.map((m) => `${record.list} ${record.smtp_code} ${m}\n`).join('');
}

export function makeExpnCommand(ctx: Context): Command {
  const cmd = new Command('expn').description("expand a mailing list with EXPN, as smtplib's expn()").argument('<LIST>', 'the list (or alias) to expand');
  addConnectionOptions(cmd, true);
  cmd.action(async (list: string, opts: SessionOptions) => {
    const [r] = await runLookups(ctx, opts, [list], 'expn');
    if (!r) return;
    const record: ExpnRecord = { list, smtp_code: r.smtp_code, members: r.smtp_error === '' ? [] : r.lines };
    ctx.out.result(record, renderExpn);
    ctx.exitCode = lookupExit([r]);
  });
  return withExamples(cmd, ['netkit smtp expn --server mail.example.com staff', 'netkit smtp expn --server localhost:25 --json staff']);
}
