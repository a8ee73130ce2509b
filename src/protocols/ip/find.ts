// Finds IPv4 and IPv6 addresses inside free text (log lines), for `ip grep`: candidates
// by shape, then Python's own parsers decide, so "010.1.1.1" or "1::2::3" never match.
import { IPv4Address, IPv6Address, type IPAddress } from './address.js';

export interface Found {
  start: number;
  end: number;
  address: IPAddress;
}

// An IPv4 dotted quad not glued to more digits or dots; an IPv6 run of hex groups and
// colons (with an optional dotted tail) not glued to more hex, colons or dots.
const V4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]|\.\d)/g;
const V6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])/g;

function tryParse<T>(parse: (text: string) => T, text: string): T | undefined {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** Every address in `line`, in order of position. */
export function findAddresses(line: string): Found[] {
  const found: Found[] = [];
  if (line.includes('.')) {
    for (const m of line.matchAll(V4)) {
      const address = tryParse(IPv4Address.parse, m[0]);
      if (address) found.push({ start: m.index!, end: m.index! + m[0].length, address });
    }
  }
  if (line.includes(':')) {
    for (const m of line.matchAll(V6)) {
      // A trailing single ":" belongs to the text ("addr: message"), not the address.
      let text = m[0];
      if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
      const address = tryParse(IPv6Address.parse, text);
      if (address) found.push({ start: m.index!, end: m.index! + text.length, address });
    }
    found.sort((a, b) => a.start - b.start);
  }
  return found;
}
