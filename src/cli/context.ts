// What every command receives: the IO, the global flags, the output layer and prompts.
import type { IO } from './io.js';
import { Output } from './output.js';
import { Prompter } from './prompts.js';

export interface GlobalFlags {
  json: boolean;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  debug: boolean;
  /** Seconds every network wait may take. */
  timeout: number;
  /** False under --no-input: never prompt. */
  input: boolean;
}

export const DEFAULT_FLAGS: GlobalFlags = {
  json: false,
  color: true,
  quiet: false,
  verbose: false,
  debug: false,
  timeout: 30,
  input: true,
};

export class Context {
  readonly flags: GlobalFlags;
  readonly out: Output;
  readonly prompt: Prompter;
  /** What the command asks main() to exit with when it returns normally (1: some item failed, or a predicate is false). */
  exitCode = 0;

  constructor(
    readonly io: IO,
    flags: Partial<GlobalFlags> = {},
  ) {
    this.flags = { ...DEFAULT_FLAGS, ...flags };
    if (io.env.NO_COLOR) this.flags.color = false;
    this.out = new Output(io, this.flags);
    this.prompt = new Prompter(io, this.flags);
  }

  /** Applies the flags parsed for the command about to run. */
  setFlags(flags: Partial<GlobalFlags>): void {
    Object.assign(this.flags, flags);
    if (this.io.env.NO_COLOR) this.flags.color = false;
  }
}
