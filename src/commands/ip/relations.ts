// `netkit ip overlaps|subnet-of|supernet-of A B`: Python's network relations as predicates:
// True prints "True" and exits 0, False prints "False" and exits 1. Three verbs of one shape.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { ipNetwork, type IPNetwork } from '../../protocols/ip/network.js';

export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}

interface Relation {
  name: string;
  python: string;
  test: (a: IPNetwork, b: IPNetwork) => boolean;
  examples: string[];
}

const RELATIONS: Relation[] = [
  {
    name: 'overlaps',
    python: 'A.overlaps(B)',
    test: (a, b) => a.overlaps(b),
    examples: ['netkit ip overlaps 10.0.0.0/8 10.1.0.0/16', 'netkit ip overlaps 192.168.0.0/24 192.168.1.0/24 || echo disjoint'],
  },
  {
    name: 'subnet-of',
    python: 'A.subnet_of(B)',
    test: (a, b) => a.subnet_of(b),
    examples: ['netkit ip subnet-of 10.1.0.0/16 10.0.0.0/8', 'netkit ip subnet-of 2001:db8:1::/48 2001:db8::/32 --json'],
  },
  {
    name: 'supernet-of',
    python: 'A.supernet_of(B)',
    test: (a, b) => a.supernet_of(b),
    examples: ['netkit ip supernet-of 10.0.0.0/8 10.1.0.0/16'],
  },
];

export interface RelationRecord {
  a: string;
  b: string;
  relation: string;
  result: boolean;
}

function makeRelation(ctx: Context, r: Relation): Command {
  const cmd = new Command(r.name)
    .description(`${r.python}: prints True (exit 0) or False (exit 1)`)
    .argument('<A>', 'a network')
    .argument('<B>', 'a network')
    .option('--no-strict', 'ip_network(strict=False): allow host bits')
    .action((a: string, b: string, opts: { strict: boolean }) => {
      const result = r.test(ipNetwork(a, opts.strict), ipNetwork(b, opts.strict));
      ctx.out.result<RelationRecord>({ a, b, relation: r.name.replace('-', '_'), result }, (x) => pyBool(x.result) + '\n');
      ctx.exitCode = result ? 0 : 1;
    });
  return withExamples(cmd, r.examples);
}

export function makeRelationCommands(ctx: Context): Command[] {
  return RELATIONS.map((r) => makeRelation(ctx, r));
}
