// The browser world netkit sees: the session (display, SSH, WSL, headless) and the
// registry built for it, from a platform, an environment, a cwd and /proc/version.
import { readFileSync } from 'node:fs';
import { registerStandardBrowsers, type Registry } from './registry.js';
import { detectSession, type Session } from './session.js';
import type { WhichEnv } from './which.js';

export interface BrowserEnvironment extends WhichEnv {
  /** /proc/version's text; read from the file when left out (Linux only). */
  procVersion?: string;
  /** Replaces `xdg-settings get default-web-browser` (tests). */
  xdgDefault?: (w: WhichEnv) => string | undefined;
}

export interface BrowserWorld {
  session: Session;
  registry: Registry;
}

function readProcVersion(): string | undefined {
  try {
    return readFileSync('/proc/version', 'utf8');
  } catch {
    return undefined;
  }
}

export function loadBrowsers(e: BrowserEnvironment): BrowserWorld {
  const procVersion = e.procVersion ?? (e.platform === 'linux' ? readProcVersion() : undefined);
  const session = detectSession({ platform: e.platform, env: e.env, procVersion });
  const registry = registerStandardBrowsers({ platform: e.platform, env: e.env, cwd: e.cwd, wsl: session.wsl, ...(e.xdgDefault ? { xdgDefault: e.xdgDefault } : {}) });
  return { session, registry };
}
