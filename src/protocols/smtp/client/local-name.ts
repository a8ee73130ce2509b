// The name smtplib sends in EHLO/HELO when none is given (SMTP.__init__): socket.getfqdn()
// when it has a dot, else "[" + gethostbyname(gethostname()) + "]", "[127.0.0.1]" when
// that fails. getfqdn's reverse lookup is getnameinfo here (no aliases); bounded in time.
import { lookup, lookupService } from 'node:dns/promises';
import { hostname } from 'node:os';

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** smtplib's local_hostname for this machine, looked up in at most `timeoutMs`. */
export async function defaultLocalHostname(timeoutMs = 2000): Promise<string> {
  const name = hostname();
  const addr = await within(lookup(name, { family: 4 }).then((r) => r.address), timeoutMs);
  if (name.includes('.') && addr === undefined) return name;
  if (addr !== undefined) {
    const fqdn = await within(lookupService(addr, 0).then((r) => r.hostname), timeoutMs);
    if (fqdn !== undefined && fqdn.includes('.')) return fqdn;
    if (fqdn === undefined && name.includes('.')) return name;
  }
  return `[${addr ?? '127.0.0.1'}]`;
}
