// A progress line for long transfers: one updating line on stderr, rate-limited, shown only
// on a terminal and never under --json, --quiet or --debug.
import type { Context } from './context.js';

/** Human units: 1023 B, 1.5 KiB, 12.0 MiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** A single updating progress line on an interactive stderr, at most every `interval` ms. */
export class Progress {
  private readonly on: boolean;
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(
    private readonly ctx: Context,
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly interval = 100,
    private readonly now: () => number = Date.now,
  ) {
    const f = ctx.flags;
    this.on = Boolean(ctx.io.stderr.isTTY) && !f.json && !f.quiet && !f.debug;
  }

  /** The line for `done` bytes: "label  1.2 MiB / 3.0 MiB  40%  512.0 KiB/s". */
  line(done: number): string {
    const seconds = Math.max((this.now() - this.started) / 1000, 0.001);
    const rate = `${formatBytes(Math.round(done / seconds))}/s`;
    const of = this.total === undefined ? formatBytes(done) : `${formatBytes(done)} / ${formatBytes(this.total)}  ${this.total > 0 ? Math.floor((done * 100) / this.total) : 100}%`;
    return `${this.label}  ${of}  ${rate}`;
  }

  update(done: number, force = false): void {
    if (!this.on) return;
    const t = this.now();
    if (!force && this.shown && t - this.last < this.interval) return;
    this.last = t;
    this.shown = true;
    this.ctx.out.stderr.write(`\r${this.line(done)}\x1b[K`);
  }

  /** The final state, and the line ended. */
  finish(done: number): void {
    if (!this.on) return;
    this.update(done, true);
    this.ctx.out.stderr.write('\n');
  }

  /** Clears the line (on failure). */
  clear(): void {
    if (this.on && this.shown) this.ctx.out.stderr.write('\r\x1b[K');
  }
}
