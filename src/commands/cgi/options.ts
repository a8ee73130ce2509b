// commander argParsers for the cgi verbs' numeric options.
import { InvalidArgumentError } from 'commander';

/** A whole number >= 0 (bytes, field counts). */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`number too large: '${value}'`);
  return n;
}

/** A shell variable prefix: a letter or underscore, then letters, digits, underscores. */
export function parsePrefix(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new InvalidArgumentError(`not a shell variable prefix: '${value}'`);
  return value;
}
