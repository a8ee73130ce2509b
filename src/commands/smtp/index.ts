// `netkit smtp`: smtplib from the shell — send, probe, verify (VRFY), expn (EXPN).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeSendCommand } from './send.js';
import { makeProbeCommand } from './probe.js';
import { makeVerifyCommand } from './verify.js';
import { makeExpnCommand } from './expn.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(
    new Command('smtp'),
    ctx,
    [
      ['send', makeSendCommand],
      ['probe', makeProbeCommand],
      ['verify', makeVerifyCommand],
      ['expn', makeExpnCommand],
    ],
    verb,
  );
  return withExamples(cmd, [
    'netkit smtp send --server localhost:8025 --from a@example.com --to b@example.com --subject hi --body hello',
    'netkit smtp probe mail.example.com --json',
    'netkit smtp verify --server mail.example.com postmaster',
  ]);
}
