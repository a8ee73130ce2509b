// The request handler of `serve http`, composed from the options: the file handler alone
// on the fast path, and in front of it, when asked for, the CGI dispatch (--cgi) with
// CGIHTTPRequestHandler's methods (POST only to scripts: 501 "Can only POST to CGI scripts"),
// --upload's PUT and multipart POST, and --auth/--auth-file's Basic gate before everything.
import { resolve } from 'node:path';
import { statSync } from 'node:fs';
import { makeBasicAuth } from '../../protocols/http/server/basic-auth.js';
import { readAuthEntries } from './auth-entries.js';
import { UsageError } from '../../cli/errors.js';
import type { Exchange } from '../../protocols/http/server/index.js';
import { FILE_METHODS } from '../../protocols/http/server/file-handler.js';
import { makeUploader } from '../../protocols/http/server/upload.js';
import { makeCgiHandler } from '../../protocols/http/server/cgi-handler.js';
import { DEFAULT_CGI_DIRECTORIES } from '../../protocols/http/server/cgi/index.js';
import type { ServeHttpOptions } from './http-run.js';

/** The largest request body a CGI script is handed (it is held in memory). */
export const CGI_MAX_BODY = 64 * 1024 * 1024;

/** --max-upload's default. */
export const DEFAULT_MAX_UPLOAD = 64 * 1024 * 1024;

export interface Composed {
  handler: (x: Exchange) => void | Promise<void>;
  methods: ReadonlySet<string>;
  maxBodyBytes: number;
}

export interface Parts {
  serverVersion: string;
  file: (x: Exchange) => void;
  server: () => { host: string; port: number };
}

/** "cgi-bin", "/cgi-bin/" → "/cgi-bin": the URL-path form is_cgi compares with. */
function cgiDirectory(dir: string): string {
  const trimmed = dir.replace(/\/+$/, '');
  if (!trimmed || trimmed.includes('\0') || trimmed.split('/').some((p) => p === '..' || p === '.')) throw new UsageError(`--cgi-dir: not a directory path under the root: '${dir}'`);
  return trimmed.startsWith('/') ? trimmed : '/' + trimmed;
}

export function composeHandler(cwd: string, root: string, opts: ServeHttpOptions, parts: Parts): Composed {
  const inner = composeInner(cwd, root, opts, parts);
  const credentials = readAuthEntries(cwd, opts.auth === undefined ? [] : [opts.auth], opts.authFile);
  if (credentials.length === 0) return inner;
  const gate = makeBasicAuth(credentials);
  const next = inner.handler;
  return { ...inner, handler: (x) => (gate(x) ? next(x) : undefined) };
}

function composeInner(cwd: string, root: string, opts: ServeHttpOptions, parts: Parts): Composed {
  const useCgi = opts.cgi || opts.cgiDir.length > 0;
  if (opts.maxUpload !== undefined && !opts.upload) throw new UsageError('--max-upload needs --upload');
  const uploader = opts.upload ? makeUploader({ root, dotfiles: opts.dotfiles }) : undefined;
  const uploadCap = opts.maxUpload ?? DEFAULT_MAX_UPLOAD;
  if (!useCgi) {
    if (opts.cgiDebug || opts.cgiLogdir || opts.cgiPythonMode) throw new UsageError('--cgi-debug, --cgi-logdir and --cgi-python-mode need --cgi');
    if (!uploader) return { handler: parts.file, methods: FILE_METHODS, maxBodyBytes: 0 };
    const file = parts.file;
    return {
      handler: (x) => {
        if (x.method === 'PUT') uploader.put(x);
        else if (x.method === 'POST') {
          if (!uploader.post(x)) x.error(405, 'Method Not Allowed', 'POST uploads go to a directory');
        } else file(x);
      },
      methods: new Set([...FILE_METHODS, 'PUT', 'POST']),
      maxBodyBytes: uploadCap,
    };
  }
  let logdir: string | undefined;
  if (opts.cgiLogdir) {
    logdir = resolve(cwd, opts.cgiLogdir);
    let ok = false;
    try {
      ok = statSync(logdir).isDirectory();
    } catch {
      // reported below
    }
    if (!ok) throw new UsageError(`--cgi-logdir: not a directory: ${logdir}`);
  }
  const cgi = makeCgiHandler({
    root,
    directories: opts.cgiDir.length > 0 ? opts.cgiDir.map(cgiDirectory) : DEFAULT_CGI_DIRECTORIES,
    timeoutMs: Math.round(opts.cgiTimeout * 1000),
    debug: opts.cgiDebug,
    logdir,
    pythonMode: opts.cgiPythonMode,
    serverSoftware: parts.serverVersion,
    protocolVersion: opts.protocol,
    server: parts.server,
  });
  const file = parts.file;
  const handler = async (x: Exchange): Promise<void> => {
    if (x.method === 'PUT' && uploader) return uploader.put(x);
    if (await cgi(x)) return;
    if (x.method === 'POST') {
      if (!uploader) x.error(501, 'Can only POST to CGI scripts');
      else if (!uploader.post(x)) x.error(405, 'Method Not Allowed', 'POST goes to CGI scripts, or uploads to a directory');
    } else file(x);
  };
  const methods = new Set([...FILE_METHODS, 'POST', ...(uploader ? ['PUT'] : [])]);
  return { handler, methods, maxBodyBytes: uploader ? Math.max(uploadCap, CGI_MAX_BODY) : CGI_MAX_BODY };
}
