// webbrowser.get(name) and webbrowser.open(url, new): which controller each _tryorder
// name (or a --browser name) stands for, and the loop that tries them in order until one
// opens the URL. Also the dry-run plan: every candidate with the commands it would run.
import { controller, openSteps, type Controller, type New, type Step } from './controllers.js';
import { BrowserError } from './errors.js';
import { runSteps, type Runner, type StepRecord } from './launch.js';
import { basenameFor, synthesize, type Registry } from './registry.js';
import { shlexSplit } from './shlex.js';
import { which } from './which.js';

export interface Candidate {
  /** The _tryorder entry, or the --browser name. */
  name: string;
  controller: Controller;
  /** Where its command was found (shutil.which), if it was. */
  path?: string;
  /** Why this candidate is where it is. */
  rule: string;
}

/** webbrowser.get(using) for one name: raises webbrowser.Error when it names nothing runnable. */
export function getBrowser(reg: Registry, using: string, explicit = false): Candidate {
  const base = basenameFor(reg.w.platform);
  if (using.includes('%s')) {
    const words = shlexSplit(using);
    const background = words[words.length - 1] === '&';
    const c = controller(background ? 'BackgroundBrowser' : 'GenericBrowser', background ? words.slice(0, -1) : words, base);
    const path = c.name ? which(c.name, reg.w) : undefined;
    const rule = explicit ? '--browser: a command line with %s' : reg.fromBrowserEnv.has(using) ? '$BROWSER: a command line with %s' : 'a command line with %s';
    return { name: using, controller: c, ...(path === undefined ? {} : { path }), rule: rule + (background ? ", ending in '&' (run in the background)" : '') };
  }
  let entry = reg.browsers.get(using.toLowerCase());
  if (!entry && synthesize(reg, using)) entry = reg.browsers.get(using.toLowerCase());
  if (entry?.instance) return withPath({ name: using, controller: entry.instance, rule: explicit ? `--browser ${using}: ${entry.rule}` : entry.rule }, entry.path);
  if (entry?.klass) return withPath({ name: using, controller: controller(entry.klass, ''), rule: entry.rule }, entry.path);
  throw new BrowserError();
}

function withPath(c: Candidate, path: string | undefined): Candidate {
  return path === undefined ? c : { ...c, path };
}

export interface PlanOptions {
  /** --browser NAME: only that one. */
  using?: string;
  /** Only the _tryorder names in this set (a headless session tries $BROWSER only). */
  only?: ReadonlySet<string>;
}

/** The names webbrowser.open would try, in order. */
export function candidateNames(reg: Registry, opts: PlanOptions = {}): string[] {
  if (opts.using !== undefined) return [opts.using];
  return reg.tryorder.filter((n) => !opts.only || opts.only.has(n));
}

export interface PlannedCandidate extends Candidate {
  steps: Step[];
}

/** What open() would run, candidate by candidate (each one's steps as if the ones before had failed). */
export function plan(reg: Registry, url: string, nw: New, opts: PlanOptions = {}): PlannedCandidate[] {
  return candidateNames(reg, opts).map((name) => {
    const c = getBrowser(reg, name, opts.using !== undefined);
    return { ...c, steps: openSteps(c.controller, url, nw, reg.w.platform, reg.w.env) };
  });
}

export interface Attempt extends Candidate {
  opened: boolean;
  steps: StepRecord[];
}

export interface OpenResult {
  opened: boolean;
  attempts: Attempt[];
}

/** webbrowser.open(url, new), or get(using).open(url, new): tries candidates until one opens. */
export async function openURL(reg: Registry, url: string, nw: New, run: Runner, opts: PlanOptions = {}): Promise<OpenResult> {
  const attempts: Attempt[] = [];
  for (const name of candidateNames(reg, opts)) {
    const c = getBrowser(reg, name, opts.using !== undefined);
    const steps: StepRecord[] = [];
    const opened = await runSteps(openSteps(c.controller, url, nw, reg.w.platform, reg.w.env), run, steps);
    attempts.push({ ...c, opened, steps });
    if (opened) return { opened, attempts };
  }
  return { opened: false, attempts };
}
