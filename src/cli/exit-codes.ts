// The exit-code table (DESIGN.md §4): the one place that says what each code means.
import { NetkitError, type ErrorKind } from '../protocols/core/errors.js';

export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  NETWORK: 3,
  AUTH: 4,
  REFUSED: 5,
  TLS: 6,
  PARTIAL: 7,
  INTERRUPTED: 130,
} as const;

/** Rows for man pages and help: code and meaning. */
export const EXIT_TABLE: ReadonlyArray<readonly [number, string]> = [
  [EXIT.OK, 'success; for predicates "true"'],
  [EXIT.FAILURE, 'failure, or predicate "false"; in batch mode, some input line failed'],
  [EXIT.USAGE, 'usage error (bad flags or arguments)'],
  [EXIT.NETWORK, 'network: name resolution, connection refused, timeout, connection lost'],
  [EXIT.AUTH, 'authentication failed'],
  [EXIT.REFUSED, 'the server refused the request (4xx/5xx reply, HTTP error status)'],
  [EXIT.TLS, 'TLS: handshake or certificate verification failed, STARTTLS unavailable'],
  [EXIT.PARTIAL, 'partial success (some recipients refused, some files failed)'],
  [EXIT.INTERRUPTED, 'interrupted (Ctrl-C)'],
];

const BY_KIND: Record<ErrorKind, number> = {
  failure: EXIT.FAILURE,
  usage: EXIT.USAGE,
  network: EXIT.NETWORK,
  auth: EXIT.AUTH,
  refused: EXIT.REFUSED,
  tls: EXIT.TLS,
  partial: EXIT.PARTIAL,
};

export function exitCodeFor(kind: ErrorKind): number {
  return BY_KIND[kind];
}

/** The exit code an error ends a command with: its kind's, or 1 for an unexpected error. */
export function exitCodeOf(err: unknown): number {
  return err instanceof NetkitError ? BY_KIND[err.kind] : EXIT.FAILURE;
}
