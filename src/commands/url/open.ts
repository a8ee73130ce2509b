// `netkit url open URL ...`: urllib.request.urlopen() for every scheme it handles here
// (http, https, file, data): the body to stdout, -i for info() first, --json for a record
// of each response, --cacert/-k as the http verbs take them. HTTPError exits 5, URLError 3,
// a TLS failure 6, as the http verbs map them.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import type { UrlopenResponse } from '../../protocols/http/urllib/index.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import { addTLSOptions, tlsSettings, type TLSFlags } from '../../cli/tls-options.js';

export interface OpenOptions extends TLSFlags {
  include: boolean;
}

/** What --json prints for each URL: the body's size and sha256 instead of the body. */
export interface OpenRecord {
  url: string;
  status: number | null;
  reason: string;
  headers: Array<[string, string]>;
  size: number;
  sha256: string;
}

const EXAMPLES = [
  'netkit url open https://example.com/',
  'netkit url open -i file:///etc/hostname',
  "netkit url open 'data:text/plain;base64,aGVsbG8='",
  'netkit url open --json https://example.com/ | jq .sha256',
  'netkit url open --cacert ca.pem https://intranet.example/status',
];

export function makeOpenCommand(ctx: Context, run = runOpen): Command {
  const cmd = new Command('open')
    .description('open each URL as urllib.request.urlopen() does (http, https, file, data) and write the body to stdout')
    .argument('<URL...>', 'the URLs, opened in turn')
    .option('-i, --include', 'print the headers (info()) and a blank line before the body', false);
  addTLSOptions(cmd).action(async (urls: string[], opts: OpenOptions) => {
    ctx.exitCode = await run(ctx, urls, opts);
  });
  return withExamples(cmd, EXAMPLES);
}

/** info() as Python prints it: one "Name: value" line per header, then a blank line. */
export function infoBlock(res: Pick<UrlopenResponse, 'headers'>): string {
  return res.headers.list.map(([k, v]) => `${k}: ${v}\n`).join('') + '\n';
}

export async function runOpen(ctx: Context, urls: readonly string[], opts: OpenOptions): Promise<number> {
  const tls = await tlsSettings(ctx, opts);
  for (const url of urls) {
    const { urlopen } = await loadUrllib();
    // Streamed to stdout (or only hashed): no cap on the body, as curl has none.
    const res = await urlopen(url, { timeout: ctx.flags.timeout * 1000, env: ctx.io.env, ...tls, maxBodySize: Infinity });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256');
    let size = 0;
    if (opts.include && !ctx.flags.json) ctx.out.write(infoBlock(res));
    try {
      for await (const chunk of res.body) {
        hash.update(chunk);
        size += chunk.length;
        if (ctx.flags.json) continue;
        if (ctx.out.stdout.closed) {
          res.cancel();
          return 0;
        }
        ctx.out.write(chunk);
        if (ctx.out.stdout.full) await ctx.out.stdout.drain();
      }
    } catch (err) {
      res.cancel();
      throw err;
    }
    if (ctx.flags.json) {
      ctx.out.record<OpenRecord>(
        { url: res.url, status: res.status ?? null, reason: res.reason, headers: res.headers.list, size, sha256: hash.digest('hex') },
        () => '',
      );
    }
  }
  return 0;
}
