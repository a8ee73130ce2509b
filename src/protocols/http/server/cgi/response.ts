// The header block of a CGI response (RFC 3875 §6): where it ends (a blank line, lines
// ending in LF or CRLF), its fields, the Status field, and Location giving a 302 when no
// Status is set. Fields the server owns (framing, connection) are dropped; everything
// malformed is an error string, never an exception.
import { statusByValue } from '../../status.js';

export interface CgiHead {
  status: number;
  reason: string;
  /** The script's fields in order, without Status and without the dropped hop-by-hop fields. */
  headers: Array<[string, string]>;
  hasContentType: boolean;
  hasLocation: boolean;
  hasStatus: boolean;
}

/** Fields the server frames itself: a script's copy could break the connection's framing. */
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'trailer', 'te']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Control characters other than HT: never allowed in a value (response splitting). */
const CTL = /[\x00-\x08\x0a-\x1f\x7f]/;

/** Where the header block ends: the index of the first body byte, or -1 when no blank line yet. */
export function findHeadEnd(buf: Uint8Array): number {
  let lineStart = 0;
  for (;;) {
    if (buf[lineStart] === 0x0a) return lineStart + 1;
    if (buf[lineStart] === 0x0d && buf[lineStart + 1] === 0x0a) return lineStart + 2;
    const nl = buf.indexOf(0x0a, lineStart);
    if (nl < 0) return -1;
    lineStart = nl + 1;
    if (lineStart >= buf.length) return -1;
  }
}

/** The reason phrase Python's `responses` table has for a code, or ''. */
export function reasonFor(status: number): string {
  try {
    return statusByValue(status).phrase;
  } catch {
    return '';
  }
}

/** Parses the header block (everything before the first body byte, blank line included). */
export function parseCgiHead(block: Uint8Array): CgiHead | { error: string } {
  const text = Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString('latin1');
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { error: 'the script sent a blank line before any header' };
  const headers: Array<[string, string]> = [];
  let status: string | undefined;
  let location: string | undefined;
  let hasContentType = false;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) return { error: `malformed header line from the script: ${JSON.stringify(line.slice(0, 200))}` };
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (CTL.test(value)) return { error: `control character in the script's ${name} header` };
    const lower = name.toLowerCase();
    if (lower === 'status') {
      if (status !== undefined) return { error: 'the script sent Status twice' };
      status = value;
      continue;
    }
    if (lower === 'location') {
      if (location !== undefined) return { error: 'the script sent Location twice' };
      location = value;
    }
    if (lower === 'content-type') {
      if (hasContentType) return { error: 'the script sent Content-Type twice' };
      hasContentType = true;
    }
    if (!DROPPED.has(lower)) headers.push([name, value]);
  }
  let code = 200;
  let reason = 'OK';
  if (status !== undefined) {
    const m = /^([1-5][0-9][0-9])(?:[ \t]+(.*))?$/.exec(status);
    if (!m) return { error: `malformed Status from the script: ${JSON.stringify(status)}` };
    code = Number(m[1]);
    reason = m[2] ?? reasonFor(code);
    if (code < 200) return { error: `the script sent an interim Status (${code})` };
  } else if (location !== undefined) {
    // RFC 3875 §6.2.2-6.2.4; a local redirect ('/path') is sent as a client redirect.
    code = 302;
    reason = 'Found';
  }
  if (!hasContentType && location === undefined && status === undefined) return { error: 'the script sent no Content-Type, Location or Status header' };
  return { status: code, reason, headers, hasContentType, hasLocation: location !== undefined, hasStatus: status !== undefined };
}
