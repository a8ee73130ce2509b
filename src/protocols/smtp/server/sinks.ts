// Where `serve smtp` puts a received message: Maildir (tmp → new, the file and the
// directory fsynced), mbox (mboxrd, appended and fsynced), JSON lines (a file, fsynced, or
// a stream). Every deliver() resolves only once the message is durable, so the 250 after
// DATA never acknowledges a message a crash could lose; concurrent sessions share fsyncs.
import { mkdirSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ReceivedMessage } from './channel.js';
import { directorySync, GroupAppender, type GroupSync } from './group-sync.js';
import { asctime } from '../../core/py-time.js';

export interface Sink {
  deliver(message: ReceivedMessage): Promise<void>;
  close(): Promise<void>;
}

/** The stored form: "Return-Path: <sender>" then the message, LF line ends, ending in "\n". */
function withReturnPath(m: ReceivedMessage): Buffer {
  const head = Buffer.from(`Return-Path: <${m.mailFrom === '<>' ? '' : m.mailFrom}>\n`, 'utf8');
  const tail = m.data.length && m.data[m.data.length - 1] !== 10 ? Buffer.from('\n') : Buffer.alloc(0);
  return Buffer.concat([head, m.data, tail]);
}

let counter = 0;
const HOST = hostname().replace(/\//g, '\\057').replace(/:/g, '\\072');

/** Maildir (cr.yp.to/proto/maildir.html): write tmp/NAME, fsync, rename to new/NAME, fsync new/. */
export class MaildirSink implements Sink {
  private readonly newSync: GroupSync;

  constructor(readonly dir: string) {
    for (const sub of ['tmp', 'new', 'cur']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
    this.newSync = directorySync(join(dir, 'new'));
  }

  async deliver(m: ReceivedMessage): Promise<void> {
    const now = m.receivedAt.getTime();
    const name = `${Math.floor(now / 1000)}.M${(now % 1000) * 1000}P${process.pid}Q${++counter}.${HOST}`;
    const tmp = join(this.dir, 'tmp', name);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(withReturnPath(m));
      await fh.datasync();
    } catch (err) {
      await fh.close();
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await fh.close();
    await rename(tmp, join(this.dir, 'new', name));
    await this.newSync.sync();
  }

  async close(): Promise<void> {}
}

/** One mbox entry: the From_ line, lines matching /^>*From / quoted with one more ">" (mboxrd), a blank line. */
export function mboxEntry(m: ReceivedMessage): Buffer {
  const sender = m.mailFrom === '<>' || !m.mailFrom ? 'MAILER-DAEMON' : m.mailFrom.replace(/\s/g, '_');
  const body = withReturnPath(m).toString('latin1').replace(/^(>*From )/gm, '>$1');
  return Buffer.from(`From ${sender} ${asctime(m.receivedAt, true)}\n${body}\n`, 'latin1');
}

export class MboxSink implements Sink {
  private readonly file: GroupAppender;
  constructor(path: string) {
    this.file = new GroupAppender(path);
  }
  deliver(m: ReceivedMessage): Promise<void> {
    return this.file.append(mboxEntry(m));
  }
  close(): Promise<void> {
    return this.file.close();
  }
}

/** --jsonl: one JSON object a message, to a file (fsynced) or a writer (stdout). */
export class JsonlSink implements Sink {
  private readonly file: GroupAppender | undefined;
  constructor(
    private readonly record: (m: ReceivedMessage) => Promise<object> | object,
    target: { path: string } | { write: (line: string) => void },
  ) {
    if ('path' in target) this.file = new GroupAppender(target.path);
    else this.write = target.write;
  }
  private write: ((line: string) => void) | undefined;
  async deliver(m: ReceivedMessage): Promise<void> {
    const line = JSON.stringify(await this.record(m)) + '\n';
    if (this.file) await this.file.append(Buffer.from(line, 'utf8'));
    else this.write!(line);
  }
  async close(): Promise<void> {
    await this.file?.close();
  }
}
