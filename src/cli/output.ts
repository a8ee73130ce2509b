// The one output layer: results to stdout (human, JSON document, or NDJSON records),
// status, warnings and errors to stderr, spinners only on an interactive stderr.
import type { IO } from './io.js';
import { BufferedWriter } from './writer.js';
import { NetkitError } from '../protocols/core/errors.js';
import { loadChalk, loadOra } from './lazy-libs.js';

export interface OutputFlags {
  json: boolean;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  debug: boolean;
}

/** Turns a value into its human form: complete lines, each ending in "\n". */
export type Render<T> = (value: T, style: Style) => string;

/** Colour helpers; identity functions when colour is off. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const PLAIN: Style = {
  bold: (t) => t,
  dim: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  red: (t) => t,
  cyan: (t) => t,
};

/** The JSON shape of an error (DESIGN.md §4). */
export interface ErrorJSON {
  type: string;
  python?: string;
  code?: string;
  message: string;
}

export function errorToJSON(err: unknown): ErrorJSON {
  if (err instanceof NetkitError) {
    // Key order as DESIGN.md §4 shows it: type, python, code, message.
    return err.python
      ? { type: err.name, python: err.python, code: err.code, message: err.message }
      : { type: err.name, code: err.code, message: err.message };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: 'Error', message: e.message };
}

export class Output {
  readonly stdout: BufferedWriter;
  readonly stderr: BufferedWriter;
  private style: Style = PLAIN;

  constructor(
    private readonly io: IO,
    readonly flags: OutputFlags,
    /** "http status": the words after "netkit" in error lines. */
    public commandPath = '',
  ) {
    this.stdout = new BufferedWriter(() => io.stdout, undefined, io.directStdout === true, io.fds?.stdout);
    this.stderr = new BufferedWriter(() => io.stderr, 0, false, io.fds?.stderr);
  }

  /** Colour is used for human output on a terminal, unless --no-color or NO_COLOR. */
  get colorful(): boolean {
    return this.flags.color && !this.flags.json && this.stdout.isTTY;
  }

  /** Loads chalk when colour will be shown; call before rendering coloured output. */
  async useColors(): Promise<void> {
    if (!this.colorful) return;
    const { Chalk } = await loadChalk();
    const chalk = new Chalk({ level: 1 });
    this.style = {
      bold: (t) => chalk.bold(t),
      dim: (t) => chalk.dim(t),
      green: (t) => chalk.green(t),
      yellow: (t) => chalk.yellow(t),
      red: (t) => chalk.red(t),
      cyan: (t) => chalk.cyan(t),
    };
  }

  /** The single result of a command: a JSON document under --json, else its human form. */
  result<T>(value: T, render: Render<T>): void {
    if (this.flags.json) this.stdout.write(JSON.stringify(value, null, 2) + '\n');
    else this.stdout.write(render(value, this.style));
  }

  /**
   * One result in a stream: an NDJSON line under --json, else its human form. `serialize`
   * turns the value into its JSON text when that is not JSON.stringify(value) itself.
   */
  record<T>(value: T, render: Render<T>, serialize: (value: T) => string = JSON.stringify): void {
    if (this.flags.json) this.stdout.write(serialize(value) + '\n');
    else this.stdout.write(render(value, this.style));
  }

  /** A failed item of a stream: an error record on stdout under --json, else a line on stderr. */
  recordError(input: string, err: unknown): void {
    if (this.flags.json) this.stdout.write(JSON.stringify({ input, error: errorToJSON(err) }) + '\n');
    else this.error(errorMessage(err));
  }

  /**
   * An error on stderr as main() reports one: the JSON error object under --json, else the
   * error line. For commands that report a failed item and go on (several URLs).
   */
  reportError(err: unknown): void {
    if (this.flags.json) this.stderr.write(JSON.stringify({ error: errorToJSON(err) }) + '\n');
    else this.error(errorMessage(err));
  }

  /** Raw text or bytes to stdout (already formatted). */
  write(data: string | Uint8Array): void {
    this.stdout.write(data);
  }

  /** Progress and notices; silenced by --quiet. */
  status(message: string): void {
    if (!this.flags.quiet) this.stderr.write(message + '\n');
  }

  /** Details shown with --verbose. */
  info(message: string): void {
    if (this.flags.verbose && !this.flags.quiet) this.stderr.write(message + '\n');
  }

  /** Protocol traces shown with --debug (already redacted by the engine). */
  debug(message: string): void {
    if (this.flags.debug) this.stderr.write(message + '\n');
  }

  warn(message: string): void {
    if (!this.flags.quiet) this.stderr.write(this.prefix() + 'warning: ' + message + '\n');
  }

  /** One error line: `netkit: <noun> <verb>: <message>`. */
  error(message: string): void {
    this.stderr.write(this.prefix() + message + '\n');
  }

  /** Shows an ora spinner while `work` runs, only on an interactive stderr. */
  async spin<T>(label: string, work: Promise<T>): Promise<T> {
    const f = this.flags;
    if (!this.io.stderr.isTTY || f.json || f.quiet || f.debug) return work;
    const { default: ora } = await loadOra();
    const spinner = ora({ text: label, stream: this.io.stderr, color: 'cyan', isEnabled: f.color }).start();
    try {
      const value = await work;
      spinner.stop();
      return value;
    } catch (err) {
      spinner.stop();
      throw err;
    }
  }

  async flush(): Promise<void> {
    await Promise.all([this.stdout.flush(), this.stderr.flush()]);
  }

  private prefix(): string {
    return this.commandPath ? `netkit: ${this.commandPath}: ` : 'netkit: ';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof NetkitError && err.named) return `${err.name}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
