// A FIFO read by `cat` while something writes into it: what arrived, within WAIT_MS. A
// writer that replaced the FIFO instead of opening it leaves cat waiting: killed, and the
// wait fails.
import { spawn } from 'node:child_process';
import { bounded } from './bounded.js';

export async function readFifoWhile(path: string, write: () => unknown): Promise<string> {
  const reader = spawn('cat', [path]);
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (c: Buffer) => chunks.push(c));
  const closed = new Promise((resolve) => reader.on('close', resolve));
  try {
    await write();
    await bounded(closed, `cat to read ${path}`);
  } finally {
    reader.kill();
  }
  return Buffer.concat(chunks).toString('utf8');
}
