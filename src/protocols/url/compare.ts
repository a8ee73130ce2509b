// Beyond Python: what CPython's urlsplit and Node's WHATWG URL parser each make of one URL,
// field by field, and where they disagree — the parser-differential view an SSRF review
// needs (the host a Python allow-list checks may not be the host a WHATWG client dials).
import { urlsplit } from './split.js';

/** The fields compared, in order. */
export const COMPARED_FIELDS = ['scheme', 'username', 'password', 'hostname', 'port', 'path', 'query', 'fragment'] as const;

/** One of COMPARED_FIELDS. */
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** An exception one side raised: Python's type name (or the JS error name) and message. */
export interface RaisedError {
  type: string;
  message: string;
}

/** One field as each parser reads it. */
export interface FieldComparison {
  field: ComparedField;
  /** urlsplit's attribute (null for Python's None, or when `pythonError` is set). */
  python: string | number | null;
  /** What reading the attribute raised (port's ValueError), or urlsplit's own error. */
  pythonError: RaisedError | null;
  /** The WHATWG URL's value (null when it rejects the URL, or has no port). */
  whatwg: string | number | null;
  /**
   * Both parsers accepted the URL and read this field the same way. Empty and absent count
   * as equal for username, password, query and fragment; ports are compared as the port a
   * client connects to (the scheme's default when absent: 80 http/ws, 443 https/wss, 21 ftp);
   * WHATWG's bracketed IPv6 hostname is compared without its brackets.
   */
  agree: boolean;
}

/** The whole comparison for one URL. */
export interface WhatwgComparison {
  url: string;
  /** urlsplit's exception, if it raised. */
  pythonError: RaisedError | null;
  /** The WHATWG parser's exception (TypeError: Invalid URL), if it rejected the URL. */
  whatwgError: RaisedError | null;
  fields: FieldComparison[];
  /** Every field agrees. */
  agree: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443, ftp: 21 };

function raised(err: unknown): RaisedError {
  if (err instanceof Error) return { type: err.name, message: err.message };
  return { type: typeof err, message: String(err) };
}

type Read = { value: string | number | null; error: RaisedError | null };

function pythonFields(url: string): { error: RaisedError | null; read: (f: ComparedField) => Read } {
  try {
    const s = urlsplit(url);
    return {
      error: null,
      read: (f) => {
        try {
          return { value: s[f], error: null };
        } catch (e) {
          return { value: null, error: raised(e) };
        }
      },
    };
  } catch (e) {
    const error = raised(e);
    return { error, read: () => ({ value: null, error }) };
  }
}

function whatwgValue(u: URL, f: ComparedField): string | number | null {
  switch (f) {
    case 'scheme':
      return u.protocol.replace(/:$/, '');
    case 'username':
      return u.username;
    case 'password':
      return u.password;
    case 'hostname':
      return u.hostname;
    case 'port':
      return u.port === '' ? null : Number(u.port);
    case 'path':
      return u.pathname;
    case 'query':
      return u.search.replace(/^\?/, '');
    case 'fragment':
      return u.hash.replace(/^#/, '');
  }
}

function agrees(f: ComparedField, scheme: string, py: Read, wg: string | number | null): boolean {
  if (py.error) return false;
  let a = py.value;
  let b = wg;
  if (f === 'username' || f === 'password' || f === 'query' || f === 'fragment') {
    a = a ?? '';
  } else if (f === 'hostname' && typeof b === 'string' && b.startsWith('[') && b.endsWith(']')) {
    b = b.slice(1, -1);
  } else if (f === 'port') {
    a = a ?? DEFAULT_PORTS[scheme] ?? null;
    b = b ?? DEFAULT_PORTS[scheme] ?? null;
  }
  return a === b;
}

/** Python's urlsplit and the WHATWG URL parser on one URL, field by field. */
export function compareWhatwg(url: string): WhatwgComparison {
  const py = pythonFields(url);
  let parsed: URL | null = null;
  let whatwgError: RaisedError | null = null;
  try {
    parsed = new URL(url);
  } catch (e) {
    whatwgError = raised(e);
  }
  const scheme = parsed ? (whatwgValue(parsed, 'scheme') as string) : '';
  const fields = COMPARED_FIELDS.map((field): FieldComparison => {
    const p = py.read(field);
    const w = parsed ? whatwgValue(parsed, field) : null;
    return { field, python: p.value, pythonError: p.error, whatwg: w, agree: parsed !== null && agrees(field, scheme, p, w) };
  });
  return { url, pythonError: py.error, whatwgError, fields, agree: fields.every((f) => f.agree) };
}
