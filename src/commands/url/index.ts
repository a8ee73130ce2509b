// `netkit url`: Python's urllib.parse (parse, split, get, unsplit, unparse, join, defrag,
// quote, unquote, encode, decode) and urllib.request's urlopen and urlretrieve (open, retrieve).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { makeParseCommand } from './parse.js';
import { makeSplitCommand } from './split.js';
import { makeGetCommand } from './get.js';
import { makeUnparseCommand, makeUnsplitCommand } from './unsplit.js';
import { makeJoinCommand } from './join.js';
import { makeDefragCommand } from './defrag.js';
import { makeQuoteCommand, makeUnquoteCommand } from './quote.js';
import { makeEncodeCommand } from './encode.js';
import { makeDecodeCommand } from './decode.js';
import { makeOpenCommand } from './open.js';
import { makeRetrieveCommand } from './retrieve.js';

export function make(ctx: Context): Command {
  const cmd = new Command('url');
  for (const verb of [
    makeParseCommand(ctx),
    makeSplitCommand(ctx),
    makeGetCommand(ctx),
    makeUnsplitCommand(ctx),
    makeUnparseCommand(ctx),
    makeJoinCommand(ctx),
    makeDefragCommand(ctx),
    makeQuoteCommand(ctx),
    makeUnquoteCommand(ctx),
    makeEncodeCommand(ctx),
    makeDecodeCommand(ctx),
    makeOpenCommand(ctx),
    makeRetrieveCommand(ctx),
  ]) {
    cmd.addCommand(verb);
  }
  return withExamples(cmd, ["netkit url parse 'https://example.com:8080/a?b=c'", 'netkit url get hostname < urls.txt', "netkit url quote 'a b'"]);
}
