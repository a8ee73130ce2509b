// Shared by the conformance tests: fixture loading, and the comparison of netkit's answer
// with Python's for a whole family of cases at once (one node:test test per fixture tag).
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';

export interface Tagged {
  tag: string;
}

export interface Fixture<C> {
  about: string;
  python: string;
  unicode: string;
  seed: number;
  cases: C[];
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Python's outcome shape: `{ error: { type, message } }` for what netkit throws. */
export function errorOutcome(err: unknown): { error: { type: string; message: string } } {
  if (err instanceof Error) return { error: { type: err.name, message: err.message } };
  return { error: { type: typeof err, message: String(err) } };
}

/** A case's expected answer without its bookkeeping keys, in fixture key order. */
export function without<C extends object>(c: C, ...keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (!keys.includes(k)) out[k] = v;
  return out;
}

function groups<C extends Tagged>(cases: readonly C[]): Map<string, C[]> {
  const byTag = new Map<string, C[]>();
  for (const c of cases) {
    const list = byTag.get(c.tag) ?? [];
    list.push(c);
    byTag.set(c.tag, list);
  }
  return byTag;
}

const SHOWN = 12;

/** JSON with every code point outside printable ASCII escaped (\\u{1f600}), so odd spaces show. */
export function show(value: unknown): string {
  let text = '';
  for (const ch of String(JSON.stringify(value))) {
    const cp = ch.codePointAt(0)!;
    text += cp >= 0x20 && cp <= 0x7e ? ch : cp <= 0xffff ? '\\u' + cp.toString(16).padStart(4, '0') : `\\u{${cp.toString(16)}}`;
  }
  return text.length > 400 ? text.slice(0, 400) + `... (${text.length} characters)` : text;
}

/**
 * One test per tag: `run` gives netkit's answer and Python's expected answer for a case;
 * both are compared as JSON text (key order included). A failure lists the first cases
 * that differ with the input, Python's answer and netkit's.
 */
export function conformance<C extends Tagged>(
  title: string,
  cases: readonly C[],
  run: (c: C) => { input: unknown; expected: unknown; actual: unknown; note?: string },
): void {
  for (const [tag, list] of groups(cases)) {
    test(`${title} [${tag}] ${list.length} cases`, () => {
      const bad: string[] = [];
      for (const c of list) {
        const { input, expected, actual, note } = run(c);
        if (JSON.stringify(expected) !== JSON.stringify(actual)) {
          bad.push(`  input:  ${show(input)}${note ? ` (${note})` : ''}\n  python: ${show(expected)}\n  netkit: ${show(actual)}`);
        }
      }
      if (bad.length > 0) {
        assert.fail(`${bad.length} of ${list.length} cases differ from Python ${'3.11'}:\n${bad.slice(0, SHOWN).join('\n\n')}${bad.length > SHOWN ? `\n  ... and ${bad.length - SHOWN} more` : ''}`);
      }
    });
  }
}
