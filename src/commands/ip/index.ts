// `netkit ip`: Python's ipaddress from the shell (info, subnet, supernet, hosts, summarize,
// collapse, exclude, contains, overlaps, subnet-of, supernet-of, sort, grep).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { addVerbs, withExamples } from '../../cli/command.js';
import { makeInfoCommand } from './info.js';
import { makeSubnetCommand } from './subnet.js';
import { makeSupernetCommand } from './supernet.js';
import { makeHostsCommand } from './hosts.js';
import { makeSummarizeCommand } from './summarize.js';
import { makeCollapseCommand } from './collapse.js';
import { makeExcludeCommand } from './exclude.js';
import { makeContainsCommand } from './contains.js';
import { makeRelationCommands } from './relations.js';
import { makeSortCommand } from './sort.js';
import { makeGrepCommand } from './grep.js';

export function make(ctx: Context, verb?: string): Command {
  const cmd = addVerbs(new Command('ip'), ctx, [
    ['info', makeInfoCommand],
    ['subnet', makeSubnetCommand],
    ['supernet', makeSupernetCommand],
    ['hosts', makeHostsCommand],
    ['summarize', makeSummarizeCommand],
    ['collapse', makeCollapseCommand],
    ['exclude', makeExcludeCommand],
    ['contains', makeContainsCommand],
    [['overlaps', 'subnet-of', 'supernet-of'], makeRelationCommands],
    ['sort', makeSortCommand],
    ['grep', makeGrepCommand],
  ], verb);
  return withExamples(cmd, ['netkit ip info 192.168.1.10/24 --interface', 'netkit ip collapse < addresses.txt', 'netkit ip contains 10.0.0.0/8 10.1.2.3']);
}
