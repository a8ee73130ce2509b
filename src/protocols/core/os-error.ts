// Python's OSError wording for Node's error codes (Linux errno values): the number, the
// strerror text and the OSError subclass Python raises, and str() of such an error.
import { pyRepr } from './py-text.js';

const ERRNO: Record<string, readonly [number, string, string]> = {
  EPERM: [1, 'Operation not permitted', 'PermissionError'],
  ENOENT: [2, 'No such file or directory', 'FileNotFoundError'],
  EACCES: [13, 'Permission denied', 'PermissionError'],
  EEXIST: [17, 'File exists', 'FileExistsError'],
  ENOTDIR: [20, 'Not a directory', 'NotADirectoryError'],
  EISDIR: [21, 'Is a directory', 'IsADirectoryError'],
  ENOSPC: [28, 'No space left on device', 'OSError'],
  EPIPE: [32, 'Broken pipe', 'BrokenPipeError'],
  ENAMETOOLONG: [36, 'File name too long', 'OSError'],
  ELOOP: [40, 'Too many levels of symbolic links', 'OSError'],
  ENETUNREACH: [101, 'Network is unreachable', 'OSError'],
  ECONNABORTED: [103, 'Software caused connection abort', 'ConnectionAbortedError'],
  ECONNRESET: [104, 'Connection reset by peer', 'ConnectionResetError'],
  ETIMEDOUT: [110, 'Connection timed out', 'TimeoutError'],
  ECONNREFUSED: [111, 'Connection refused', 'ConnectionRefusedError'],
  EHOSTUNREACH: [113, 'No route to host', 'OSError'],
};

export interface PyErrno {
  errno: number;
  strerror: string;
  /** The OSError subclass Python raises for it. */
  type: string;
}

/** What Python knows of a Node error code, or undefined. */
export function pyErrno(code: string | undefined): PyErrno | undefined {
  const known = code === undefined ? undefined : ERRNO[code];
  return known && { errno: known[0], strerror: known[1], type: known[2] };
}

/** str() of the OSError: "[Errno 2] No such file or directory: 'x'" (the filename as repr). */
export function osErrorText(err: unknown, filename?: string): string {
  const known = pyErrno((err as NodeJS.ErrnoException | undefined)?.code);
  if (!known) return err instanceof Error ? err.message : String(err);
  return `[Errno ${known.errno}] ${known.strerror}` + (filename === undefined ? '' : `: ${pyRepr(filename)}`);
}
