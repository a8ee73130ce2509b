// The floor of a Node download: a bare socket, a GET, and every read written to stdout from
// one reused buffer (net's `onread`). No HTTP parsing, no checks: what Node itself costs,
// next to which `netkit http get` is measured in the http-download bench.
// Usage: node bench/node-floor.cjs http://127.0.0.1:PORT/PATH
'use strict';
const net = require('node:net');
const fs = require('node:fs');

const url = new URL(process.argv[2]);
const buffer = Buffer.allocUnsafeSlow(256 * 1024);
const socket = net.connect({
  host: url.hostname,
  port: Number(url.port || 80),
  onread: {
    buffer,
    callback: (n) => {
      for (let done = 0; done < n; ) done += fs.writeSync(1, buffer, done, n - done);
      return true;
    },
  },
});
socket.on('connect', () => socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
