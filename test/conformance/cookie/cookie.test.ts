// SimpleCookie parsing and Morsel output compared byte for byte with CPython 3.11's
// http.cookies on the fixtures generate.py writes (fixtures/cookie-*.json).
import { readFileSync } from 'node:fs';
import { conformance, errorOutcome } from '../conformance.js';
import { SimpleCookie, makeCookie, type AttributeValue } from '../../../src/protocols/cookies/index.js';

interface Doc<C> {
  now: number;
  cases: C[];
}

interface ParseCase {
  tag: string;
  header: string;
  cookies?: unknown;
  output?: string;
  error?: unknown;
}

interface MakeCase {
  tag: string;
  key: string;
  value: string;
  attributes: [string, AttributeValue][];
  attrs: string[] | null;
  coded_value?: string;
  output?: string;
  js_output?: string;
  jar_output?: string;
  error?: unknown;
}

function load<C>(name: string): Doc<C> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Doc<C>;
}

const parse = load<ParseCase>('cookie-parse.json');
conformance('SimpleCookie(header)', parse.cases, (c) => {
  const expected = c.error !== undefined ? { error: c.error } : { cookies: c.cookies, output: c.output };
  let actual: unknown;
  try {
    const jar = new SimpleCookie();
    jar.load(c.header);
    actual = {
      cookies: jar.morsels.map((m) => ({ key: m.key, value: m.value, coded_value: m.coded_value, attributes: Object.fromEntries(m.attributes()) })),
      output: jar.output(),
    };
  } catch (err) {
    actual = errorOutcome(err);
  }
  return { input: c.header, expected, actual };
});

const make = load<MakeCase>('cookie-make.json');
conformance('Morsel output', make.cases, (c) => {
  const { tag: _tag, key: _key, value: _value, attributes: _attributes, attrs: _attrs, ...expected } = c;
  const attrs = c.attrs ?? undefined;
  let actual: unknown;
  try {
    const jar = new SimpleCookie();
    jar.now = make.now;
    const m = jar.set(c.key, c.value);
    for (const [name, v] of c.attributes) m.setAttribute(name, v);
    actual = { coded_value: m.coded_value, output: m.output(attrs), js_output: m.js_output(attrs), jar_output: jar.output(attrs) };
  } catch (err) {
    actual = errorOutcome(err);
  }
  return { input: [c.key, c.value, c.attributes, c.attrs], expected, actual };
});

conformance('makeCookie', make.cases.filter((c) => c.error === undefined), (c) => {
  const m = makeCookie(c.key, c.value, {}, make.now);
  for (const [name, v] of c.attributes) m.setAttribute(name, v);
  return { input: c.key, expected: c.output, actual: m.output(c.attrs ?? undefined) };
});
