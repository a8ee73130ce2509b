// uuid.getnode(): the host's 48-bit hardware address, or (as Python does when none is
// found) a random one with the multicast bit set so it can never clash with a real NIC.
import { networkInterfaces } from 'node:os';
import { randomBits } from '../core/random-pool.js';

let cached: number | undefined;

/** MAC "aa:bb:cc:dd:ee:ff" as a number, or undefined for the all-zero address. */
function macToNumber(mac: string): number | undefined {
  const value = parseInt(mac.replace(/:/g, ''), 16);
  return Number.isFinite(value) && value !== 0 ? value : undefined;
}

// Python's _is_universal(): the universal/local bit (bit 41) is clear.
function isUniversal(mac: number): boolean {
  return Math.floor(mac / 2 ** 41) % 2 === 0;
}

/** Like Python: the first universally administered address, else the first local one, else random multicast. */
export function getNode(): number {
  if (cached !== undefined) return cached;
  let local: number | undefined;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.internal) continue;
      const mac = macToNumber(address.mac);
      if (mac === undefined) continue;
      if (isUniversal(mac)) return (cached = mac);
      local ??= mac;
    }
  }
  cached = local ?? randomNode();
  return cached;
}

/** Python's _random_getnode(): 48 random bits with the multicast bit (RFC 9562 §6.10) set. */
export function randomNode(): number {
  const r = randomBits(48);
  return Math.floor(r / 2 ** 40) % 2 === 1 ? r : r + 2 ** 40;
}
