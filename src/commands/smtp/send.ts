// `netkit smtp send`: smtplib's sendmail()/send_message() from the shell — raw messages
// (--message FILE|-, several over one connection) or one composed from --from/--to/...,
// per-recipient results, exit 5 when all are refused and 7 when some are.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { QUIT_AFTER, addConnectionOptions, type SessionOptions } from './session.js';

export interface SendOptions extends SessionOptions {
  message: string[];
  from?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo?: string;
  subject?: string;
  body?: string;
  bodyFile?: string;
  html?: string;
  attach: string[];
  header: string[];
  mailFrom?: string;
  rcpt: string[];
  dryRun: boolean;
  pipelining: boolean;
}

const collect = (v: string, p: string[]): string[] => [...p, v];
/** A header as --header takes it: 'Name: value'. */
const HEADER = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/s;

function parseHeader(value: string, previous: string[]): string[] {
  if (!HEADER.test(value)) throw new UsageError(`--header wants 'Name: value', got '${value}'`);
  return [...previous, value];
}

export function makeSendCommand(ctx: Context): Command {
  const cmd = new Command('send')
    .description("send mail as smtplib's sendmail()/send_message() do: a raw message (or several, over one connection) or one composed from options")
    .option('-m, --message <FILE|->', 'a raw RFC 5322 message (line ends made CRLF); repeatable: all go over one connection', collect, [])
    .option('--from <ADDR>', 'composed message: the From header (and MAIL FROM)')
    .option('--to <ADDR>', 'composed message: a To address (repeatable; commas separate several)', collect, [])
    .option('--cc <ADDR>', 'composed message: a Cc address (repeatable)', collect, [])
    .option('--bcc <ADDR>', 'composed message: a Bcc address: a recipient, never in the headers (repeatable)', collect, [])
    .option('--reply-to <ADDR>', 'composed message: the Reply-To header')
    .option('--subject <TEXT>', 'composed message: the Subject header')
    .option('--body <TEXT>', 'composed message: the text body')
    .option('--body-file <FILE>', 'composed message: the text body from FILE (- for standard input)')
    .option('--html <FILE>', 'composed message: an HTML alternative from FILE')
    .option('--attach <FILE>', 'composed message: attach FILE (repeatable)', collect, [])
    .option('-H, --header <LINE>', "composed message: an extra header 'Name: value' (repeatable)", parseHeader, [])
    .option('--mail-from <ADDR>', 'the envelope sender (MAIL FROM) instead of the one the headers give; <> for none')
    .option('--rcpt <ADDR>', 'an envelope recipient (RCPT TO) instead of To/Cc/Bcc (repeatable)', collect, [])
    .option('--no-pipelining', 'with several messages, send one command at a time as smtplib does even when the server offers PIPELINING')
    .option('-n, --dry-run', 'print the envelope and the message; do not connect', false)
    .addOption(new Option('--quit-after <STEP>', 'stop after this step and QUIT (as swaks)').choices(QUIT_AFTER));
  addConnectionOptions(cmd, true);
  cmd.action(async (opts: SendOptions) => {
    const { runSend, renderSend, finishSend } = await import('./send-run.js');
    const result = await runSend(ctx, opts);
    ctx.out.result(result, renderSend);
    finishSend(ctx, result);
  });
  return withExamples(cmd, [
    'netkit smtp send --server mail.example.com:587 --starttls -u alice --password-file pw --from alice@example.com --to bob@example.com --subject hi --body "Hello Bob"',
    'netkit smtp send --server smtp://localhost:8025 --message mail.eml',
    'netkit smtp send --server smtps://mail.example.com --netrc -m a.eml -m b.eml --json',
    'netkit smtp send --dry-run --from a@example.com --to b@example.com --subject test --attach report.pdf',
    'netkit smtp send --server mx.example.com --mail-from a@example.com --rcpt b@example.com --quit-after rcpt --debug',
  ]);
}
