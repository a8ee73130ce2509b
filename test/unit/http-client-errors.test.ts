// HTTP client engine: the error tree, socket-error mapping, handshake timeouts, bad encodings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BadStatusLine,
  CannotSendRequest,
  HTTPException,
  ImproperConnectionState,
  IncompleteRead,
  LineTooLong,
  RemoteDisconnected,
  request,
} from '../../src/protocols/http/client/index.js';
import { fromSocketError } from '../../src/protocols/core/socket-errors.js';
import { NetkitError } from '../../src/protocols/core/errors.js';

test("Python's exception tree and wording", () => {
  const rd = new RemoteDisconnected();
  assert.ok(rd instanceof BadStatusLine && rd instanceof HTTPException && rd instanceof NetkitError);
  assert.equal(rd.name, 'RemoteDisconnected');
  assert.ok(new CannotSendRequest() instanceof ImproperConnectionState);
  assert.equal(new BadStatusLine('').message, "''");
  assert.equal(new LineTooLong('header line').message, 'got more than 65536 bytes when reading header line');
  assert.equal(new IncompleteRead(3, 5).message, 'IncompleteRead(3 bytes read, 5 more expected)');
  assert.equal(new IncompleteRead(0).message, 'IncompleteRead(0 bytes read)');
});

test('socket errors map to Python exceptions and exit kinds', () => {
  const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });
  assert.deepEqual(pick(fromSocketError(err('ECONNREFUSED'))), ['[Errno 111] Connection refused', 'ConnectionRefusedError', 'network']);
  assert.deepEqual(pick(fromSocketError(err('ENOTFOUND'))), ['[Errno -2] Name or service not known', 'socket.gaierror', 'network']);
  assert.deepEqual(pick(fromSocketError(err('EAI_AGAIN'))), ['[Errno -3] Temporary failure in name resolution', 'socket.gaierror', 'network']);
  assert.deepEqual(pick(fromSocketError(err('ECONNRESET'))), ['[Errno 104] Connection reset by peer', 'ConnectionResetError', 'network']);
  const cert = fromSocketError(err('CERT_HAS_EXPIRED', 'certificate has expired'));
  assert.deepEqual(pick(cert), ['[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired', 'ssl.SSLCertVerificationError', 'tls']);
});

function pick(e: NetkitError): [string, string | undefined, string] {
  return [e.message, e.python, e.kind];
}

test('a TLS handshake that never completes times out', async () => {
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    await assert.rejects(request({ url: `https://127.0.0.1:${port}/`, pool: false, timeout: 200 }), { name: 'TimeoutError', message: 'timed out', kind: 'network' });
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a corrupt gzip body is a clear error', async () => {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Encoding': 'gzip' });
    res.end('this is not gzip');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    const res = await request({ url: `http://127.0.0.1:${port}/`, decompress: true, pool: false, timeout: 2000 });
    await assert.rejects(res.bytes(), { name: 'HTTPException', python: 'zlib.error', message: /^error decoding gzip body: / });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
