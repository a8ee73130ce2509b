// `netkit url get FIELD URL ...`: one component of each URL per line (urlparse's), for
// shell pipelines; an empty line where Python has None.
import { Argument, Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { urlparse } from '../../protocols/url/index.js';
import { withURLOptions, type SplitRecord, type URLOptions } from './records.js';

export const FIELDS = ['scheme', 'netloc', 'path', 'params', 'query', 'fragment', 'username', 'password', 'hostname', 'port'] as const;
type Field = (typeof FIELDS)[number];

const EXAMPLES = ['netkit url get hostname https://Example.COM:8080/x', 'cut -d" " -f7 access.log | netkit url get path | sort | uniq -c'];

export function makeGetCommand(ctx: Context, run = runGet): Command {
  const cmd = withURLOptions(
    new Command('get')
      .description('print one component of each URL, one per line (stdin lines if no URL)')
      .addArgument(new Argument('<FIELD>', 'the component').choices(FIELDS))
      .argument('[URL...]', 'the URLs'),
  ).action(async (field: Field, urls: string[], opts: URLOptions) => {
    ctx.exitCode = await run(ctx, field, urls, opts);
  });
  return withExamples(cmd, EXAMPLES);
}

export async function runGet(ctx: Context, field: Field, urls: readonly string[], opts: URLOptions): Promise<number> {
  const summary = await runBatch<{ url: string; value: SplitRecord[Field] }>(ctx, urls, {
    operand: 'URL',
    // Only the asked field is read: `.port` may raise, `.path` never does.
    handle: (url) => ({ url, value: urlparse(url, opts.scheme, opts.fragments)[field] }),
    render: (r) => `${r.value ?? ''}\n`,
  });
  return summary.failed > 0 ? 1 : 0;
}
