// --cacert FILE and -k/--insecure (DESIGN.md §4, TLS) for every verb that opens TLS
// connections: one definition of the two options and of what they hand the engines — the
// CA bytes added to the system store, and verification off with a warning on stderr.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Context } from './context.js';

/** The parsed flags, as commander names them. */
export interface TLSFlags {
  cacert?: string;
  insecure: boolean;
}

/** What an engine takes (urlopen's and the TLS transport's `ca` and `insecure`). */
export interface TLSSettings {
  ca?: Buffer;
  insecure: boolean;
}

/** Adds --cacert FILE and -k/--insecure to `cmd`. */
export function addTLSOptions(cmd: Command): Command {
  return cmd
    .option('--cacert <FILE>', 'also trust the CA certificates in FILE (PEM)')
    .option('-k, --insecure', 'do not verify the TLS certificate (loudly)', false);
}

/** Reads --cacert (Python's OSError when it cannot) and warns once about -k. */
export async function tlsSettings(ctx: Context, flags: TLSFlags): Promise<TLSSettings> {
  if (flags.insecure) ctx.out.warn('TLS certificate verification is OFF (-k/--insecure): anyone on the path can read and change this connection');
  if (flags.cacert === undefined) return { insecure: flags.insecure };
  try {
    // fs/promises (and files.ts, which uses it) load only here: a verb that registers
    // these options must not pull them into every start-up.
    const { readFile } = await import('node:fs/promises');
    return { ca: await readFile(resolve(ctx.io.cwd, flags.cacert)), insecure: flags.insecure };
  } catch (err) {
    const { FileError } = await import('./files.js');
    throw new FileError(err, flags.cacert);
  }
}
