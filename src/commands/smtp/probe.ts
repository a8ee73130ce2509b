// `netkit smtp probe HOST|URL`: what a server offers — greeting, EHLO capabilities before
// and after STARTTLS, the TLS version and certificate, AUTH mechanisms — and, with
// credentials, whether login works. A failed STARTTLS is reported and exits 6.
import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { withExamples } from '../../cli/command.js';
import { EXIT } from '../../cli/exit-codes.js';
import type { Style } from '../../cli/output.js';
import type { TLSInfo } from '../../protocols/core/tls-client.js';
import type { SMTPClient } from '../../protocols/smtp/client/index.js';
import { addConnectionOptions, parseServer, quietQuit, type SessionOptions } from './session.js';

interface EhloRecord {
  smtp_code: number;
  name: string;
  lines: string[];
  features: Record<string, string>;
  auth_mechanisms: string[];
}

interface TLSRecord {
  version: string;
  cipher: string;
  authorized: boolean;
  authorization_error: string | null;
  certificate: { subject: string; issuer: string; subject_alt_name: string | null; valid_from: string; valid_to: string; serial_number: string; fingerprint256: string } | null;
}

export interface ProbeResult {
  server: { host: string; port: number; protocol: string };
  greeting: { smtp_code: number; text: string };
  ehlo: EhloRecord | null;
  starttls: { offered: boolean; tls: TLSRecord | null; error: Record<string, unknown> | null } | null;
  tls: TLSRecord | null;
  ehlo_tls: EhloRecord | null;
  login: { mechanism: string | null; ok: boolean; error: Record<string, unknown> | null } | null;
}

