// http.client.HTTPConnection._tunnel: a CONNECT request to a proxy, answered by a status
// line (200 or fail) and header lines that are read and dropped, over a plain socket.
// A refusal keeps its status and headers (Proxy-Authenticate) so the urllib layer can
// answer a 407 with credentials on a new connection.
import { LineTooLong, MAXLINE } from './errors.js';
import { NetworkError } from '../../core/socket-errors.js';
import { Headers, readHeaders } from './headers.js';
import type { SocketReader } from './reader.js';
import { validateHeader, validateUrlPart, writeBounded, type HeaderList } from './request.js';
import { readStatus } from './response.js';
import type { Socket } from 'node:net';
import { pyStrip } from '../../core/py-text.js';

/** The far end of a CONNECT tunnel and the headers for the proxy (e.g. Proxy-Authorization). */
export interface TunnelOptions {
  host: string;
  port: number;
  headers?: HeaderList;
}

/**
 * The proxy did not answer 200 to CONNECT: Python's OSError('Tunnel connection failed:
 * CODE REASON'), with the status and headers of that answer (empty when unreadable).
 * Its name stays NetworkError (the error as the CLI and --json report it).
 */
export class TunnelError extends NetworkError {
  readonly status: number;
  readonly reason: string;
  readonly headers: Headers;
  constructor(status: number, reason: string, headers: Headers) {
    super(`Tunnel connection failed: ${status} ${reason}`, 'OSError', 'ERR_TUNNEL');
    this.status = status;
    this.reason = reason;
    this.headers = headers;
  }
}

/** Sends CONNECT and reads the proxy's answer; throws Python's OSError when it is not 200. */
export async function openTunnel(socket: Socket, reader: SocketReader, tunnel: TunnelOptions, timeoutMs: number): Promise<void> {
  validateUrlPart(tunnel.host);
  const host = tunnel.host.includes(':') ? `[${tunnel.host}]` : tunnel.host;
  let text = `CONNECT ${host}:${tunnel.port} HTTP/1.0\r\n`;
  for (const [name, value] of tunnel.headers ?? []) {
    validateHeader(name, value);
    text += `${name}: ${value}\r\n`;
  }
  await writeBounded(socket, Buffer.from(text + '\r\n', 'latin1'), timeoutMs);
  const [, code, message] = await readStatus(reader);
  if (code !== 200) {
    // Python reads no further; the headers are read (bounded as any head) for a 407's challenge.
    let headers = new Headers([]);
    if (code === 407) headers = await readHeaders(reader).catch(() => headers);
    socket.destroy();
    throw new TunnelError(code, pyStrip(message), headers);
  }
  for (;;) {
    const line = await reader.readLine(MAXLINE + 1);
    if (line.length > MAXLINE) throw new LineTooLong('header line');
    const s = line.toString('latin1');
    if (s === '' || s === '\r\n' || s === '\n') return;
  }
}
