// `netkit cookiejar convert FILE --to mozilla|lwp|json [-o OUT]`: load a cookie file as
// http.cookiejar does and save it as MozillaCookieJar, LWPCookieJar or JSON would; OUT is
// written through a temporary file in its directory, then renamed.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { loadJar, saveJar, type JarFormat } from '../../protocols/cookiejar/index.js';
import { readJarFile } from './files.js';
import { writeAtomic } from '../../cli/files.js';
import { FORMAT_CHOICES } from './list.js';

export type TargetFormat = JarFormat | 'json';

export interface ConvertOptions {
  to: TargetFormat;
  output?: string;
  format: JarFormat | 'auto';
  ignoreDiscard: boolean;
  ignoreExpires: boolean;
}

export interface Conversion {
  file: string;
  from: JarFormat;
  to: TargetFormat;
  output: string | null;
  cookies: number;
  text?: string;
}

const EXAMPLES = [
  'netkit cookiejar convert cookies.txt --to lwp -o cookies.lwp',
  'netkit cookiejar convert cookies.lwp --to mozilla --ignore-discard > cookies.txt',
  'netkit cookiejar convert cookies.txt --to json | jq \'.[] | select(.secure)\'',
];

export function makeConvertCommand(ctx: Context, run = runConvert): Command {
  const cmd = new Command('convert')
    .description('convert a cookie file between the Netscape/Mozilla, LWP and JSON forms, byte for byte as http.cookiejar saves')
    .argument('<FILE>', 'the cookie file ("-" for standard input)')
    .addOption(new Option('--to <F>', 'output format').choices(['mozilla', 'lwp', 'json']).makeOptionMandatory())
    .option('-o, --output <OUT>', 'write to OUT (atomically: a temporary file, then rename) instead of stdout')
    .addOption(new Option('--format <F>', 'input format; auto reads the first line').choices(FORMAT_CHOICES).default('auto'))
    .option('--ignore-discard', 'keep session cookies (load and save with ignore_discard=True)', false)
    .option('--ignore-expires', 'keep expired cookies (load and save with ignore_expires=True)', false)
    .action(async (file: string, opts: ConvertOptions) => {
      ctx.exitCode = await run(ctx, file, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runConvert(ctx: Context, file: string, opts: ConvertOptions): Promise<number> {
  const text = await readJarFile(ctx, file);
  const flags = { ignoreDiscard: opts.ignoreDiscard, ignoreExpires: opts.ignoreExpires, now: Date.now() / 1000 };
  const { format, jar } = loadJar(text, file, opts.format, flags);
  const converted = opts.to === 'json' ? JSON.stringify(jar, null, 2) + '\n' : saveJar(jar, opts.to, flags);
  const result: Conversion = { file, from: format, to: opts.to, output: opts.output ?? null, cookies: jar.size };
  if (opts.output !== undefined) {
    await writeAtomic(ctx, opts.output, converted, 0o600);
    ctx.out.status(`wrote ${jar.size} cookie${jar.size === 1 ? '' : 's'} to ${opts.output}`);
    if (ctx.flags.json) ctx.out.result(result, () => '');
  } else if (ctx.flags.json && opts.to !== 'json') {
    ctx.out.result({ ...result, text: converted }, () => '');
  } else {
    ctx.out.write(converted);
  }
  return 0;
}
