// Python's text rules against CPython 3.11 (fixtures/py-int.json): int(s, 10) and
// int(s, 16) (parsePyInt), repr(s) (pyRepr) and s.strip() (pyStrip).
import { parsePyInt, pyRepr, pyStrip } from '../../src/protocols/core/py-text.js';
import { conformance, errorOutcome, loadFixture, type Fixture } from './conformance.js';

interface IntCase {
  tag: string;
  s: string;
  int10: string | null;
  int16: string | null;
}

const fixture = loadFixture<
  Fixture<IntCase> & { repr: Array<{ tag: string; s: string; repr: string }>; strip: Array<{ tag: string; s: string; strip: string }> }
>('py-int.json');

function attempt(f: () => unknown): unknown {
  try {
    return f();
  } catch (err) {
    return errorOutcome(err);
  }
}

conformance('parsePyInt', fixture.cases, (c) => ({
  input: c.s,
  expected: { int10: c.int10, int16: c.int16 },
  actual: attempt(() => ({ int10: parsePyInt(c.s, 10)?.toString() ?? null, int16: parsePyInt(c.s, 16)?.toString() ?? null })),
}));

conformance('pyRepr', fixture.repr, (c) => ({ input: c.s, expected: c.repr, actual: attempt(() => pyRepr(c.s)) }));

conformance('pyStrip', fixture.strip, (c) => ({ input: c.s, expected: c.strip, actual: attempt(() => pyStrip(c.s)) }));
