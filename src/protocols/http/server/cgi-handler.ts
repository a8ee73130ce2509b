// `serve http --cgi`: CGIHTTPRequestHandler's dispatch on netkit's engine. A request under
// a CGI directory is selected (cgi/select), run (cgi/run) and its CgiResult sent: a failure
// known before anything went out is a 500 (with --cgi-debug the cgitb-style report is the
// body, HTML or text by Accept; with --cgi-logdir the report is also kept as a file); a
// 3.11 "raw" result goes out as Python sends it; a body cut short (timeout, cap) destroys
// the connection; a client that goes away kills the script. Other requests fall through.
import { buildCgiEnv, cgiReport, reportContentType, reportFormatFor, runCgi, safeBaseEnv, savedNotice, selectCgi, writeReport, type CgiFailure, type CgiReportInput, type CgiScript } from './cgi/index.js';
import type { Exchange } from './exchange.js';

export interface CgiHandlerOptions {
  root: string;
  /** URL paths ('/cgi-bin'); default Python's ['/cgi-bin', '/htbin']. */
  directories?: readonly string[];
  timeoutMs: number;
  /** The failure report is the 500's body. */
  debug: boolean;
  /** Keep each failure report as a file here. */
  logdir?: string;
  /** CPython 3.11's raw mode ("Script output follows", output untouched). */
  pythonMode: boolean;
  serverSoftware: string;
  protocolVersion: string;
  /** The bound port and host (SERVER_PORT, SERVER_NAME). */
  server: () => { host: string; port: number };
}

/** socket.getfqdn() of the usual loopback and wildcard addresses; other hosts as they are. */
function serverName(host: string): string {
  return host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
}

/**
 * Returns a handler that answers CGI requests and returns false for the others (the
 * caller then serves the file, or 501 for a POST as Python does).
 */
export function makeCgiHandler(options: CgiHandlerOptions): (x: Exchange) => Promise<boolean> {
  const base = safeBaseEnv();
  return async function handleCgi(x: Exchange): Promise<boolean> {
    const sel = await selectCgi(x.path, { root: options.root, cgiDirectories: options.directories });
    if (sel.kind === 'not-cgi') return false;
    if (sel.kind === 'error') {
      x.error(sel.status, sel.message);
      return true;
    }
    const script = sel.script;
    const h = x.headers;
    const headers: Array<[string, string]> = h ? h.names.map((n, i) => [n, h.values[i]!]) : [];
    const { host, port } = options.server();
    const env = buildCgiEnv(script, { method: x.method, path: x.path, headers, clientAddress: x.client }, { serverSoftware: options.serverSoftware, serverName: serverName(host), serverPort: port, protocolVersion: options.protocolVersion }, base);
    const result = await runCgi(script, env, {
      mode: options.pythonMode ? 'python' : 'rfc3875',
      timeoutMs: options.timeoutMs,
      ...(x.body && x.body.length > 0 ? { stdin: x.body } : {}),
    });
    if (x.finished) {
      result.abort();
      return true;
    }
    x.onAbort = () => result.abort();
    if (result.failure) {
      x.onAbort = undefined;
      await failed(x, script, env, result.failure, await result.completion);
      return true;
    }
    const lines = result.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('');
    await x.respondStream(result.status, result.reason, lines, result.body, result.bodyLength, result.raw);
    x.onAbort = undefined;
    return true;
  };

  async function failed(x: Exchange, script: CgiScript, env: Record<string, string>, failure: CgiFailure, completion: Awaited<ReturnType<typeof runCgi>>['completion'] extends Promise<infer C> ? C : never): Promise<void> {
    const input: CgiReportInput = { failure, completion, env, scriptPath: script.scriptFile };
    const format = reportFormatFor(x.headers?.get('accept'));
    let notice = '';
    if (options.logdir) {
      try {
        notice = savedNotice(await writeReport(options.logdir, input, format), format);
      } catch {
        // An unwritable logdir must not turn the 500 into a dropped connection.
      }
    }
    if (!options.debug) {
      x.error(500, 'CGI script failed', failure.message);
      return;
    }
    const body = Buffer.from(cgiReport(input, format) + notice, 'utf8');
    x.close = true;
    x.respond(500, 'CGI script failed', `Content-Type: ${reportContentType(format)}\r\nContent-Length: ${body.length}\r\n`, body);
  }
}
