// A fake CONNECT proxy on 127.0.0.1, port 0: records each CONNECT head, then either
// answers with a refusal (always, or a 407 when Proxy-Authorization is not the expected
// value) or says 200 and pipes the socket to the requested loopback port.
import net from 'node:net';

export interface FakeConnectProxy {
  port: number;
  /** Every CONNECT head received, as text. */
  received: string[];
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** A status (e.g. "407 Proxy Authentication Required") every CONNECT gets. */
  refuse?: string;
  /** The Proxy-Authorization value wanted: anything else gets a 407 Basic challenge. */
  requireAuth?: string;
}

/** A string is `refuse`. */
export async function startConnectProxy(options: string | ConnectProxyOptions = {}): Promise<FakeConnectProxy> {
  const { refuse, requireAuth } = typeof options === 'string' ? { refuse: options, requireAuth: undefined } : options;
  const sockets = new Set<net.Socket>();
  const received: string[] = [];
  let connections = 0;
  const server = net.createServer((client) => {
    connections++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const head = buf.subarray(0, end).toString('latin1');
      received.push(head);
      if (refuse) return void client.end(`HTTP/1.1 ${refuse}\r\nContent-Length: 0\r\n\r\n`);
      if (requireAuth !== undefined && /\r\nProxy-Authorization: ([^\r]*)/i.exec(head)?.[1] !== requireAuth) {
        return void client.end('HTTP/1.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="tunnel"\r\nContent-Length: 0\r\n\r\n');
      }
      const port = Number(/^CONNECT [^ ]*:(\d+) /.exec(head)?.[1]);
      const upstream = net.connect({ host: '127.0.0.1', port }, () => {
        client.write('HTTP/1.1 200 Connection established\r\nX-Proxy: fake\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
