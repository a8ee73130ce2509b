// Where an output FILE really is, before it is written through a temporary name and a
// rename. A symlink is followed: the file it names is replaced and the link kept. A name
// that is not a regular file (/dev/null, /dev/stdout, a FIFO, a terminal) is written in
// place, as curl and Python's open() do: a rename over it would replace the device itself
// with a plain file (run as root, `-o /dev/null` would break /dev/null for the machine).
import { realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

export interface WriteTarget {
  /** The path to write: the symlink's target for a link to a regular file. */
  path: string;
  /** True for a device, FIFO or socket: open and write it, no temporary file, no rename. */
  inPlace: boolean;
}

/**
 * /dev/stdout, /dev/fd/N, /proc/self/fd/N: a descriptor's name. A regular file behind it
 * (stdout redirected to a file) is written in place too, as curl does: a rename would put
 * a new file at its path while the descriptor, and what netkit prints later, stayed with
 * the old one.
 */
const DESCRIPTOR_NAME = /^\/dev\/(stdout|stderr|fd\/)|^\/proc\/[^/]+\/fd\//;

/** Where writing `path` (absolute) should go; a name that does not exist yet is created. */
export function writeTarget(path: string): WriteTarget {
  if (DESCRIPTOR_NAME.test(path)) return { path, inPlace: true };
  let info;
  try {
    info = statSync(path);
  } catch {
    return { path, inPlace: false };
  }
  if (info.isFile()) return { path: realpathSync(path), inPlace: false };
  // A directory fails at the rename with Python's IsADirectoryError.
  return { path, inPlace: !info.isDirectory() };
}

/** A small text file (a port, a certificate) written whole, with writeTarget's rules. */
export function writeSmallFileSync(path: string, text: string): void {
  const target = writeTarget(path);
  if (target.inPlace) {
    writeFileSync(target.path, text);
    return;
  }
  const temp = `${target.path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, target.path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
