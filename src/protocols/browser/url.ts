// The URL check run before any browser sees the URL: gh-143930's _check_url (a URL that
// starts with "-" after stripping would be read as an option), plus netkit's refusal of
// control characters, which no browser command line should carry.
import { pyRepr } from '../core/py-text.js';
import { InvalidURLError } from './errors.js';

export function checkURL(url: string): void {
  if (/[\x00-\x1f\x7f]/.test(url)) throw new InvalidURLError(`Invalid URL: ${pyRepr(url)} (control characters are not allowed)`);
  if (url.replace(/^\s+/, '').startsWith('-')) throw new InvalidURLError(`Invalid URL: ${url}`);
}
