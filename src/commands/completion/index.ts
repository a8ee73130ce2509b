// `netkit completion bash|zsh|fish`: completion scripts generated from the command tree.
import { Command, Argument } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { buildProgram } from '../../cli/main.js';
import { ALL_NOUNS } from '../../cli/registry.js';
import { bashScript, fishScript, zshScript, walk } from './scripts.js';

const EXAMPLES = [
  'netkit completion bash > /etc/bash_completion.d/netkit',
  'netkit completion zsh > "${fpath[1]}/_netkit"',
  'netkit completion fish > ~/.config/fish/completions/netkit.fish',
];

export function make(ctx: Context): Command {
  const cmd = new Command('completion')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      const tree = walk(await buildProgram(ctx, ALL_NOUNS));
      ctx.out.write(shell === 'bash' ? bashScript(tree) : shell === 'zsh' ? zshScript(tree) : fishScript(tree));
    });
  return withExamples(cmd, EXAMPLES);
}
