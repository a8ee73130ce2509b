// Debian's Chromium (`chromium`, /usr/bin/chromium) driven by playwright-core for the
// browser tests: headless, launched with a bounded timeout, always closed. playwright-core
// never downloads a browser; we only ever hand it the system executable.
import { chromium, type Browser } from 'playwright-core';
import { findExecutable, requirePeer } from './nginx.js';

/** How long Chromium gets to start (it takes well under a second here). */
export const LAUNCH_TIMEOUT_MS = 15_000;
/** How long close() may take before we stop waiting (playwright kills it at exit anyway). */
const CLOSE_TIMEOUT_MS = 5_000;

/** A skip reason when Debian's chromium is missing (throws under NETKIT_REQUIRE_PEERS=1). */
export function chromiumSkip(): string | false {
  return requirePeer('chromium');
}

/** Launches headless Chromium from the system (never a downloaded one). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findExecutable('chromium');
  if (!executablePath) throw new Error('chromium is not installed');
  const args = ['--mute-audio', '--no-proxy-server', '--no-first-run', '--disable-background-networking'];
  // Chromium's sandbox refuses to run as root (CI containers).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath, headless: true, args, timeout: LAUNCH_TIMEOUT_MS, handleSIGINT: false });
}

/** Runs fn with a fresh headless Chromium, closed in finally (bounded). */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      browser.close().catch(() => {}),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
  }
}
