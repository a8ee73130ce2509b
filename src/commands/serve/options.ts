// The option parsers every `netkit serve ...` verb shares (one copy for http, smtp, ...).
import { InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError(`invalid port: '${value}'`);
  return Number(value);
}

export function parseCount(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a positive whole number, got '${value}'`);
  return Number(value);
}

export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of seconds, got '${value}'`);
  return n;
}

export function parsePositiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number of seconds, got '${value}'`);
  return n;
}

export function parseBytes(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a number of bytes, got '${value}'`);
  return Number(value);
}

/** A repeatable option's collector. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
