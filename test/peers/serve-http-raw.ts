// Raw HTTP over node:net for the serve http tests: send bytes exactly as given, read until
// the server closes (every wait bounded), and split responses apart by Content-Length.
import net from 'node:net';

/** Sends `data` to 127.0.0.1:port and resolves with every byte received until the server closes. */
export function rawExchange(port: number, data: string | Buffer | Array<string | Buffer>, opts: { host?: string; timeoutMs?: number; endAfterWrite?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: opts.host ?? '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close from the server within ${opts.timeoutMs ?? 5000} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 500))}`));
    }, opts.timeoutMs ?? 5000);
    socket.on('connect', () => {
      for (const piece of Array.isArray(data) ? data : [data]) socket.write(piece);
      if (opts.endAfterWrite) socket.end();
    });
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (err) => {
      clearTimeout(timer);
      // A reset after the response still counts as the end of it.
      if (chunks.length) resolve(Buffer.concat(chunks));
      else reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

export interface RawResponse {
  statusLine: string;
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/** The header value (first, case-insensitive). */
export function header(r: RawResponse, name: string): string | undefined {
  return r.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Splits `bytes` into responses; `heads` says which requests were HEAD (no body whatever
 * Content-Length says). A response without Content-Length takes the rest.
 */
export function splitResponses(bytes: Buffer, heads: boolean[] = []): RawResponse[] {
  const out: RawResponse[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf('\r\n\r\n', pos);
    if (end < 0) throw new Error(`incomplete head: ${JSON.stringify(bytes.subarray(pos).toString('latin1'))}`);
    const lines = bytes.subarray(pos, end).toString('latin1').split('\r\n');
    const statusLine = lines.shift()!;
    const headers = lines.map((l) => {
      const i = l.indexOf(':');
      return [l.slice(0, i), l.slice(i + 1).trim()] as [string, string];
    });
    const r: RawResponse = { statusLine, status: Number(statusLine.split(' ')[1]), headers, body: Buffer.alloc(0) };
    pos = end + 4;
    const cl = header(r, 'content-length');
    const noBody = heads[out.length] === true || r.status === 304;
    const len = noBody ? 0 : cl === undefined ? bytes.length - pos : Number(cl);
    r.body = bytes.subarray(pos, pos + len);
    pos += len;
    out.push(r);
  }
  return out;
}
