// A scripted fake HTTP/1.1 server on 127.0.0.1, port 0, for client tests. It parses each
// request (Content-Length or chunked body), records it, and answers with whatever raw
// bytes the script says, so tests can make it misbehave: endless lines, bad status lines,
// too many headers, bad chunk sizes, early closes, slow or stalled answers.
import net from 'node:net';

/** One request as the fake received it. */
export interface ReceivedRequest {
  /** The head exactly as received (request line and headers, up to the blank line). */
  head: string;
  method: string;
  target: string;
  version: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** Which connection (0, 1, ...) carried it. */
  connection: number;
}

/** What to do with one request: raw bytes to send, and whether to close afterwards. */
export interface Reply {
  send?: string | Buffer | Array<string | Buffer>;
  /** Close after sending (default false: keep-alive). */
  close?: boolean;
  /** Do nothing at all: the client must time out. */
  stall?: boolean;
  /** Custom behaviour with the raw socket (resolve when done writing). */
  custom?: (socket: net.Socket) => Promise<void> | void;
}

/** A script: one reply for every request, or a function of the request. */
export type Script = Reply | ((req: ReceivedRequest, index: number) => Reply);

export interface FakeHTTPServer {
  port: number;
  url: string;
  received: ReceivedRequest[];
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** Builds a well-formed response with Content-Length. */
export function ok(body: string | Buffer = '', headers: Record<string, string> = {}, status = '200 OK'): string | Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  let head = `HTTP/1.1 ${status}\r\nContent-Length: ${bytes.length}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  return Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), bytes]);
}

function parseHead(head: string): Omit<ReceivedRequest, 'body' | 'connection'> {
  const [line, ...rest] = head.split('\r\n');
  const [method = '', target = '', version = ''] = line!.split(' ');
  const headers = rest.filter((l) => l !== '').map((l): [string, string] => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()];
  });
  return { head, method, target, version, headers };
}

/** Tries to cut one whole request off the front of `buf`; undefined when more is needed. */
function cutRequest(buf: Buffer): { req: Omit<ReceivedRequest, 'connection'>; rest: Buffer } | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const parsed = parseHead(buf.subarray(0, end).toString('latin1'));
  const get = (n: string): string | undefined => parsed.headers.find(([k]) => k.toLowerCase() === n)?.[1];
  let pos = end + 4;
  if ((get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', pos);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buf.subarray(pos, lineEnd).toString('latin1'), 16);
      if (buf.length < lineEnd + 2 + size + 2) return undefined;
      parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      pos = lineEnd + 2 + size + 2;
      if (size === 0) break;
    }
    return { req: { ...parsed, body: Buffer.concat(parts) }, rest: buf.subarray(pos) };
  }
  const length = Number(get('content-length') ?? '0');
  if (buf.length < pos + length) return undefined;
  return { req: { ...parsed, body: Buffer.from(buf.subarray(pos, pos + length)) }, rest: buf.subarray(pos + length) };
}

/** Starts the fake; close() it in the test's finally/after. */
export async function startFakeHTTPServer(script: Script): Promise<FakeHTTPServer> {
  const sockets = new Set<net.Socket>();
  const state: FakeHTTPServer = { port: 0, url: '', received: [], connections: 0, close: async () => {} };
  const server = net.createServer((socket) => {
    const connection = state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf: Buffer = Buffer.alloc(0);
    let busy = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const cut = cutRequest(buf);
        if (!cut) return;
        buf = cut.rest;
        const req: ReceivedRequest = { ...cut.req, connection };
        const index = state.received.length;
        state.received.push(req);
        const reply = typeof script === 'function' ? script(req, index) : script;
        busy = busy.then(() => answer(socket, reply));
      }
    });
  });
  async function answer(socket: net.Socket, reply: Reply): Promise<void> {
    if (reply.stall || socket.destroyed) return;
    if (reply.custom) await reply.custom(socket);
    const parts = reply.send === undefined ? [] : Array.isArray(reply.send) ? reply.send : [reply.send];
    for (const p of parts) socket.write(p);
    if (reply.close) socket.end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as net.AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}
