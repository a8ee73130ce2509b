// A raw-socket SMTP load generator for the SMTP benchmarks (no smtplib, no SMTP library):
// forks --procs worker processes; each opens --conns-per-proc connections, reads the 220
// greeting, says EHLO once, then loops MAIL FROM / RCPT TO / DATA / the message / "." and
// reads every reply, then QUIT. When the server advertises PIPELINING, MAIL+RCPT+DATA go in
// one write, and from the second message on in the same write as the previous message's
// content and "." (RFC 2920 §3.1); else one command at a time. The clock starts when every connection has
// been greeted and has said EHLO. Prints one JSON line: {messages, seconds, per_second,
// failures} (failures: messages without a 250 after "."; a lost connection fails the rest).
//
// Usage: node bench/smtp-load.mjs --host H --port P [--messages 10000] [--procs 4]
//          [--conns-per-proc 1] [--size 1024]
//        node bench/smtp-load.mjs --self-test [...]   (against bench/smtp-sink.mjs, in-process:
//          how fast the generator itself is)
import { fork } from 'node:child_process';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startSink } from './smtp-sink.mjs';

const { values: opts } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    messages: { type: 'string', default: '10000' },
    procs: { type: 'string', default: '4' },
    'conns-per-proc': { type: 'string', default: '1' },
    size: { type: 'string', default: '1024' },
    timeout: { type: 'string', default: '120' },
    'self-test': { type: 'boolean', default: false },
    worker: { type: 'string' },
  },
});

// ---- one connection -----------------------------------------------------------------------

/** The message: headers and a body of printable lines, `size` bytes with the final CRLF. */
function makeMessage(size, tag) {
  const head = `From: load@bench.test\r\nTo: sink@bench.test\r\nSubject: netkit smtp load ${tag}\r\nMessage-ID: <${tag}@bench.test>\r\n\r\n`;
  const line = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij\r\n';
  let body = '';
  while (head.length + body.length + line.length <= size) body += line;
  body += 'x'.repeat(Math.max(size - head.length - body.length - 2, 0)) + '\r\n';
  return Buffer.from(`${head}${body}.\r\n`, 'latin1');
}

/** Reads SMTP replies off a socket: next() resolves with each reply's code (0: closed). */
function replies(socket) {
  let pending = '';
  const codes = [];
  const waiters = [];
  const state = { pipelining: false };
  const push = (code) => (waiters.length ? waiters.shift()(code) : codes.push(code));
  socket.setEncoding('latin1');
  socket.on('data', (s) => {
    pending = pending ? pending + s : s;
    let start = 0;
    let nl;
    while ((nl = pending.indexOf('\n', start)) !== -1) {
      const line = pending.slice(start, nl);
      start = nl + 1;
      if (/^250[- ]PIPELINING\b/i.test(line)) state.pipelining = true;
      if (line[3] === '-') continue;
      push(Number(line.slice(0, 3)) || -1);
    }
    pending = pending.slice(start);
  });
  let closed = false;
  socket.on('close', () => {
    closed = true;
    while (waiters.length) waiters.shift()(0);
  });
  socket.on('error', () => socket.destroy());
  // After the close, every further reply is 0.
  const next = () => (codes.length ? Promise.resolve(codes.shift()) : closed ? Promise.resolve(0) : new Promise((r) => waiters.push(r)));
  return { state, next };
}

