// Choosing a file format: detection from the first line, and load/save by name.
import { CookieJar, type Cookie } from './cookie.js';
import { LoadError } from './errors.js';
import { loadMozilla, saveMozilla } from './mozilla.js';
import { loadLwp, saveLwp } from './lwp.js';
import type { LoadOptions, SaveOptions } from './file-text.js';
import { pyRepr } from '../core/py-text.js';

export type JarFormat = 'mozilla' | 'lwp';

/** The format a file's first line announces: "#LWP-Cookies-" or the Netscape header. */
export function detectFormat(text: string, filename: string): JarFormat {
  if (/^#LWP-Cookies-\d+\.\d+/.test(text)) return 'lwp';
  if (/^#( Netscape)? HTTP Cookie File/.test(text)) return 'mozilla';
  throw new LoadError(`${pyRepr(filename)} does not look like a Netscape format cookies file or a Set-Cookie3 (LWP) format file`, 'ERR_COOKIEJAR_DETECT');
}

export function loadJar(text: string, filename: string, format: JarFormat | 'auto', opts: LoadOptions): { format: JarFormat; jar: CookieJar } {
  const f = format === 'auto' ? detectFormat(text, filename) : format;
  return { format: f, jar: f === 'lwp' ? loadLwp(text, filename, opts) : loadMozilla(text, filename, opts) };
}

export function saveJar(jar: Iterable<Cookie>, format: JarFormat, opts: SaveOptions): string {
  return format === 'lwp' ? saveLwp(jar, opts) : saveMozilla(jar, opts);
}
