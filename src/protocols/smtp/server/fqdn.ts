// socket.getfqdn() as smtpd calls it for its greeting: gethostbyaddr(gethostname()) and
// the first name with a dot among the canonical name and aliases, else the canonical name.
// getnameinfo stands in for gethostbyaddr (no aliases); every lookup is bounded in time.
import { lookup, lookupService } from 'node:dns/promises';
import { hostname } from 'node:os';

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

export async function getfqdn(timeoutMs = 2000): Promise<string> {
  const name = hostname();
  const addr = await within(lookup(name).then((r) => r.address), timeoutMs);
  if (addr === undefined) return name;
  const canonical = await within(lookupService(addr, 0).then((r) => r.hostname), timeoutMs);
  return canonical ?? name;
}
