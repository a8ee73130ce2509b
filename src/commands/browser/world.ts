// What both browser verbs start from: the session and registry for netkit's own platform,
// environment and working directory, and the JSON/human forms of a session and a candidate.
import type { Context } from '../../cli/context.js';
import { loadBrowsers, type BrowserWorld } from '../../protocols/browser/environment.js';
import type { Candidate } from '../../protocols/browser/open.js';
import type { Session } from '../../protocols/browser/session.js';

export function browserWorld(ctx: Context): BrowserWorld {
  return loadBrowsers({ platform: process.platform, env: ctx.io.env, cwd: ctx.io.cwd });
}

export interface SessionRecord {
  display: boolean;
  ssh: boolean;
  wsl: boolean;
  headless: boolean;
  reason: string;
}

export function sessionRecord(s: Session): SessionRecord {
  return { display: s.display, ssh: s.ssh, wsl: s.wsl, headless: s.headless, reason: s.reason };
}

export interface CandidateRecord {
  name: string;
  class: string;
  path: string | null;
  rule: string;
}

export function candidateRecord(c: Candidate): CandidateRecord {
  return { name: c.name, class: c.controller.cls, path: c.path ?? null, rule: c.rule };
}

/** An argv as a shell would need it typed: words with anything but safe characters single-quoted. */
export function shellWords(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The stderr note a headless session gets. */
export function headlessNote(s: Session): string {
  return `netkit: browser: headless session (${s.reason}): printing the URL instead of opening a browser`;
}
