// Interactive prompts (inquirer), only when a person is there: stdin and stderr are
// terminals and --no-input was not given. Otherwise asking is an error the caller names.
import type { IO } from './io.js';
import { UsageError } from './errors.js';
import { loadPrompts } from './lazy-libs.js';

export class Prompter {
  constructor(
    private readonly io: IO,
    private readonly flags: { input: boolean },
  ) {}

  /** True when a prompt may be shown. */
  get interactive(): boolean {
    return this.flags.input && this.io.stdin.isTTY === true && this.io.stderr.isTTY === true && !this.io.env.CI;
  }

  /** Asks for a secret without echo; `what` names it in the error when nobody can answer. */
  async password(message: string, what: string): Promise<string> {
    this.require(what);
    const { password } = await loadPrompts();
    return password({ message, mask: false }, { input: this.io.stdin, output: this.io.stderr });
  }

  async confirm(message: string, what: string, fallback?: boolean): Promise<boolean> {
    if (!this.interactive && fallback !== undefined) return fallback;
    this.require(what);
    const { confirm } = await loadPrompts();
    return confirm({ message }, { input: this.io.stdin, output: this.io.stderr });
  }

  private require(what: string): void {
    if (!this.interactive) {
      throw new UsageError(`${what} is needed and there is no terminal to ask on (--no-input or not a TTY)`);
    }
  }
}
