// Cookies for the http verbs: -c/--cookie-jar FILE loads a Netscape/Mozilla or LWP file
// (http.cookiejar's formats; a missing file starts empty), lets DefaultCookiePolicy decide
// on every request and response, and writes the jar back atomically at the end, session
// cookies included (save(ignore_discard=True), as curl keeps them; curl's 0 expiry reads
// as a session cookie). -b/--cookie adds
// 'NAME=VALUE[; ...]' to the Cookie header, or, without '=', reads cookies from a file
// without saving to it (curl's -b).
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../cli/errors.js';
import { writeAtomic } from '../../cli/files.js';
import { CookieJar, loadJar, saveJar, type JarFormat } from '../../protocols/cookiejar/index.js';
import { validateHeader } from '../../protocols/http/client/index.js';
import { readJarFile } from '../cookiejar/files.js';

export interface CookieOptions {
  cookie: string[];
  cookieJar?: string;
  cookieJarFormat?: JarFormat;
}

export interface Cookies {
  /** The jar the requests use, or undefined when no jar option was given. */
  jar: CookieJar | undefined;
  /** The Cookie header text -b gave, if any. */
  header: string | undefined;
  /** Writes --cookie-jar's file (no-op without it). */
  save(): Promise<void>;
}

async function readJar(ctx: Context, file: string, format: JarFormat | 'auto', missingOk: boolean): Promise<{ jar: CookieJar; format: JarFormat | undefined }> {
  let text: string;
  try {
    text = await readJarFile(ctx, file);
  } catch (err) {
    if (missingOk && (err as { code?: string }).code === 'ENOENT') return { jar: new CookieJar(), format: undefined };
    throw err;
  }
  // An empty file (`touch jar.txt`) is an empty jar, whatever its format.
  if (text === '') return { jar: new CookieJar(), format: undefined };
  return loadJar(text, file, format, { ignoreDiscard: true, ignoreExpires: false, now: Date.now() / 1000, zeroIsSession: true });
}

export async function loadCookies(ctx: Context, opts: CookieOptions): Promise<Cookies> {
  const pairs: string[] = [];
  let jar: CookieJar | undefined;
  for (const value of opts.cookie) {
    if (value.includes('=')) {
      validateHeader('Cookie', value);
      pairs.push(value.trim().replace(/;\s*$/, ''));
      continue;
    }
    if (value === '') throw new UsageError("-b wants 'NAME=VALUE' or a cookie file");
    const more = (await readJar(ctx, value, 'auto', false)).jar;
    jar ??= new CookieJar();
    for (const c of more) jar.setCookie(c);
  }
  let format: JarFormat = opts.cookieJarFormat ?? 'mozilla';
  if (opts.cookieJar !== undefined) {
    const loaded = await readJar(ctx, opts.cookieJar, opts.cookieJarFormat ?? 'auto', true);
    if (!opts.cookieJarFormat && loaded.format) format = loaded.format;
    jar ??= new CookieJar();
    for (const c of loaded.jar) jar.setCookie(c);
  }
  const file = opts.cookieJar;
  return {
    jar,
    header: pairs.length ? pairs.join('; ') : undefined,
    async save() {
      if (file === undefined || jar === undefined) return;
      const text = saveJar(jar, format, { ignoreDiscard: true, ignoreExpires: false, now: Date.now() / 1000 });
      await writeAtomic(ctx, file, text, 0o600);
    },
  };
}
