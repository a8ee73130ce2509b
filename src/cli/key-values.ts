// The human form of a record: `key: value` lines in the record's order, every field
// printed (None when empty, Python's True/False), then a blank line between records.
import type { Style } from './output.js';

/** Python's spelling of a value: True/False, None, a list as comma-separated text. */
export function pyValue(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export function renderKeyValues(record: object, style: Style): string {
  let text = '';
  for (const [key, value] of Object.entries(record)) text += `${style.bold(key)}: ${pyValue(value)}\n`;
  return text + '\n';
}
