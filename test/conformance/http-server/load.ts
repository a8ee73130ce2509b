// Fixture loading and outcome shapes shared by the http-server conformance tests.
import { readFileSync } from 'node:fs';

export function load<C>(name: string): C[] {
  return (JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as { cases: C[] }).cases;
}

/** The Python exception's type name for what netkit throws. */
export function errorName(f: () => unknown): unknown {
  try {
    return f();
  } catch (err) {
    return { error: (err as Error).name };
  }
}
