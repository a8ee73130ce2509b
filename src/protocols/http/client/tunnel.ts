// http.client.HTTPConnection._tunnel: a CONNECT request to a proxy, answered by a status
// line (200 or fail) and header lines that are read and dropped, over a plain socket.
import { HTTPNetworkError, LineTooLong, MAXLINE } from './errors.js';
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
    socket.destroy();
    throw new HTTPNetworkError(`Tunnel connection failed: ${code} ${pyStrip(message)}`, 'OSError', 'ERR_TUNNEL');
  }
  for (;;) {
    const line = await reader.readLine(MAXLINE + 1);
    if (line.length > MAXLINE) throw new LineTooLong('header line');
    const s = line.toString('latin1');
    if (s === '' || s === '\r\n' || s === '\n') return;
  }
}
