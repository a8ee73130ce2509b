// The shared listener: port 0, IPv6, EADDRINUSE as a clear ListenError (exit 3), the idle
// timeout, connection tracking and close() with nothing in flight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Listener, ListenError, hostPort } from '../../src/protocols/core/listener.js';
import { exitCodeFor } from '../../src/cli/exit-codes.js';

function connect(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

test('port 0 binds a free port on 127.0.0.1 and tracks connections', async () => {
  const seen: string[] = [];
  const l = await Listener.listen({ port: 0 }, (c) => seen.push(c.remoteAddress));
  assert.equal(l.address.host, '127.0.0.1');
  assert.ok(l.address.port > 0);
  const s = await connect(l.address.port);
  for (let i = 0; i < 200 && l.connectionCount === 0; i++) await new Promise((r) => setImmediate(r));
  assert.equal(l.connectionCount, 1);
  assert.deepEqual(seen, ['127.0.0.1']);
  const closed = l.close(1000);
  s.on('end', () => s.end());
  assert.equal(await closed, 'closed');
  assert.equal(l.connectionCount, 0);
});

test('EADDRINUSE is a ListenError with a clear message and the network exit code', async () => {
  const l = await Listener.listen({ port: 0 }, () => {});
  try {
    await assert.rejects(Listener.listen({ port: l.address.port }, () => {}), (err: unknown) => {
      assert.ok(err instanceof ListenError);
      assert.equal(err.message, `cannot listen on 127.0.0.1:${l.address.port}: Address already in use`);
      assert.equal(err.errno, 'EADDRINUSE');
      assert.equal(exitCodeFor(err.kind), 3);
      return true;
    });
  } finally {
    await l.close(0);
  }
});

test('IPv6 loopback, bracketed in hostPort', async (t) => {
  let l: Listener;
  try {
    l = await Listener.listen({ host: '::1', port: 0 }, (c) => c.socket.end('hi'));
  } catch {
    t.skip('no IPv6 loopback here');
    return;
  }
  assert.equal(l.address.family, 'IPv6');
  assert.equal(hostPort('::1', 8000), '[::1]:8000');
  const s = await connect(l.address.port, '::1');
  const text = await new Promise<string>((resolve) => {
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('close', () => resolve(got));
  });
  assert.equal(text, 'hi');
  await l.close(0);
});

test('an idle connection is closed after the idle timeout', async () => {
  const l = await Listener.listen({ port: 0, idleTimeoutMs: 200 }, () => {});
  const s = await connect(l.address.port);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not closed within 3 s')), 3000);
    s.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    s.resume();
  });
  assert.ok(Date.now() - started >= 150);
  await l.close(0);
});
