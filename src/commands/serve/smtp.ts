// `netkit serve smtp [LOCALADDR [REMOTEADDR]]`: python3 -m smtpd's command line (-c, -s,
// -u, -d, -n) plus the shared server options (-b, --port-file, --tls-*, --idle-timeout) and
// the sinks (--maildir, --mbox, --jsonl), AUTH, limits and the CI mode (--exit-after,
// --expect, --timeout).
import { Command, InvalidArgumentError } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { collect, parseBytes, parseCount, parseNonNegative, parsePositiveSeconds } from './options.js';
import { runServeSmtp, type ServeSmtpOptions } from './smtp-run.js';

const EXAMPLES = [
  'netkit serve smtp    # DebuggingServer on localhost:8025: every message printed on stdout',
  'netkit serve smtp -n -c DebuggingServer localhost:8025    # the README line, as python3 -m smtpd reads it',
  'netkit serve smtp 127.0.0.1:0 --port-file port --maildir mail --expect 3 --timeout 60    # CI: exit 0 once 3 messages are stored',
  'netkit serve smtp --jsonl - --auth-any    # one JSON object per message on stdout; any AUTH accepted',
  'netkit serve smtp 127.0.0.1:2525 --tls-self-signed --tls-cert-out ca.pem --require-tls --auth alice:secret',
  'netkit serve smtp localhost:8025 smtp.example.net:25 -c PureProxy    # relay every message',
];

function parseSize(value: string): number {
  if (!/^\s*[+]?\d+\s*$/.test(value)) throw new InvalidArgumentError(`Invalid size: ${value}`);
  return Number(value);
}

function parseClass(value: string): string {
  const name = value.replace(/^smtpd\./, '');
  if (name !== 'DebuggingServer' && name !== 'PureProxy') throw new InvalidArgumentError(`unknown class '${value}' (netkit has DebuggingServer and PureProxy)`);
  return name;
}

export function makeServeSmtpCommand(ctx: Context, run = runServeSmtp): Command {
  const cmd = new Command('smtp')
    .description('run a test SMTP server as python3 -m smtpd does (DebuggingServer, PureProxy), with Maildir/mbox/JSON-lines sinks, TLS and AUTH')
    .argument('[LOCALADDR]', 'host:port to listen on (default: localhost:8025; port 0 picks a free port)')
    .argument('[REMOTEADDR]', 'host:port PureProxy relays to (default: localhost:25)')
    .option('-c, --class <CLASSNAME>', 'DebuggingServer (print each message) or PureProxy (relay to REMOTEADDR); default: DebuggingServer unless a sink is given', parseClass)
    .option('-s, --size <LIMIT>', 'largest message accepted, advertised as SIZE (default: no SIZE, as the smtpd CLI; 32 MiB enforced)', parseSize)
    .option('-u, --smtputf8', 'enable the SMTPUTF8 extension (RFC 6531)', false)
    .option('-d, --debug', "print smtpd's debugging lines on stderr", false)
    .option('-n, --nosetuid', 'accepted for python3 -m smtpd compatibility; netkit never changes its user', false)
    .option('-b, --bind <ADDRESS>', 'listen on this address instead of LOCALADDR\'s host')
    .option('--hostname <NAME>', 'the name in the greeting and EHLO reply (default: socket.getfqdn())')
    .option('--port-file <FILE>', 'write the bound port to FILE once listening (for scripts)')
    .option('--maildir <DIR>', 'store each message in the Maildir DIR (tmp → new, fsynced before the 250)')
    .option('--mbox <FILE>', 'append each message to the mbox FILE (mboxrd quoting, fsynced before the 250)')
    .option('--jsonl <FILE>', 'one JSON object per message (envelope, peer, headers, parts with sizes and SHA-256) to FILE, or stdout for "-"')
    .option('--tls-cert <PATH>', 'certificate chain (PEM): offer STARTTLS (or implicit TLS with --smtps)')
    .option('--tls-key <PATH>', 'the TLS private key file (PEM; default: the key inside --tls-cert)')
    .option('--tls-password-file <PATH>', 'file holding the password of the TLS key')
    .option('--tls-self-signed', 'use an ephemeral self-signed certificate made at start (its SHA-256 fingerprint is printed)', false)
    .option('--tls-cert-out <FILE>', 'with --tls-self-signed: write the certificate (PEM) to FILE for clients to trust')
    .option('--smtps', 'implicit TLS from the first byte (port 465 style) instead of STARTTLS', false)
    .option('--require-tls', 'refuse MAIL, RCPT, DATA and AUTH before STARTTLS (530)', false)
    .option('--auth <USER:PASS>', 'accept AUTH PLAIN, LOGIN and CRAM-MD5 for this user (repeatable)', collect, [])
    .option('--auth-file <FILE>', 'accept AUTH for every "user:password" line of FILE')
    .option('--auth-any', 'offer AUTH and accept any user and password (records who claimed to be whom)', false)
    .option('--require-auth', 'refuse MAIL before a successful AUTH (530)', false)
    .option('--no-pipelining', "do not advertise PIPELINING: EHLO replies exactly as Python's smtpd")
    .option('--max-recipients <N>', 'refuse RCPT past N recipients per message (452)', parseCount)
    .option('--max-connections <N>', 'answer 421 to connections past N at once', parseCount)
    .option('--max-line-length <BYTES>', 'refuse a message with a line longer than BYTES, CRLF included (RFC 5321: 1000; default: no limit, as smtpd)', parseBytes)
    .option('--idle-timeout <SECONDS>', 'answer 421 and close a connection silent this long (0: never)', parseNonNegative, 300)
    .option('--exit-after <N>', 'stop (exit 0) once N messages were accepted', parseCount)
    .option('--expect <N>', 'CI mode: exit 0 once N messages were accepted, 1 if --timeout runs out first', parseCount)
    .option('--timeout <SECONDS>', 'with --expect or --exit-after: give up (exit 1) after SECONDS (default for --expect: 30)', parsePositiveSeconds)
    .action(async (localaddr: string | undefined, remoteaddr: string | undefined, opts: Omit<ServeSmtpOptions, 'localaddr' | 'remoteaddr'>) => {
      ctx.exitCode = await run(ctx, { ...opts, localaddr, remoteaddr });
    });
  return withExamples(cmd, EXAMPLES);
}
