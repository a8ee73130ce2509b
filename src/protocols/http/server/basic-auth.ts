// --auth: HTTP Basic authentication (RFC 7617) in front of every request. Credentials are
// kept only as SHA-256 digests of "user:pass"; a request's credentials are digested the
// same way and compared with crypto.timingSafeEqual against every entry (no early exit),
// so neither the length nor the content of a password leaks through timing. Failures are
// 401 with WWW-Authenticate: Basic realm="netkit" and Python's error page.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Exchange } from './exchange.js';
import { errorPage } from './simple/error-page.js';

export const AUTH_REALM = 'netkit';

function digest(text: Buffer | string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** "user:pass" lines (an --auth-file): blank lines and lines starting with "#" are skipped. */
export function parseAuthLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (!line.includes(':') || line.startsWith(':')) throw new RangeError('expected user:password lines');
    out.push(line);
  }
  return out;
}

/** The credentials of a Basic Authorization value, as bytes ("user:pass"); undefined if not Basic. */
function presented(authorization: string | undefined): Buffer | undefined {
  if (!authorization) return undefined;
  const m = /^[ \t]*basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(authorization);
  if (!m) return undefined;
  return Buffer.from(m[1]!, 'base64');
}

/** A gate: true when the request may go on; otherwise it has been answered 401. */
export function makeBasicAuth(credentials: readonly string[]): (x: Exchange) => boolean {
  const digests = credentials.map((c) => digest(Buffer.from(c, 'utf8')));
  const page = Buffer.from(errorPage(401, 'Unauthorized', 'No permission -- see authorization schemes'), 'utf8');
  const lines = `WWW-Authenticate: Basic realm="${AUTH_REALM}"\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: ${page.length}\r\n`;
  return function gate(x: Exchange): boolean {
    const given = presented(x.headers?.get('authorization'));
    if (given) {
      const d = digest(given);
      let ok = false;
      for (const want of digests) ok = timingSafeEqual(d, want) || ok;
      if (ok) return true;
    }
    x.respond(401, undefined, lines, page);
    return false;
  };
}
