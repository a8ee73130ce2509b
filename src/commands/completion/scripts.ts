// Shell completion scripts for bash, zsh and fish, written from a walk of the command tree.
import type { Command } from 'commander';

export interface CommandNode {
  /** Words after "netkit", e.g. ["uuid", "parse"]. */
  path: string[];
  description: string;
  options: Array<{ flags: string[]; description: string; takesValue: boolean }>;
  children: string[];
}

/** Every command of the tree, root first. */
export function walk(cmd: Command, path: string[] = []): CommandNode[] {
  const visible = cmd.commands.filter((c) => c.name() !== 'help');
  const node: CommandNode = {
    path,
    description: cmd.description(),
    options: cmd.options.map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => !!f),
      description: o.description,
      takesValue: o.required || o.optional,
    })),
    children: visible.map((c) => c.name()),
  };
  return [node, ...visible.flatMap((c) => walk(c, [...path, c.name()]))];
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function bashScript(tree: CommandNode[]): string {
  const cases = tree
    .map((n) => {
      const words = [...n.children, ...n.options.flatMap((o) => o.flags)].join(' ');
      return `    ${quote(n.path.join(' '))}) words=${quote(words)} ;;`;
    })
    .join('\n');
  return `# bash completion for netkit
_netkit() {
  local cur path="" candidate i words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *)
      if [[ -z "$path" ]]; then candidate="\${COMP_WORDS[i]}"; else candidate="$path \${COMP_WORDS[i]}"; fi
      case "$candidate" in
${tree.map((n) => `        ${quote(n.path.join(' '))}) path="$candidate" ;;`).join('\n')}
      esac ;;
    esac
  done
  case "$path" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _netkit netkit
`;
}

export function zshScript(tree: CommandNode[]): string {
  const cases = tree
    .map((n) => {
      const items = [
        ...n.children.map((c) => {
          const child = tree.find((t) => t.path.join(' ') === [...n.path, c].join(' '));
          return quote(`${c}:${(child?.description ?? '').replace(/:/g, '\\:')}`);
        }),
        ...n.options.flatMap((o) => o.flags.map((f) => quote(`${f}:${o.description.replace(/:/g, '\\:')}`))),
      ];
      return `    ${quote(n.path.join(' '))}) items=(${items.join(' ')}) ;;`;
    })
    .join('\n');
  return `#compdef netkit
# zsh completion for netkit
_netkit() {
  local path="" candidate w
  local -a items
  for w in \${words[2,CURRENT-1]}; do
    [[ $w == -* ]] && continue
    if [[ -z $path ]]; then candidate=$w; else candidate="$path $w"; fi
    case $candidate in
${tree.map((n) => `      ${quote(n.path.join(' '))}) path=$candidate ;;`).join('\n')}
    esac
  done
  case $path in
${cases}
  esac
  _describe 'netkit' items
}
compdef _netkit netkit
`;
}

export function fishScript(tree: CommandNode[]): string {
  const lines = ['# fish completion for netkit', 'complete -c netkit -f'];
  for (const n of tree) {
    const cond = n.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${n.path[n.path.length - 1]}`;
    for (const child of n.children) {
      const c = tree.find((t) => t.path.join(' ') === [...n.path, child].join(' '));
      lines.push(`complete -c netkit -n ${quote(cond)} -a ${quote(child)} -d ${quote(c?.description ?? '')}`);
    }
    for (const o of n.options) {
      const parts = o.flags.map((f) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`)).join(' ');
      lines.push(`complete -c netkit -n ${quote(cond)} ${parts}${o.takesValue ? ' -r' : ''} -d ${quote(o.description)}`);
    }
  }
  return lines.join('\n') + '\n';
}
