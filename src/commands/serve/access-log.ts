// Access log lines on stderr: Python's log_request/log_error lines (common) or one JSON
// record per event; lines gathered and written once per turn of the event loop, so a busy
// server does not pay a write per request.
import type { Context } from '../../cli/context.js';
import type { LogEvent } from '../../protocols/http/server/index.js';
import { accessLogLine, logMessageLine } from '../../protocols/http/server/simple/log-line.js';

export class AccessLog {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly ctx: Context,
    private readonly format: 'common' | 'json',
  ) {}

  write(event: LogEvent): void {
    if (this.ctx.flags.quiet) return;
    const now = new Date();
    if (this.format === 'json') {
      const record =
        event.type === 'request'
          ? { time: now.toISOString(), client: event.client, request_line: event.requestLine, code: event.code, bytes: event.bytes }
          : { time: now.toISOString(), client: event.client, code: event.code, message: event.message, level: 'error' };
      this.pending += JSON.stringify(record) + '\n';
    } else if (event.type === 'request') {
      // SimpleHTTPRequestHandler never passes a size: Python logs "-".
      this.pending += accessLogLine(event.client, event.requestLine, event.code, '-', now);
    } else {
      this.pending += logMessageLine(event.client, `code ${event.code}, message ${event.message}`, now);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (!this.pending) return;
    this.ctx.out.stderr.write(this.pending);
    this.pending = '';
  }
}
