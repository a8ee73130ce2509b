// `netkit smtp verify ADDR...`: smtplib's verify() (VRFY) for each address over one
// connection; exit 0 when every reply is 2xx, 5 when none is, 7 when some are.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { EXIT } from '../../cli/exit-codes.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { addConnectionOptions, openSession, parseServer, quietQuit, type SessionOptions } from './session.js';

export interface VerifyRecord {
  address: string;
  smtp_code: number;
  smtp_error: string;
}

/** Runs `cmd` (vrfy or expn) for each operand over one session. */
export async function runLookups(ctx: Context, opts: SessionOptions, operands: string[], verb: 'verify' | 'expn'): Promise<Array<VerifyRecord & { lines: string[] }>> {
  if (opts.server === undefined) throw new UsageError('--server HOST[:PORT] or a smtp://, smtps://, lmtp:// URL is required');
  const session = await openSession(ctx, parseServer(opts.server), opts);
  const out: Array<VerifyRecord & { lines: string[] }> = [];
  if (session.stopped) return out;
  const { replyText } = await import('../../protocols/smtp/errors.js');
  try {
    for (const address of operands) {
      const r = verb === 'verify' ? await session.client.verify(address) : await session.client.expn(address);
      out.push({ address, smtp_code: r.code, smtp_error: replyText(r.msg), lines: r.msg.toString('latin1').split('\n') });
    }
    await quietQuit(session.client);
  } finally {
    session.client.close();
  }
  return out;
}

/** 0 when every reply is 2xx, 5 when none is, 7 when some are. */
export function lookupExit(records: VerifyRecord[]): number {
  const ok = records.filter((r) => r.smtp_code >= 200 && r.smtp_code <= 299).length;
  return ok === records.length ? EXIT.OK : ok === 0 ? EXIT.REFUSED : EXIT.PARTIAL;
}

export function renderVerify(records: VerifyRecord[]): string {
  return records.map((r) => `${r.address} ${r.smtp_code} ${r.smtp_error}\n`).join('');
}

export function makeVerifyCommand(ctx: Context): Command {
  const cmd = new Command('verify')
    .description("ask the server about addresses with VRFY, as smtplib's verify() (many servers answer 252: cannot verify)")
    .argument('<ADDR...>', 'the addresses (a display name is dropped: Bob <bob@x> asks for bob@x)');
  addConnectionOptions(cmd, true);
  cmd.action(async (addrs: string[], opts: SessionOptions) => {
    const records = (await runLookups(ctx, opts, addrs, 'verify')).map(({ lines: _lines, ...r }) => r);
    ctx.out.result(records, renderVerify);
    ctx.exitCode = lookupExit(records);
  });
  return withExamples(cmd, ['netkit smtp verify --server mail.example.com postmaster root', 'netkit smtp verify --server localhost:8025 --json bob@example.com']);
}
