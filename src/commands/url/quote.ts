// `netkit url quote STRING ...` and `netkit url unquote STRING ...`: quote()/quote_plus()
// and unquote()/unquote_plus(), one result per line.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { quote, quotePlus, unquote, unquotePlus } from '../../protocols/url/index.js';

export interface QuoteOptions {
  safe?: string;
  plus: boolean;
  encoding: string;
  errors?: string;
}

interface Quoted {
  input: string;
  output: string;
}

const line = (r: Quoted): string => r.output + '\n';

export function makeQuoteCommand(ctx: Context): Command {
  const cmd = new Command('quote')
    .description("percent-encode strings as urllib.parse.quote() does (quote_plus() with --plus); stdin lines if none")
    .argument('[STRING...]', 'the strings')
    .option('--safe <CHARS>', "characters left as they are (default '/', or none with --plus)")
    .option('--plus', 'quote_plus(): spaces become "+"', false)
    .option('--encoding <E>', 'text encoding of the bytes to escape', 'utf-8')
    .option('--errors <E>', "encoding error handler (Python's errors=, default strict)")
    .action(async (strings: string[], opts: QuoteOptions) => {
      const q = (s: string): string =>
        opts.plus ? quotePlus(s, opts.safe ?? '', opts.encoding, opts.errors ?? 'strict') : quote(s, opts.safe ?? '/', opts.encoding, opts.errors ?? 'strict');
      const summary = await runBatch<Quoted>(ctx, strings, { operand: 'STRING', handle: (input) => ({ input, output: q(input) }), render: line });
      ctx.exitCode = summary.failed > 0 ? 1 : 0;
    });
  return withExamples(cmd, ["netkit url quote 'a b/c?d=é'", "netkit url quote --plus --safe '' 'a b/c'", 'netkit url quote --encoding latin-1 café']);
}

export function makeUnquoteCommand(ctx: Context): Command {
  const cmd = new Command('unquote')
    .description('decode percent-escapes as urllib.parse.unquote() does (unquote_plus() with --plus); stdin lines if none')
    .argument('[STRING...]', 'the strings')
    .option('--plus', 'unquote_plus(): "+" becomes a space', false)
    .option('--encoding <E>', 'text encoding of the escaped bytes', 'utf-8')
    .option('--errors <E>', "decoding error handler (Python's errors=, default replace)")
    .action(async (strings: string[], opts: QuoteOptions) => {
      const u = (s: string): string => (opts.plus ? unquotePlus : unquote)(s, opts.encoding, opts.errors ?? 'replace');
      const summary = await runBatch<Quoted>(ctx, strings, { operand: 'STRING', handle: (input) => ({ input, output: u(input) }), render: line });
      ctx.exitCode = summary.failed > 0 ? 1 : 0;
    });
  return withExamples(cmd, ["netkit url unquote 'a%20b%2Fc'", "netkit url unquote --plus 'q=a+b%26c'", 'netkit url unquote --encoding latin-1 caf%E9']);
}
