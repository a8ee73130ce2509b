// `netkit url`: Python's urllib.parse (parse, split, get, unsplit, unparse, join, defrag,
// quote, unquote, encode, decode) and urllib.request's urlopen and urlretrieve (open, retrieve).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
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

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(new Command('url'), ctx, [
    ['parse', makeParseCommand],
    ['split', makeSplitCommand],
    ['get', makeGetCommand],
    ['unsplit', makeUnsplitCommand],
    ['unparse', makeUnparseCommand],
    ['join', makeJoinCommand],
    ['defrag', makeDefragCommand],
    ['quote', makeQuoteCommand],
    ['unquote', makeUnquoteCommand],
    ['encode', makeEncodeCommand],
    ['decode', makeDecodeCommand],
    ['open', makeOpenCommand],
    ['retrieve', makeRetrieveCommand],
  ], verb);
  return withExamples(cmd, ["netkit url parse 'https://example.com:8080/a?b=c'", 'netkit url get hostname < urls.txt', "netkit url quote 'a b'"]);
}
