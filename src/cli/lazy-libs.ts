// The heavy CLI libraries, loaded only when a command shows colour, a spinner or a prompt.
// Under bin/netkit the bundle runs inside vm.Script (for V8's code cache), where import()
// is unavailable on Node 20, so the launcher passes its own `__netkitImport`; the
// single-file executable and the tests use the bundled or plain import().
declare const __netkitImport: ((id: string) => Promise<unknown>) | undefined;

function load<T>(id: string, direct: () => Promise<T>): Promise<T> {
  return typeof __netkitImport === 'function' ? (__netkitImport(id) as Promise<T>) : direct();
}

export const loadChalk = (): Promise<typeof import('chalk')> => load('chalk', () => import('chalk'));
export const loadOra = (): Promise<typeof import('ora')> => load('ora', () => import('ora'));
export const loadPrompts = (): Promise<typeof import('@inquirer/prompts')> => load('@inquirer/prompts', () => import('@inquirer/prompts'));
