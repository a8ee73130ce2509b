// `netkit browser open URL [-n|-t] [--browser NAME] [--dry-run]`: webbrowser.open(url, new)
// (or get(NAME).open) with Python 3.11's preference order; on a headless session the URL
// is printed instead; --dry-run says what would run and why.
import { Command, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import type { New } from '../../protocols/browser/controllers.js';
import { BrowserError } from '../../protocols/browser/errors.js';
import { processRunner, type StepOutcome } from '../../protocols/browser/launch.js';
import { openURL, plan, type PlanOptions } from '../../protocols/browser/open.js';
import type { Registry } from '../../protocols/browser/registry.js';
import type { Session } from '../../protocols/browser/session.js';
import { checkURL } from '../../protocols/browser/url.js';
import { browserWorld, candidateRecord, headlessNote, sessionRecord, shellWords } from './world.js';

export interface OpenOptions {
  newWindow?: boolean;
  newTab?: boolean;
  browser?: string;
  dryRun?: boolean;
}

const EXAMPLES = [
  'netkit browser open https://docs.python.org/3/',
  'netkit browser open -t http://127.0.0.1:8000/ --dry-run',
  'netkit browser open --browser firefox -n https://example.com/',
  'BROWSER="firefox -P work %s" netkit browser open https://example.com/',
];

export function makeOpenCommand(ctx: Context): Command {
  const cmd = new Command('open')
    .description('open URL in a web browser as webbrowser.open does (headless sessions: print it)')
    .argument('<URL>', 'the URL; one that starts with "-" or holds control characters is refused')
    .addOption(new Option('-n, --new-window', 'open in a new window (new=1)'))
    .addOption(new Option('-t, --new-tab', 'open in a new tab (new=2)').conflicts('newWindow'))
    .option('--browser <NAME>', 'use webbrowser.get(NAME): a registered name, a path to one, or a command line with %s')
    .option('--dry-run', 'print which opener would run, its command and the rule that chose it, and run nothing')
    .action(async (url: string, opts: OpenOptions) => {
      ctx.exitCode = await runOpen(ctx, url, opts);
    });
  return withExamples(cmd, EXAMPLES);
}

/** What the session leaves to try: --browser, every registered browser, or on a headless session $BROWSER's entries only. */
function planOptions(reg: Registry, session: Session, opts: OpenOptions): PlanOptions & { printOnly: boolean } {
  if (opts.browser !== undefined) return { using: opts.browser, printOnly: false };
  if (!session.headless) return { printOnly: false };
  return { only: reg.fromBrowserEnv, printOnly: reg.tryorder.every((n) => !reg.fromBrowserEnv.has(n)) };
}

export async function runOpen(ctx: Context, url: string, opts: OpenOptions): Promise<number> {
  checkURL(url);
  const nw: New = opts.newTab ? 2 : opts.newWindow ? 1 : 0;
  const { session, registry } = browserWorld(ctx);
  const po = planOptions(registry, session, opts);
  if (opts.dryRun) return dryRun(ctx, url, nw, registry, session, po);
  if (po.printOnly) return printURL(ctx, url, session);
  const run = processRunner(registry.w, { stdin: ctx.io.stdin, stdout: ctx.io.stdout, stderr: ctx.io.stderr });
  const result = await openURL(registry, url, nw, run, po);
  const winner = result.attempts.find((a) => a.opened);
  if (winner) {
    const argv = winner.steps[winner.steps.length - 1]!.argv;
    ctx.out.info(`opened with ${winner.name}: ${shellWords(argv)}`);
    if (ctx.flags.json) ctx.out.result({ action: 'opened', url, new: nw, browser: candidateRecord(winner), argv, attempts: attemptRecords(result.attempts) }, () => '');
    return 0;
  }
  for (const a of result.attempts) ctx.out.status(`netkit: browser open: ${a.name}: ${a.steps.length === 0 ? 'cannot open URLs (Python 3 Grail controller)' : a.steps.map((s) => `${shellWords(s.argv)}: ${outcomeText(s.outcome)}`).join('; ')}`);
  if (session.headless && opts.browser === undefined) return printURL(ctx, url, session);
  throw new BrowserError();
}

function attemptRecords(attempts: Awaited<ReturnType<typeof openURL>>['attempts']): object[] {
  return attempts.map((a) => ({ ...candidateRecord(a), opened: a.opened, commands: a.steps.map((s) => ({ argv: s.argv, outcome: outcomeText(s.outcome) })) }));
}

function outcomeText(o: StepOutcome): string {
  switch (o.kind) {
    case 'spawn-error':
      return `cannot run (${o.error.code ?? o.error.message})`;
    case 'running':
      return 'started';
    case 'timeout':
      return 'still running after 5 s';
    case 'exited':
      return o.code === null ? 'killed by a signal' : `exit status ${o.code}`;
  }
}

function printURL(ctx: Context, url: string, session: Session): number {
  ctx.out.status(headlessNote(session));
  ctx.out.result({ action: 'print', url, session: sessionRecord(session) }, () => url + '\n');
  return 0;
}

function dryRun(ctx: Context, url: string, nw: New, reg: Registry, session: Session, po: PlanOptions & { printOnly: boolean }): number {
  if (po.printOnly) {
    ctx.out.result({ action: 'print', url, new: nw, session: sessionRecord(session), browser: null, argv: null, commands: [], fallbacks: [] }, () =>
      `action: print the URL\nurl: ${url}\nrule: headless session (${session.reason}) and $BROWSER unset\n`,
    );
    return 0;
  }
  const planned = plan(reg, url, nw, po);
  const [first, ...rest] = planned;
  if (!first) throw new BrowserError();
  const commands = first.steps.map((s) => s.argv);
  const position = po.using !== undefined ? 'named by --browser' : `first of ${planned.length} in webbrowser's preference order${po.only ? ' ($BROWSER only: headless session)' : ''}`;
  const record = {
    action: 'open',
    url,
    new: nw,
    session: sessionRecord(session),
    browser: candidateRecord(first),
    argv: commands[0] ?? null,
    commands,
    why: position,
    fallbacks: rest.map((c) => ({ ...candidateRecord(c), commands: c.steps.map((s) => s.argv) })),
  };
  ctx.out.result(record, () => {
    const lines = [
      `browser: ${first.name} (${first.controller.cls}${first.path ? `, ${first.path}` : ''})`,
      `command: ${commands[0] ? shellWords(commands[0]) : '(none: the Grail controller cannot open URLs)'}`,
      ...commands.slice(1).map((c) => `if it exits non-zero: ${shellWords(c)}`),
      `rule: ${first.rule}; ${position}`,
      `session: ${session.reason}`,
      ...rest.map((c) => `then: ${c.name} (${c.controller.cls}): ${c.steps[0] ? shellWords(c.steps[0].argv) : '-'}`),
    ];
    return lines.join('\n') + '\n';
  });
  return 0;
}
