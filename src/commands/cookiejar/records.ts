// A cookie as a record for output: Python's attribute names, the nonstandard attributes
// as `name=value` text in the human form, and with --url the policy's decision.
import { pyValue } from '../../cli/key-values.js';
import type { Cookie, CookieRecord, Decision, Refusal } from '../../protocols/cookiejar/index.js';

export type ListedCookie = CookieRecord & { sent?: boolean; refusal?: Refusal | null };

export function cookieRecord(cookie: Cookie, decision?: Decision): ListedCookie {
  const record: ListedCookie = cookie.toJSON();
  if (decision) {
    record.sent = decision.refusal === null;
    record.refusal = decision.refusal;
  }
  return record;
}

/** The record's human fields in order: rest as `k=v` pairs, a refusal as `code: message`. */
export function humanFields(r: ListedCookie): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(r)) {
    if (key === 'rest') out.rest = Object.entries(r.rest).map(([k, v]) => `${k}=${pyValue(v)}`);
    else if (key === 'refusal') out.refusal = r.refusal ? `${r.refusal.code}: ${r.refusal.message}` : null;
    else out[key] = value;
  }
  return out;
}
