// `netkit cookie parse HEADER ...`: SimpleCookie.load() of a Cookie or Set-Cookie value,
// every cookie with its attributes; --lint adds what Python silently dropped and risky
// attributes.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runBatch } from '../../cli/batch.js';
import { renderKeyValues } from '../../cli/key-values.js';
import type { Style } from '../../cli/output.js';
import { lintCookie, loadCookie, type CookieLintFinding } from '../../protocols/cookies/index.js';
import { cookieRecord, type CookieRecord } from './records.js';

export interface HeaderRecord {
  header: string;
  cookies: CookieRecord[];
  lint?: CookieLintFinding[];
}

const EXAMPLES = [
  'netkit cookie parse \'session=abc123; Path=/; HttpOnly\'',
  'netkit cookie parse --json \'a=1; b="quoted\\073value"\'',
  'netkit cookie parse --lint \'id=1; SameSite=None\'',
  "curl -sI https://example.com | sed -n 's/^set-cookie: //Ip' | netkit cookie parse --json",
];

// "Cookie:" or "Set-Cookie:" pasted with the value: taken off before Python's parser runs.
const HEADER_NAME = /^\s*(?:set-)?cookie:\s*/i;

export function makeParseCommand(ctx: Context, run = runParse): Command {
  const cmd = new Command('parse')
    .description('parse Cookie or Set-Cookie values as http.cookies.SimpleCookie.load() does (stdin lines if none)')
    .argument('[HEADER...]', 'header values; a leading "Cookie:" or "Set-Cookie:" is dropped')
    .option('--lint', 'also report what Python silently drops and risky attributes (exit 1 if any)', false)
    .action(async (headers: string[], opts: { lint: boolean }) => {
      ctx.exitCode = await run(ctx, headers, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

export async function runParse(ctx: Context, headers: readonly string[], opts: { lint: boolean }): Promise<number> {
  await ctx.out.useColors();
  let findings = 0;
  const summary = await runBatch<HeaderRecord>(ctx, headers, {
    operand: 'HEADER',
    handle: (input) => {
      const header = input.replace(HEADER_NAME, '');
      const record: HeaderRecord = { header, cookies: loadCookie(header).morsels.map(cookieRecord) };
      if (opts.lint) {
        record.lint = lintCookie(header);
        findings += record.lint.length;
      }
      return record;
    },
    render: renderHeader,
  });
  return summary.failed > 0 || findings > 0 ? 1 : 0;
}

/** Each cookie as a key: value block; lint findings as `lint: CODE: message` lines. */
export function renderHeader(r: HeaderRecord, style: Style): string {
  let text = r.cookies.map((c) => renderKeyValues(c, style)).join('');
  for (const f of r.lint ?? []) text += `lint: ${style.yellow(f.code)}: ${f.message}\n`;
  return text;
}
