// cgitb's job for a failed CGI script: a report in HTML (cgitb.html's look: the purple
// heading bar, sections, everything escaped) or plain text (cgitb.text) — what failed,
// exit status or signal, elapsed time, the stderr tail, the CGI environment — chosen by
// the request's Accept; and cgitb.enable(logdir=...)'s file: a unique name from an
// exclusive create (tempfile.mkstemp: 'tmp' + 8 characters + '.html'/'.txt', mode 0600).
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { htmlEscape } from '../../../cgi/py-repr.js';
import type { CgiCompletion, CgiFailure } from './run.js';

export type ReportFormat = 'html' | 'text';

export interface CgiReportInput {
  failure: CgiFailure;
  /** How the process ended, when it ran at all. */
  completion?: Pick<CgiCompletion, 'exitCode' | 'signal' | 'elapsedMs' | 'stderr' | 'stderrTruncated'>;
  /** The environment the script got. */
  env: Readonly<Record<string, string>>;
  /** The script file (translate_path of SCRIPT_NAME). */
  scriptPath: string;
  /** Defaults to now. */
  when?: Date;
}

/** q of the most specific Accept range matching `type`/`sub`; 0 when none does. */
function qualityFor(accept: string, type: string, sub: string): number {
  let best = -1;
  let q = 0;
  for (const range of accept.split(',')) {
    const [media, ...params] = range.split(';').map((s) => s.trim().toLowerCase());
    if (!media) continue;
    const [t, s] = media.split('/');
    const specificity = t === type && s === sub ? 2 : t === type && s === '*' ? 1 : t === '*' && s === '*' ? 0 : -1;
    if (specificity <= best) continue;
    best = specificity;
    const qp = params.find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q = Number.isFinite(value) ? value : 0;
  }
  return q;
}

/** HTML (cgitb's default) unless the Accept header prefers text/plain. */
export function reportFormatFor(accept: string | undefined): ReportFormat {
  if (!accept || !accept.trim()) return 'html';
  const html = qualityFor(accept, 'text', 'html');
  const text = qualityFor(accept, 'text', 'plain');
  return text > html ? 'text' : 'html';
}

interface Fact {
  label: string;
  value: string;
}

function facts(input: CgiReportInput): Fact[] {
  const out: Fact[] = [
    { label: 'Script', value: input.scriptPath },
    { label: 'SCRIPT_NAME', value: input.env.SCRIPT_NAME ?? '' },
    { label: 'Failure', value: `${input.failure.kind}: ${input.failure.message}` },
  ];
  const c = input.completion;
  if (c) {
    out.push({ label: 'Exit status', value: c.exitCode === null ? '(none)' : String(c.exitCode) });
    if (c.signal) out.push({ label: 'Signal', value: c.signal });
    out.push({ label: 'Elapsed', value: `${(c.elapsedMs / 1000).toFixed(3)} s` });
  }
  return out;
}

function stderrText(input: CgiReportInput): { text: string; note: string } {
  const c = input.completion;
  if (!c || c.stderr.length === 0) return { text: '', note: 'The script wrote nothing on stderr.' };
  return { text: c.stderr.toString('utf8'), note: c.stderrTruncated ? `The last ${c.stderr.length} bytes of stderr:` : 'Standard error:' };
}

function sortedEnv(env: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** cgitb.html's report for a failed script. */
export function htmlReport(input: CgiReportInput): string {
  const when = (input.when ?? new Date()).toUTCString();
  const title = `${input.failure.kind}: ${input.failure.message}`;
  const err = stderrText(input);
  const rows = facts(input)
    .map((f) => `<tr><td valign=top><strong>${htmlEscape(f.label)}</strong></td><td><tt>${htmlEscape(f.value)}</tt></td></tr>`)
    .join('\n');
  const envRows = sortedEnv(input.env)
    .map(([k, v]) => `<tr><td valign=top><tt>${htmlEscape(k)}</tt></td><td><tt>${htmlEscape(v)}</tt></td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>CGI script failed: ${htmlEscape(input.env.SCRIPT_NAME ?? input.scriptPath)}</title></head>
<body bgcolor="#f0f0f8">
<table width="100%" cellspacing=0 cellpadding=2 border=0 summary="heading">
<tr bgcolor="#6622aa">
<td valign=bottom>&nbsp;<br>
<font color="#ffffff" face="helvetica, arial">&nbsp;<br><big><big><strong>${htmlEscape(title)}</strong></big></big></font></td>
<td align=right valign=bottom><font color="#ffffff" face="helvetica, arial">netkit CGI<br>${htmlEscape(when)}</font></td></tr></table>
<p>A problem occurred in a CGI script. Here is what the server knows about it.</p>
<h3>The script</h3>
<table cellspacing=0 cellpadding=2 border=0>
${rows}
</table>
<h3>Standard error</h3>
<p>${htmlEscape(err.note)}</p>
${err.text ? `<pre>${htmlEscape(err.text)}</pre>\n` : ''}<h3>The CGI environment</h3>
<table cellspacing=0 cellpadding=2 border=0>
${envRows}
</table>
</body>
</html>
`;
}

/** cgitb.text's report for a failed script. */
export function textReport(input: CgiReportInput): string {
  const when = (input.when ?? new Date()).toUTCString();
  const err = stderrText(input);
  const lines = [`${input.failure.kind}: ${input.failure.message}`, `netkit CGI, ${when}`, '', 'A problem occurred in a CGI script. Here is what the server knows about it.', ''];
  for (const f of facts(input)) lines.push(`${f.label}: ${f.value}`);
  lines.push('', err.note);
  if (err.text) lines.push(err.text.replace(/\n$/, ''));
  lines.push('', 'The CGI environment:');
  for (const [k, v] of sortedEnv(input.env)) lines.push(`${k} = ${JSON.stringify(v)}`);
  return lines.join('\n') + '\n';
}

export function cgiReport(input: CgiReportInput, format: ReportFormat): string {
  return format === 'html' ? htmlReport(input) : textReport(input);
}

/** The Content-Type of a report. */
export function reportContentType(format: ReportFormat): string {
  return format === 'html' ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** tempfile's candidate name: 'tmp' + 8 of [a-z0-9_] + '.html' or '.txt' (cgitb's suffixes). */
export function logFileName(format: ReportFormat): string {
  const bytes = randomBytes(8);
  let name = 'tmp';
  for (const b of bytes) name += NAME_CHARS[b % NAME_CHARS.length];
  return name + (format === 'html' ? '.html' : '.txt');
}

/** cgitb's logdir: writes the report to a new file (exclusive create, mode 0600) in `dir`; returns its path. */
export async function writeReport(dir: string, input: CgiReportInput, format: ReportFormat): Promise<string> {
  const text = cgiReport(input, format);
  for (let attempt = 0; ; attempt++) {
    const path = join(dir, logFileName(format));
    let handle;
    try {
      handle = await open(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
      throw err;
    }
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    return path;
  }
}

/** cgitb's line about the saved file ('<p> %s contains the description of this error.'), escaped here. */
export function savedNotice(path: string, format: ReportFormat): string {
  return format === 'html' ? `<p> ${htmlEscape(path)} contains the description of this error.\n` : `${path} contains the description of this error.\n`;
}
