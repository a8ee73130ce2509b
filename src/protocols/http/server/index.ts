// netkit's HTTP/1.1 server engine on the shared listener: listenHttp() binds, and each
// accepted connection is framed by HttpConnection (node:net/tls only, not node:http).
import { Listener, type ListenerOptions } from '../../core/listener.js';
import { HttpConnection } from './connection.js';
import type { HttpServerOptions } from './options.js';

export type { HttpServerOptions, LogEvent } from './options.js';
export { Exchange } from './exchange.js';
export { RequestHeaders, parseRequestHead, type RequestHead } from './request-head.js';

/** Defaults for the engine's options (Python's protocol_version is "HTTP/1.0"; netkit's is 1.1). */
export const HTTP_SERVER_DEFAULTS = {
  protocolVersion: 'HTTP/1.1',
  headerTimeoutMs: 10_000,
  maxBodyBytes: 0,
  extraHeaders: '',
} as const;

/** Binds `listen` and serves HTTP on it with `options` until the listener is closed. */
export function listenHttp(listen: ListenerOptions, options: HttpServerOptions): Promise<Listener> {
  let listener: Listener | undefined;
  const early: Array<Parameters<Parameters<typeof Listener.listen>[1]>[0]> = [];
  return Listener.listen(listen, (conn) => {
    if (listener) new HttpConnection(conn, listener, options);
    else early.push(conn);
  }).then((l) => {
    listener = l;
    for (const conn of early) new HttpConnection(conn, l, options);
    return l;
  });
}
