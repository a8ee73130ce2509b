// The trivial SMTP sink the SMTP benchmarks measure against: accepts every message and
// keeps nothing. EHLO advertises PIPELINING, replies to a batch of pipelined commands go
// out in one write, and DATA is scanned only for the "\r\n.\r\n" terminator. It is the
// ceiling for the load generator (bench/smtp-load.mjs --self-test) and the fast receiver
// for `smtp-send`.
//
// Usage: node bench/smtp-sink.mjs [--port-file FILE]   (127.0.0.1, a free port; SIGTERM stops)
import net from 'node:net';
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const END = Buffer.from('\r\n.\r\n');

function onConnection(socket) {
  let buf = Buffer.alloc(0);
  let inData = false;
  socket.setNoDelay(true);
  socket.write('220 sink.bench.test ESMTP netkit bench sink\r\n');
  socket.on('data', (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    let out = '';
    let start = 0;
    for (;;) {
      if (inData) {
        const at = buf.indexOf(END, start);
        if (at === -1) {
          // Keep what could be the start of a terminator split across reads.
          start = Math.max(buf.length - (END.length - 1), start);
          break;
        }
        inData = false;
        start = at + END.length;
        out += '250 2.0.0 Ok: queued\r\n';
        continue;
      }
      const nl = buf.indexOf(10, start);
      if (nl === -1) break;
      const verb = buf.toString('latin1', start, Math.min(start + 4, nl)).toUpperCase();
      start = nl + 1;
      if (verb === 'EHLO') out += '250-sink.bench.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 33554432\r\n';
      else if (verb === 'DATA') {
        inData = true;
        out += '354 End data with <CR><LF>.<CR><LF>\r\n';
        // Back to the DATA line's CRLF: an empty body is ".\r\n" right after it.
        start = nl - 1;
      } else if (verb === 'QUIT') {
        socket.end(out + '221 2.0.0 Bye\r\n');
        return;
      } else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') out += '250 2.0.0 Ok\r\n';
      else out += '502 5.5.2 Error: command not recognized\r\n';
    }
    buf = start >= buf.length ? Buffer.alloc(0) : buf.subarray(start);
    if (out) socket.write(out);
  });
  socket.on('error', () => socket.destroy());
}

/** Starts the sink on 127.0.0.1:`port` (0: a free one); resolves with { port, close() }. */
export function startSink(port = 0) {
  const server = net.createServer(onConnection);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ port: server.address().port, close: () => new Promise((r) => server.close(r)) }));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { port } = await startSink(0);
  const i = process.argv.indexOf('--port-file');
  if (i > 0) writeFileSync(process.argv[i + 1], `${port}\n`);
  else console.log(port);
  process.on('SIGTERM', () => process.exit(0));
}
