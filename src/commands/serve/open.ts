// --open: once `serve http` listens, open its URL with netkit's browser engine
// (webbrowser.open, new=0), as `netkit browser open URL` would; a browser's output goes
// to stderr (stdout is reserved for --json records). On a headless session without
// $BROWSER the URL is already in the banner: a note says so. Never stops the server.
import { Readable } from 'node:stream';
import type { Context } from '../../cli/context.js';
import { processRunner } from '../../protocols/browser/launch.js';
import { openURL } from '../../protocols/browser/open.js';
import { browserWorld, shellWords } from '../browser/world.js';

/** The URL a local browser should open: wildcard binds are reached through loopback. */
export function openableURL(scheme: string, host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${scheme}://${h.includes(':') ? `[${h}]` : h}:${port}/`;
}

export async function openServed(ctx: Context, url: string): Promise<void> {
  let world;
  try {
    world = browserWorld(ctx);
  } catch (err) {
    ctx.out.status(`netkit: --open: ${(err as Error).message}`);
    return;
  }
  const { session, registry } = world;
  const headless = session.headless;
  if (headless && registry.fromBrowserEnv.size === 0) {
    ctx.out.status(`netkit: --open: headless session (${session.reason}): open ${url} yourself`);
    return;
  }
  const run = processRunner(registry.w, { stdin: Readable.from([]), stdout: ctx.io.stderr, stderr: ctx.io.stderr });
  const result = await openURL(registry, url, 0, run, headless ? { only: registry.fromBrowserEnv } : {});
  const winner = result.attempts.find((a) => a.opened);
  if (winner) ctx.out.info(`opened ${url} with ${winner.name}: ${shellWords(winner.steps[winner.steps.length - 1]!.argv)}`);
  else ctx.out.status(`netkit: --open: no browser could open ${url}`);
}
