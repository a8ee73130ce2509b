// A cookie as a record: the Morsel's key, value and coded_value, then its attributes under
// Python's names ('max-age' included), with Python's values ('' when unset, true for a flag).
import { Morsel, type AttributeValue } from '../../protocols/cookies/index.js';

export type CookieRecord = { key: string | null; value: string | null; coded_value: string | null } & Record<string, AttributeValue>;

export function cookieRecord(m: Morsel): CookieRecord {
  const record: CookieRecord = { key: m.key, value: m.value, coded_value: m.coded_value };
  for (const [name, value] of m.attributes()) record[name] = value;
  return record;
}
