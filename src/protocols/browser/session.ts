// The kind of session netkit runs in: a display (X11 or Wayland), SSH, WSL, and from
// those whether it is headless, when `browser open` prints the URL instead of opening it.

export interface SessionInput {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Contents of /proc/version, if readable (Linux). */
  procVersion?: string | undefined;
}

export interface Session {
  display: boolean;
  ssh: boolean;
  wsl: boolean;
  headless: boolean;
  /** Why the session counts as headless, or as not. */
  reason: string;
}

/** WSL: WSL_DISTRO_NAME is set, or the kernel's version string names Microsoft (WSL1 "Microsoft", WSL2 "microsoft-standard"). */
export function isWSL(input: SessionInput): boolean {
  if (input.platform !== 'linux') return false;
  return Boolean(input.env.WSL_DISTRO_NAME) || /microsoft/i.test(input.procVersion ?? '');
}

export function detectSession(input: SessionInput): Session {
  const env = input.env;
  const display = Boolean(env.DISPLAY) || Boolean(env.WAYLAND_DISPLAY);
  const ssh = Boolean(env.SSH_CONNECTION) || Boolean(env.SSH_TTY);
  const wsl = isWSL(input);
  const unixLike = input.platform !== 'win32' && input.platform !== 'darwin';
  if (display) return { display, ssh, wsl, headless: false, reason: `display ${env.WAYLAND_DISPLAY ? `WAYLAND_DISPLAY=${env.WAYLAND_DISPLAY}` : `DISPLAY=${env.DISPLAY}`}` };
  if (ssh) return { display, ssh, wsl, headless: true, reason: `SSH session (${env.SSH_CONNECTION ? 'SSH_CONNECTION' : 'SSH_TTY'} set) without DISPLAY or WAYLAND_DISPLAY` };
  if (wsl) return { display, ssh, wsl, headless: false, reason: 'WSL: the Windows desktop opens URLs' };
  if (unixLike) return { display, ssh, wsl, headless: true, reason: 'no DISPLAY or WAYLAND_DISPLAY' };
  return { display, ssh, wsl, headless: false, reason: `${input.platform} desktop` };
}
