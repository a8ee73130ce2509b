// `netkit url retrieve URL [FILE]`: urllib.request.urlretrieve(): the resource copied to
// FILE (or the URL path's last segment; never a temporary file), written atomically, with
// ContentTooShortError when fewer bytes than Content-Length arrive (and then no file at
// all). A progress line on an interactive stderr; --json prints (filename, headers);
// --cacert/-k as the http verbs take them. No size cap but --max-filesize.
import { posix } from 'node:path';
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { UsageError } from '../../cli/errors.js';
import { writeAtomic } from '../../cli/files.js';
import { loadUrllib } from '../../cli/lazy-engines.js';
import { sizeLimit } from '../../cli/max-filesize.js';
import { Progress } from '../../cli/progress.js';
import { addTLSOptions, tlsSettings, type TLSFlags } from '../../cli/tls-options.js';
import { NetkitError } from '../../protocols/core/errors.js';
import { parseBytes } from '../serve/options.js';

export interface RetrieveOptions extends TLSFlags {
  maxFilesize?: number;
}

/** What --json prints: Python's (filename, headers), with the size and sha256 written. */
export interface RetrieveRecord {
  filename: string;
  headers: Array<[string, string]>;
  size: number;
  sha256: string;
}

const EXAMPLES = [
  'netkit url retrieve https://example.com/data.csv',
  'netkit url retrieve https://example.com/ index.html',
  'netkit url retrieve --json https://example.com/a.tar.gz | jq .sha256',
  'netkit url retrieve --cacert ca.pem https://intranet.example/backup.tar.gz',
];

export function makeRetrieveCommand(ctx: Context, run = runRetrieve): Command {
  const cmd = new Command('retrieve')
    .description('copy URL to FILE as urllib.request.urlretrieve() does (atomically; ContentTooShortError leaves no file)')
    .argument('<URL>', 'the URL (http, https, file, data)')
    .argument('[FILE]', "where to write it (default: the URL path's last segment)")
    .option('--max-filesize <BYTES>', 'refuse a body larger than BYTES, announced or as it arrives (default: no limit)', parseBytes);
  addTLSOptions(cmd).action(async (url: string, file: string | undefined, opts: RetrieveOptions) => {
    ctx.exitCode = await run(ctx, url, file, opts);
  });
  return withExamples(cmd, EXAMPLES);
}

/** The URL path's last segment, percent-decoded; a usage error when there is none. */
export function derivedName(url: string): string {
  let name = '';
  const m = /^(?:https?|file):\/\/[^/?#]*([^?#]*)/i.exec(url.trim());
  if (m) {
    const path = m[1]!;
    let decoded = path;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      // keep the raw segment
    }
    name = path.endsWith('/') ? '' : posix.basename(decoded);
  }
  if (!name || name === '.' || name === '..' || name.includes('\0')) {
    throw new UsageError(`${url} has no file name in its path; give FILE`);
  }
  return name;
}

export async function runRetrieve(ctx: Context, url: string, file: string | undefined, opts: RetrieveOptions): Promise<number> {
  const filename = file ?? derivedName(url);
  const tls = await tlsSettings(ctx, opts);
  const { ContentTooShortError, urlopen } = await loadUrllib();
  // Streamed to the file: no cap on the body but --max-filesize.
  const res = await urlopen(url, { timeout: ctx.flags.timeout * 1000, env: ctx.io.env, ...tls, maxBodySize: Infinity });
  const lengthHeader = res.headers.get('content-length');
  const limit = sizeLimit(opts.maxFilesize);
  try {
    limit.announced(lengthHeader);
  } catch (err) {
    res.cancel();
    throw err;
  }
  // Python: size = int(headers["Content-Length"]) when present, else -1.
  const size = lengthHeader != null && /^\s*\d+\s*$/.test(lengthHeader) ? Number(lengthHeader) : -1;
  const progress = new Progress(ctx, filename, size >= 0 ? size : undefined);
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  let read = 0;
  const tooShort = (): InstanceType<typeof ContentTooShortError> => new ContentTooShortError(`retrieval incomplete: got only ${read} out of ${size} bytes`, Buffer.alloc(0));
  const counted = (async function* () {
    try {
      for await (const chunk of res.body) {
        limit.add(chunk.length);
        hash.update(chunk);
        read += chunk.length;
        progress.update(read);
        yield chunk;
      }
    } catch (err) {
      // A connection closed before Content-Length bytes: urlretrieve's check, not the reader's.
      if (size >= 0 && read < size && err instanceof NetkitError && err.code === 'ERR_INCOMPLETE_READ') throw tooShort();
      throw err;
    }
    if (size >= 0 && read < size) throw tooShort();
  })();
  try {
    await writeAtomic(ctx, filename, counted);
  } catch (err) {
    progress.clear();
    res.cancel();
    throw err;
  }
  progress.finish(read);
  const record: RetrieveRecord = { filename, headers: res.headers.list, size: read, sha256: hash.digest('hex') };
  ctx.out.record<RetrieveRecord>(record, (r) => `${r.filename}\n${r.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}`);
  return 0;
}