/** Connects, reads the greeting and says EHLO; resolves with a run(n) that sends n messages. */
async function openSession(host, port, message) {
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const r = replies(socket);
  if ((await r.next()) !== 220) throw new Error('no 220 greeting');
  socket.write('EHLO load.bench.test\r\n');
  if ((await r.next()) !== 250) throw new Error('EHLO refused');
  const envelope = ['MAIL FROM:<load@bench.test>\r\n', 'RCPT TO:<sink@bench.test>\r\n', 'DATA\r\n'];
  const batch = Buffer.from(envelope.join(''));
  // RFC 2920: message content may start a group, so after the first message the next
  // MAIL+RCPT+DATA ride in the same write as the content and its ".".
  const contentAndBatch = Buffer.concat([message, batch]);
  return async function run(n) {
    let failures = 0;
    let batchSent = false;
    for (let i = 0; i < n; i++) {
      let codes;
      if (r.state.pipelining) {
        if (!batchSent) socket.write(batch);
        codes = [await r.next(), await r.next(), await r.next()];
      } else {
        codes = [];
        for (const command of envelope) {
          socket.write(command);
          const code = await r.next();
          codes.push(code);
          if (code !== 250) break;
        }
      }
      batchSent = false;
      if (codes.includes(0)) return failures + (n - i);
      if (codes[2] !== 354) {
        failures++;
        if (codes[0] === 250) {
          socket.write('RSET\r\n');
          if ((await r.next()) === 0) return failures + (n - i - 1);
        }
        continue;
      }
      batchSent = r.state.pipelining && i + 1 < n;
      socket.write(batchSent ? contentAndBatch : message);
      const code = await r.next();
      if (code === 0) return failures + (n - i);
      if (code !== 250) failures++;
    }
    socket.write('QUIT\r\n');
    await r.next();
    socket.destroy();
    return failures;
  };
}

// ---- a worker process ---------------------------------------------------------------------

async function worker(spec) {
  const { host, port, counts, size, tag } = JSON.parse(spec);
  const message = makeMessage(size, tag);
  const runs = await Promise.all(counts.map(() => openSession(host, port, message)));
  process.send({ ready: true });
  await new Promise((resolve) => process.once('message', resolve));
  const failures = await Promise.all(runs.map((run, i) => run(counts[i])));
  process.send({ failures: failures.reduce((a, b) => a + b, 0) });
  process.disconnect();
}

// ---- the parent ---------------------------------------------------------------------------

async function main() {
  const messages = Number(opts.messages);
  const procs = Number(opts.procs);
  const conns = Number(opts['conns-per-proc']);
  const size = Number(opts.size);
  let host = opts.host;
  let port = Number(opts.port);
  let sink;
  if (opts['self-test']) {
    sink = await startSink(0);
    host = '127.0.0.1';
    port = sink.port;
  }
  if (!port || !(messages > 0) || !(procs > 0) || !(conns > 0)) {
    console.error('usage: node bench/smtp-load.mjs --host H --port P [--messages N] [--procs N] [--conns-per-proc K] [--size BYTES] | --self-test');
    process.exit(2);
  }
  // Messages dealt out as evenly as possible over procs x conns connections.
  const total = procs * conns;
  const share = (k) => Math.floor(messages / total) + (k < messages % total ? 1 : 0);
  const children = [];
  for (let p = 0; p < procs; p++) {
    const counts = Array.from({ length: conns }, (_, c) => share(p * conns + c));
    const spec = JSON.stringify({ host, port, counts, size, tag: `w${p}` });
    children.push(fork(fileURLToPath(import.meta.url), ['--worker', spec], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }
  const deadline = setTimeout(() => {
    console.error(`smtp-load: not done within ${opts.timeout} s`);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  }, Number(opts.timeout) * 1000);
  const next = (child) =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`smtp-load: a worker exited (${code}) early`)));
    });
  await Promise.all(children.map(next));
  const t0 = process.hrtime.bigint();
  const results = children.map(next);
  for (const c of children) c.send('go');
  const done = await Promise.all(results);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearTimeout(deadline);
  const failures = done.reduce((a, d) => a + d.failures, 0);
  await sink?.close();
  console.log(JSON.stringify({ messages, seconds: Number(seconds.toFixed(4)), per_second: Math.round((messages - failures) / seconds), failures }));
}

if (opts.worker) await worker(opts.worker);
else await main().catch((err) => {
  console.error(`smtp-load: ${err.message}`);
  process.exit(1);
});
