// The JSON record of one UUID: Python's attribute names and values (big integers as
// strings), plus an ISO 8601 timestamp; and its one-line human form.
import type { Style } from '../../cli/output.js';
import { UUID, uuidTimestamp } from '../../protocols/uuid/uuid.js';

export interface UUIDRecord {
  uuid: string;
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
  timestamp: string | null;
}

export function toRecord(u: UUID): UUIDRecord {
  return {
    uuid: u.toString(),
    hex: u.hex,
    int: u.int.toString(),
    urn: u.urn,
    version: u.version,
    variant: u.variant,
    fields: u.fields,
    time_low: u.time_low,
    time_mid: u.time_mid,
    time_hi_version: u.time_hi_version,
    clock_seq_hi_variant: u.clock_seq_hi_variant,
    clock_seq_low: u.clock_seq_low,
    node: u.node,
    time: u.time.toString(),
    clock_seq: u.clock_seq,
    bytes_le: u.bytes_le,
    timestamp: uuidTimestamp(u),
  };
}

/** What the human form shows: all a line needs, without computing the rest. */
export type UUIDSummary = Pick<UUIDRecord, 'uuid' | 'version' | 'timestamp' | 'variant'>;

export function toSummary(u: UUID): UUIDSummary {
  return { uuid: u.toString(), version: u.version, timestamp: uuidTimestamp(u), variant: u.variant };
}

/** `UUID VERSION TIMESTAMP VARIANT`, "-" for a value that does not apply. */
export function renderRecord(r: UUIDSummary, style: Style): string {
  return `${style.bold(r.uuid)} ${r.version ?? '-'} ${r.timestamp ?? '-'} ${r.variant}\n`;
}
