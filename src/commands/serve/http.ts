// `netkit serve http [PORT]`: python3 -m http.server's command line (port, -b, -d, -p)
// plus the shared server options (--port-file, --max-requests, --once, --log-format,
// --idle-timeout, --tls-cert/--tls-key, --tls-self-signed) and the extras: -H, --no-listing,
// --no-dotfiles, --cors, --cache, --no-gzip, --spa, --follow-symlinks, --auth, --upload,
// --open, and CGI (--cgi, --cgi-dir, --cgi-timeout, --cgi-debug, --cgi-logdir, --cgi-python-mode).
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { runServeHttp, type ServeHttpOptions } from './http-run.js';
import { parseBytes, parseCount, parseNonNegative, parsePort, parsePositiveSeconds } from './options.js';

const EXAMPLES = [
  'netkit serve http',
  'netkit serve http 8080 -b :: -d public',
  'netkit serve http 0 --port-file port.txt --once',
  "netkit serve http --cors -H 'X-Frame-Options: DENY' --no-dotfiles",
  'netkit serve http --cgi --cgi-debug    # run ./cgi-bin/* and ./htbin/* scripts',
  'netkit serve http 8443 --tls-self-signed --tls-cert-out cert.pem    # then: curl --cacert cert.pem https://localhost:8443/',
  'netkit serve http --auth-file users.txt    # lines of user:password; Basic auth on every request',
  'netkit serve http --upload --max-upload 10000000    # curl -T file http://127.0.0.1:8000/dir/',
  'netkit serve http 0 --open    # a free port, shown in the browser',
  'netkit serve http -p HTTP/1.0    # Python\'s default protocol: one request per connection',
];

/** A header line as -H takes it. */
const HEADER = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([^\r\n\0]*)$/;

function parseHeader(value: string, previous: string[]): string[] {
  if (!HEADER.test(value)) throw new InvalidArgumentError(`-H wants 'Name: value', got '${value}'`);
  return [...previous, value];
}

function parseProtocol(value: string): string {
  if (value !== 'HTTP/1.0' && value !== 'HTTP/1.1') throw new InvalidArgumentError(`expected HTTP/1.0 or HTTP/1.1, got '${value}'`);
  return value;
}

export function makeServeHttpCommand(ctx: Context, run = runServeHttp): Command {
  const cmd = new Command('http')
    .description('serve a directory over HTTP as python3 -m http.server does (SimpleHTTPRequestHandler)')
    .argument('[PORT]', 'bind to this port (default: 8000; 0 picks a free port)', parsePort, 8000)
    .option('-b, --bind <ADDRESS>', 'bind to this address (default: 127.0.0.1; 0.0.0.0 or :: to share)', '127.0.0.1')
    .option('-d, --directory <DIR>', 'serve this directory (default: current directory)')
    .option('-p, --protocol <VERSION>', 'conform to this HTTP version: HTTP/1.1 keeps connections alive (default), HTTP/1.0 is Python\'s default', parseProtocol, 'HTTP/1.1')
    .option('--tls-cert <PATH>', 'serve HTTPS with this certificate chain file (PEM; Python 3.14\'s flag)')
    .option('--tls-key <PATH>', 'the TLS private key file (PEM; default: the key inside --tls-cert)')
    .option('--tls-password-file <PATH>', 'file holding the password of the TLS key')
    .option('--tls-self-signed', 'serve HTTPS with an ephemeral self-signed certificate made at start (its SHA-256 fingerprint is printed)', false)
    .option('--tls-cert-out <FILE>', 'with --tls-self-signed: write the certificate (PEM) to FILE, for clients to trust (curl --cacert FILE)')
    .option('--port-file <FILE>', 'write the bound port to FILE once listening (for scripts)')
    .option('--max-requests <N>', 'exit after answering N requests', parseCount)
    .option('--once', 'exit after answering one request (--max-requests 1)', false)
    .option('--idle-timeout <SECONDS>', 'close connections silent for this long (0: never)', parseNonNegative, 60)
    .addOption(new Option('--log-format <FORMAT>', 'access log on stderr: Python\'s lines or JSON records').choices(['common', 'json']).default('common'))
    .option('-H, --header <LINE>', "add a response header 'Name: value' to every response (repeatable)", parseHeader, [])
    .option('--no-listing', 'answer 404 for a directory without index.html instead of listing it')
    .option('--no-dotfiles', 'answer 404 for any path with a component starting with "." and hide such entries')
    .option('--cors', 'add Access-Control-Allow-Origin: * to every response', false)
    .option('--cache <SECONDS>', 'add Cache-Control: max-age=SECONDS to every response', parseNonNegative)
    .option('--spa', 'single-page app: a path where nothing exists serves the root\'s index.html with 200', false)
    .option('--follow-symlinks', 'follow symbolic links that lead outside the directory (Python does; by default they are 404)', false)
    .option('--open', 'open the served URL in a web browser once listening (as netkit browser open does)', false)
    .option('--upload', 'accept uploads: PUT a file to its path, POST multipart/form-data files into a directory (never outside the root)', false)
    .option('--max-upload <BYTES>', 'largest upload body accepted with --upload (default 64 MiB; larger: 413)', parseBytes)
    .option('--auth <USER:PASS>', 'require HTTP Basic authentication with this user and password (401 otherwise)')
    .option('--auth-file <FILE>', 'require Basic authentication with any "user:password" line of FILE (keeps the password off the command line)')
    .option('--no-gzip', 'never gzip responses (by default compressible files of 1 KiB or more are gzipped for clients that accept it; HTTP/1.1 mode)')
    .option('--cgi', 'run CGI scripts under /cgi-bin and /htbin as CGIHTTPRequestHandler does', false)
    .option('--cgi-dir <DIR>', 'a CGI directory as a URL path under the root (repeatable; replaces /cgi-bin and /htbin; implies --cgi)', (v: string, prev: string[]) => [...prev, v], [])
    .option('--cgi-timeout <SECONDS>', 'kill a CGI script (its whole process group) running longer than this; the client gets a 500', parsePositiveSeconds, 30)
    .option('--cgi-debug', 'answer a failed CGI script with a cgitb-style report (HTML, or text when Accept prefers text/plain)', false)
    .option('--cgi-logdir <DIR>', 'keep each failed CGI script\'s report as a file in DIR (cgitb.enable(logdir=...))')
    .option('--cgi-python-mode', 'send CGI output as Python 3.11 does: 200 "Script output follows", then the script\'s bytes untouched', false)
    .action(async (port: number, opts: Omit<ServeHttpOptions, 'port'>) => {
      ctx.exitCode = await run(ctx, { ...opts, port });
    });
  return withExamples(cmd, EXAMPLES);
}
