// `netkit browser list`: webbrowser's _tryorder for this session, one browser per line
// (name, controller class, where its command was found, the rule that registered it).
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { openSteps } from '../../protocols/browser/controllers.js';
import { getBrowser } from '../../protocols/browser/open.js';
import { browserWorld, candidateRecord, headlessNote, sessionRecord, type CandidateRecord, type SessionRecord } from './world.js';

interface ListEntry extends CandidateRecord {
  /** The command for open(url) with the URL left as %s. */
  command: string[];
}

interface ListResult {
  session: SessionRecord;
  os_preferred_browser: string | null;
  tryorder: ListEntry[];
}

export function makeListCommand(ctx: Context): Command {
  const cmd = new Command('list')
    .description("the registered browsers in Python's preference order (webbrowser._tryorder), with where each was found")
    .action(() => {
      ctx.exitCode = runList(ctx);
    });
  return withExamples(cmd, ['netkit browser list', 'BROWSER="firefox -P work %s" netkit browser list --json']);
}

export function runList(ctx: Context): number {
  const { session, registry } = browserWorld(ctx);
  const tryorder = registry.tryorder.map((name) => {
    const c = getBrowser(registry, name);
    const steps = openSteps(c.controller, '%s', 0, registry.w.platform, registry.w.env);
    return { ...candidateRecord(c), command: steps[0]?.argv ?? [] };
  });
  const result: ListResult = { session: sessionRecord(session), os_preferred_browser: registry.osPreferred ?? null, tryorder };
  if (session.headless) ctx.out.status(headlessNote(session) + ' (browser open), unless $BROWSER or --browser names one');
  if (tryorder.length === 0) ctx.out.status('netkit: browser list: no browser is registered: webbrowser.open would fail with "could not locate runnable browser"');
  ctx.out.result(result, (r) => r.tryorder.map((e) => `${e.name}\t${e.class}\t${e.path ?? '-'}\t${e.rule}\n`).join(''));
  return 0;
}
