// `netkit cookiejar list FILE [--url URL]`: the cookies of a Mozilla/Netscape or LWP cookie
// file as http.cookiejar loads them; with --url, which DefaultCookiePolicy would send to
// that URL and, for each other cookie, the first check that refused it.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { renderKeyValues } from '../../cli/key-values.js';
import type { Style } from '../../cli/output.js';
import { decideCookies, loadJar, type JarFormat } from '../../protocols/cookiejar/index.js';
import { readJarFile } from './files.js';
import { cookieRecord, humanFields, type ListedCookie } from './records.js';

export interface ListOptions {
  url?: string;
  format: JarFormat | 'auto';
}

export interface JarListing {
  file: string;
  format: JarFormat;
  url?: string;
  cookies: ListedCookie[];
}

const EXAMPLES = [
  'netkit cookiejar list cookies.txt',
  'netkit cookiejar list cookies.txt --url https://www.example.com/account',
  'netkit cookiejar list --json --format lwp cookies.lwp',
  "curl -s -c - https://example.com -o /dev/null | netkit cookiejar list -",
];

export const FORMAT_CHOICES = ['auto', 'mozilla', 'lwp'];

export function makeListCommand(ctx: Context, run = runList): Command {
  const cmd = new Command('list')
    .description('list the cookies of a Netscape/Mozilla (cookies.txt) or LWP cookie file, as http.cookiejar loads them')
    .argument('<FILE>', 'the cookie file ("-" for standard input)')
    .option('--url <URL>', "mark which cookies DefaultCookiePolicy would send to URL, and why not the others")
    .addOption(new Option('--format <F>', 'file format; auto reads the first line').choices(FORMAT_CHOICES).default('auto'))
    .action(async (file: string, opts: ListOptions) => {
      ctx.exitCode = await run(ctx, file, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runList(ctx: Context, file: string, opts: ListOptions): Promise<number> {
  await ctx.out.useColors();
  const text = await readJarFile(ctx, file);
  const now = Date.now() / 1000;
  // every cookie, session and expired ones too: load(ignore_discard=True, ignore_expires=True)
  const { format, jar } = loadJar(text, file, opts.format, { ignoreDiscard: true, ignoreExpires: true, now });
  const listing: JarListing = { file, format, cookies: [] };
  if (opts.url === undefined) listing.cookies = [...jar].map((c) => cookieRecord(c));
  else {
    listing.url = opts.url;
    listing.cookies = decideCookies(jar, opts.url, now).map((d) => cookieRecord(d.cookie, d));
  }
  ctx.out.result(listing, renderListing);
  return 0;
}

/** Each cookie as a key: value block (with --url, `sent` and `refusal` last). */
export function renderListing(listing: JarListing, style: Style): string {
  return listing.cookies.map((c) => renderKeyValues(humanFields(c), style)).join('');
}