function dn(d: Record<string, string | string[]>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function tlsRecord(t: TLSInfo): TLSRecord {
  const c = t.peerCertificate;
  return {
    version: t.version,
    cipher: t.cipher,
    authorized: t.authorized,
    authorization_error: t.authorizationError ?? null,
    certificate: c
      ? { subject: dn(c.subject), issuer: dn(c.issuer), subject_alt_name: c.subjectAltName ?? null, valid_from: c.validFrom, valid_to: c.validTo, serial_number: c.serialNumber, fingerprint256: c.fingerprint256 }
      : null,
  };
}

async function ehloRecord(client: SMTPClient): Promise<EhloRecord | null> {
  await client.ehloOrHeloIfNeeded();
  const resp = client.ehloResp ?? client.heloResp;
  if (!resp) return null;
  const lines = resp.toString('latin1').split('\n');
  return {
    smtp_code: client.doesEsmtp ? 250 : -1,
    name: lines[0]!,
    lines: lines.slice(1),
    features: Object.fromEntries(client.esmtpFeatures),
    auth_mechanisms: (client.esmtpFeatures.get('auth') ?? '').split(/\s+/).filter(Boolean),
  };
}

function errorRecord(err: unknown): Record<string, unknown> {
  const e = err as { toJSON?: () => Record<string, unknown>; name?: string; message?: string; python?: string };
  return typeof e.toJSON === 'function' ? e.toJSON() : { type: e.name ?? 'Error', python: e.python, message: e.message ?? String(err) };
}

export async function runProbe(ctx: Context, target: string, opts: SessionOptions): Promise<{ result: ProbeResult; exit: number }> {
  const spec = parseServer(target);
  const { openSession } = await import('./session.js');
  // The session stops after EHLO: probe does STARTTLS and login itself, to report each step.
  const session = await openSession(ctx, spec, { ...opts, starttls: false, quitAfter: undefined, skipLogin: true });
  const client = session.client;
  const result: ProbeResult = {
    server: { host: spec.host, port: spec.port, protocol: spec.protocol },
    greeting: { smtp_code: client.greeting.code, text: client.greeting.msg.toString('latin1') },
    ehlo: null,
    starttls: null,
    tls: client.tls ? tlsRecord(client.tls) : null,
    ehlo_tls: null,
    login: null,
  };
  let exit: number = EXIT.OK;
  try {
    result.ehlo = await ehloRecord(client);
    if (spec.protocol !== 'smtps') {
      const offered = client.hasExtn('starttls');
      result.starttls = { offered, tls: null, error: null };
      if (offered || opts.starttls) {
        try {
          const info = await client.starttls();
          result.starttls.tls = tlsRecord(info);
          result.tls = result.starttls.tls;
          result.ehlo_tls = await ehloRecord(client);
        } catch (err) {
          if ((err as { kind?: string }).kind !== 'tls') throw err;
          result.starttls.error = errorRecord(err);
          exit = EXIT.TLS;
        }
      }
    }
    if (client.connected && (opts.user !== undefined || opts.netrc || opts.auth !== undefined || spec.urlUser !== undefined)) {
      const { loginOnly } = await import('./session.js');
      result.login = { mechanism: null, ok: false, error: null };
      try {
        result.login.mechanism = await loginOnly(ctx, client, spec, opts);
        result.login.ok = true;
      } catch (err) {
        if ((err as { kind?: string }).kind !== 'auth') throw err;
        result.login.error = errorRecord(err);
        exit ||= 4;
      }
    }
    await quietQuit(client);
  } finally {
    client.close();
  }
  return { result, exit };
}

function renderEhlo(label: string, e: EhloRecord): string {
  return `${label.padEnd(12)}${e.smtp_code} ${e.name}\n` + e.lines.map((l) => `  ${l}\n`).join('');
}

function renderTLS(t: TLSRecord, style: Style): string {
  let out = `${'tls'.padEnd(12)}${t.version} ${t.cipher} (${t.authorized ? style.green('certificate verified') : style.red(`NOT verified: ${t.authorization_error ?? 'unknown'}`)})\n`;
  if (t.certificate) {
    const c = t.certificate;
    out += `${'subject'.padEnd(12)}${c.subject}\n${'issuer'.padEnd(12)}${c.issuer}\n${'names'.padEnd(12)}${c.subject_alt_name ?? ''}\n`;
    out += `${'valid'.padEnd(12)}${c.valid_from} to ${c.valid_to}\n${'sha256'.padEnd(12)}${c.fingerprint256}\n`;
  }
  return out;
}

export function renderProbe(r: ProbeResult, style: Style): string {
  let out = `${'server'.padEnd(12)}${r.server.host}:${r.server.port} (${r.server.protocol})\n`;
  out += `${'greeting'.padEnd(12)}${r.greeting.smtp_code} ${r.greeting.text.replace(/\n/g, ' / ')}\n`;
  if (r.ehlo) out += renderEhlo('ehlo', r.ehlo);
  if (r.starttls) {
    out += `${'starttls'.padEnd(12)}${r.starttls.offered ? 'offered' : 'not offered'}${r.starttls.error ? `: ${style.red(String(r.starttls.error.message))}` : ''}\n`;
  }
  if (r.tls) out += renderTLS(r.tls, style);
  if (r.ehlo_tls) out += renderEhlo('ehlo (tls)', r.ehlo_tls);
  const final = r.ehlo_tls ?? r.ehlo;
  out += `${'auth'.padEnd(12)}${final?.auth_mechanisms.join(' ') ?? ''}\n`;
  if (r.login) out += `${'login'.padEnd(12)}${r.login.ok ? `ok (${r.login.mechanism})` : `failed: ${String(r.login.error?.message ?? '')}`}\n`;
  return out;
}

export function makeProbeCommand(ctx: Context): Command {
  const cmd = new Command('probe')
    .description('show what an SMTP server offers: greeting, EHLO capabilities before and after STARTTLS, TLS version and certificate, AUTH mechanisms')
    .argument('<HOST|URL>', 'HOST[:PORT], smtp://HOST[:PORT], smtps://HOST[:PORT] or lmtp://HOST[:PORT]');
  addConnectionOptions(cmd, false);
  cmd.action(async (target: string, opts: SessionOptions) => {
    const { result, exit } = await runProbe(ctx, target, opts);
    ctx.out.result(result, renderProbe);
    ctx.exitCode = exit;
  });
  return withExamples(cmd, ['netkit smtp probe mail.example.com', 'netkit smtp probe smtp://mail.example.com:587 --json', 'netkit smtp probe smtps://mail.example.com -u alice --password-file pw']);
}
