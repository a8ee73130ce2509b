// cgi.FieldStorage compared with CPython 3.11's on the fixtures generate.py writes
// (fixtures/cgi-form.json): every item's name, filename, disposition, type, headers and
// value, or Python's exception. One documented divergence: a non-form body with a
// Content-Length, where Python's read_binary raises TypeError, is netkit's single value.
import { readFileSync } from 'node:fs';
import { conformance, errorOutcome } from '../conformance.js';
import { parseFieldStorage, type FieldStorageOptions, type FormItem } from '../../../src/protocols/cgi/index.js';
import { decodeBytes } from '../../../src/protocols/url/codec.js';

interface Case {
  tag: string;
  env: Record<string, string>;
  body: string;
  opts: { keep_blank_values?: boolean; strict_parsing?: boolean; max_num_fields?: number | null; separator?: string };
  form?: unknown;
  error?: { type: string; message: string };
}

const doc = JSON.parse(readFileSync(new URL('./fixtures/cgi-form.json', import.meta.url), 'utf8')) as { cases: Case[] };

/** The generator's record(): Python's attribute names, bytes as latin-1 text. */
export function record(item: FormItem): unknown {
  if (item.kind === 'mini') return { mini: true, name: item.name, value: item.value };
  const r: Record<string, unknown> = {
    name: item.name,
    filename: item.filename,
    disposition: item.disposition,
    disposition_options: item.dispositionOptions,
    type: item.type,
    type_options: item.typeOptions,
    headers: item.headers,
  };
  if (item.bytes !== null) r.bytes = Buffer.from(item.bytes).toString('latin1');
  else if (item.text !== null) r.text = item.text;
  else if (item.list !== null) r.list = item.list.map(record);
  return r;
}

function options(o: Case['opts']): FieldStorageOptions {
  return { keepBlankValues: o.keep_blank_values, strictParsing: o.strict_parsing, maxNumFields: o.max_num_fields ?? null, separator: o.separator };
}

const READ_BINARY = 'write() argument must be str, not bytes';

conformance('cgi.FieldStorage', doc.cases, (c) => {
  const body = Buffer.from(c.body, 'latin1');
  const input = { env: c.env, body: c.body.length > 300 ? c.body.slice(0, 300) + '...' : c.body, opts: c.opts };
  let actual: unknown;
  let form;
  try {
    form = parseFieldStorage(c.env, body, options(c.opts));
    actual = { form: record(form) };
  } catch (err) {
    actual = errorOutcome(err);
  }
  if (c.error?.type === 'TypeError' && c.error.message === READ_BINARY) {
    // Divergence: netkit returns the Content-Length bytes as the value.
    const expected = { text: decodeBytes(body.subarray(0, Number(c.env.CONTENT_LENGTH)), 'utf-8', 'replace') };
    return { input, expected, actual: { text: form?.text }, note: 'divergence: read_binary' };
  }
  const expected = c.error !== undefined ? { error: c.error } : { form: c.form };
  return { input, expected, actual };
});
