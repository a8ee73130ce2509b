// uuid.UUID(text) against CPython 3.11 (fixtures/uuid-parse.json): every attribute of the
// accepted forms, and Python's exception for malformed and hostile text; also that the
// `netkit uuid parse --json` record (toRecord) carries the same values.
import { parseUUID, type UUID } from '../../src/protocols/uuid/uuid.js';
import { toRecord } from '../../src/commands/uuid/record.js';
import { conformance, errorOutcome, loadFixture, type Fixture } from './conformance.js';

export interface PyUUIDRecord {
  str: string;
  hex: string;
  int: string;
  urn: string;
  version: number | null;
  variant: string;
  fields: number[];
  time_low: number;
  time_mid: number;
  time_hi_version: number;
  clock_seq_hi_variant: number;
  clock_seq_low: number;
  node: number;
  time: string;
  clock_seq: number;
  bytes_le: string;
}

export interface ParseCase {
  tag: string;
  input: string;
  ok?: PyUUIDRecord;
  error?: { type: string; message: string };
}

/** Python's attributes of a UUID, in the fixture's key order. */
function attributes(u: UUID): PyUUIDRecord {
  return {
    str: u.toString(),
    hex: u.hex,
    int: u.int.toString(),
    urn: u.urn,
    version: u.version,
    variant: u.variant,
    fields: [...u.fields],
    time_low: u.time_low,
    time_mid: u.time_mid,
    time_hi_version: u.time_hi_version,
    clock_seq_hi_variant: u.clock_seq_hi_variant,
    clock_seq_low: u.clock_seq_low,
    node: u.node,
    time: u.time.toString(),
    clock_seq: u.clock_seq,
    bytes_le: u.bytes_le,
  };
}

/** A toRecord() record in the fixture's shape: "uuid" is Python's str(), no timestamp. */
function fromRecord(u: UUID): PyUUIDRecord {
  const { uuid, timestamp: _timestamp, ...rest } = toRecord(u);
  return { str: uuid, ...rest };
}

const fixture = loadFixture<Fixture<ParseCase>>('uuid-parse.json');

function outcome(c: ParseCase, view: (u: UUID) => PyUUIDRecord): unknown {
  try {
    return { ok: view(parseUUID(c.input)) };
  } catch (err) {
    return errorOutcome(err);
  }
}

const expected = (c: ParseCase): unknown => (c.ok ? { ok: c.ok } : { error: c.error });

conformance('parseUUID', fixture.cases, (c) => ({ input: c.input, expected: expected(c), actual: outcome(c, attributes) }));

conformance(
  'toRecord(parseUUID)',
  fixture.cases.filter((c) => c.ok),
  (c) => ({ input: c.input, expected: expected(c), actual: outcome(c, fromRecord) }),
);
