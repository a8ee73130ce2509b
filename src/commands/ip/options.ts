// Option parsers shared by the ip verbs.
import { UsageError } from '../../cli/errors.js';

/** A non-negative integer option (a prefix length, a difference, a count). */
export function parsePrefixOption(flag: string): (value: string) => number {
  return (value) => {
    if (!/^\d{1,9}$/.test(value)) throw new UsageError(`${flag} wants a non-negative integer, got '${value}'`);
    return Number(value);
  };
}
