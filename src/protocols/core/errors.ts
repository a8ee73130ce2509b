// Base error classes shared by every engine. Engines throw these; only src/cli/main.ts
// turns them into exit codes (through `kind`) and messages.

/** What went wrong, in the categories of the exit-code table (DESIGN.md §4). */
export type ErrorKind = 'failure' | 'usage' | 'network' | 'auth' | 'refused' | 'tls' | 'partial';

export interface NetkitErrorOptions {
  /** Stable machine-readable code, e.g. "ERR_BAD_UUID". */
  code?: string;
  /** The Python exception this mirrors, e.g. "ValueError" or "ftplib.error_perm". */
  python?: string;
  kind?: ErrorKind;
  cause?: unknown;
  /**
   * The one-line message leads with the class name ("SMTPRecipientsRefused: ..."), as
   * Python's traceback ends: for errors whose text alone does not say what failed.
   */
  named?: boolean;
}

/** Root of every error netkit throws on purpose. `name` is a literal so it survives minification. */
export class NetkitError extends Error {
  override name = 'NetkitError';
  readonly code: string;
  readonly python: string | undefined;
  readonly kind: ErrorKind;
  readonly named: boolean;

  constructor(message: string, options: NetkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'ERR_NETKIT';
    this.python = options.python;
    this.kind = options.kind ?? 'failure';
    this.named = options.named ?? false;
  }
}

/** Python's ValueError: the input is of the right type but has a bad value. */
export class PyValueError extends NetkitError {
  override name = 'ValueError';
  constructor(message: string, code = 'ERR_VALUE', kind?: NetkitError['kind']) {
    super(message, { code, python: 'ValueError', ...(kind ? { kind } : {}) });
  }
}

/** Python's TypeError: an operation got an object of the wrong kind (e.g. mixed IP versions). */
export class PyTypeError extends NetkitError {
  override name = 'TypeError';
  constructor(message: string, code = 'ERR_TYPE') {
    super(message, { code, python: 'TypeError' });
  }
}
