// A scripted SMTP server on 127.0.0.1:0 for client tests: sensible defaults per verb,
// every command line recorded, messages collected, and hooks to misbehave on purpose
// (STARTTLS refused or stripped, bytes injected before the handshake, endless reply lines,
// early closes, endless AUTH challenges, refusals).
import net from 'node:net';
import tls from 'node:tls';
import { LineReader } from '../../src/protocols/core/line-reader.js';
import { readDotBlock } from '../../src/protocols/core/dot.js';

/** What a handler answers: reply text (CRLF added per line), raw bytes, or an action. */
export type FakeAnswer = string | Buffer | { close: true; before?: string | Buffer } | { starttls: true; reply?: string; inject?: string };

export interface FakeSession {
  /** Commands of this connection so far. */
  commands: string[];
  /** Messages taken by DATA in this connection. */
  messages: Buffer[];
  tls: boolean;
  /** How many times a handler was asked for this verb so far (this one included). */
  count(verb: string): number;
}

export type FakeHandler = (line: string, session: FakeSession) => FakeAnswer | undefined;

export interface FakeSMTPOptions {
  greeting?: FakeAnswer;
  /** EHLO lines after the name (the reply's first line), e.g. ['SIZE 1000', 'STARTTLS']. */
  ehlo?: string[];
  /** EHLO lines after STARTTLS (default: `ehlo` without STARTTLS). */
  ehloTls?: string[];
  /** Per verb (upper case) or exact first word; '*' for lines no default knows (AUTH answers). */
  on?: Record<string, FakeHandler>;
  /** Reply to the end of DATA (default "250 OK"); may be several lines for LMTP. */
  afterData?: (message: Buffer, session: FakeSession) => FakeAnswer;
  /** Certificate for STARTTLS (and implicit TLS). */
  cert?: { cert: string; key: string };
  /** TLS from the first byte, as an smtps:// server (needs `cert`). */
  implicitTls?: boolean;
}

export interface FakeSMTPServer {
  port: number;
  host: string;
  sessions: FakeSession[];
  /** Every command received, all connections. */
  commands(): string[];
  /** Every message received. */
  messages(): Buffer[];
  close(): Promise<void>;
}

const reply = (text: string): Buffer => Buffer.from(text.split('\n').map((l) => l + '\r\n').join(''), 'latin1');

function defaults(opts: FakeSMTPOptions): Record<string, FakeHandler> {
  return {
    EHLO: (_l, s) => {
      const lines = ['fake.test', ...(s.tls ? (opts.ehloTls ?? (opts.ehlo ?? []).filter((x) => x !== 'STARTTLS')) : (opts.ehlo ?? []))];
      return lines.map((l, i) => `250${i === lines.length - 1 ? ' ' : '-'}${l}`).join('\n');
    },
    LHLO: (l, s) => defaults(opts).EHLO!(l, s),
    HELO: () => '250 fake.test',
    MAIL: () => '250 OK',
    RCPT: () => '250 OK',
    RSET: () => '250 OK',
    NOOP: () => '250 OK',
    VRFY: () => '252 Cannot VRFY user',
    EXPN: () => '502 EXPN not implemented',
    QUIT: () => '221 Bye',
    STARTTLS: () => ({ starttls: true }),
    AUTH: () => '235 Authentication successful',
  };
}

export async function startFakeSMTP(opts: FakeSMTPOptions = {}): Promise<FakeSMTPServer> {
  const sessions: FakeSession[] = [];
  const sockets = new Set<net.Socket>();
  const base = defaults(opts);

  const serve = async (raw: net.Socket): Promise<void> => {
    let socket: net.Socket = raw;
    const counts = new Map<string, number>();
    const session: FakeSession = { commands: [], messages: [], tls: opts.implicitTls === true, count: (v) => counts.get(v) ?? 0 };
    sessions.push(session);
    let reader = new LineReader(socket, 10_000);
    const write = (a: string | Buffer): void => {
      socket.write(typeof a === 'string' ? reply(a) : a);
    };
    const answer = async (a: FakeAnswer | undefined): Promise<boolean> => {
      if (a === undefined) return true;
      if (typeof a === 'string' || Buffer.isBuffer(a)) {
        write(a);
        return true;
      }
      if ('close' in a) {
        if (a.before !== undefined) write(a.before);
        socket.end();
        return false;
      }
      write(a.reply ?? '220 Ready to start TLS');
      if (a.reply !== undefined && !a.reply.startsWith('220')) return true;
      if (a.inject !== undefined) socket.write(a.inject);
      reader.detach();
      const secure = new tls.TLSSocket(socket, { isServer: true, cert: opts.cert!.cert, key: opts.cert!.key });
      secure.on('error', () => undefined);
      socket = secure;
      session.tls = true;
      reader = new LineReader(secure, 10_000);
      return true;
    };
    if (!(await answer(opts.greeting ?? '220 fake.test ESMTP ready'))) return;
    for (;;) {
      const line = await reader.readLine(65536);
      if (line.length === 0) return;
      const text = line.toString('utf8').replace(/\r?\n$/, '');
      session.commands.push(text);
      const verb = text.split(' ')[0]!.toUpperCase();
      counts.set(verb, (counts.get(verb) ?? 0) + 1);
      if (verb === 'DATA' && !opts.on?.DATA) {
        write('354 End data with <CR><LF>.<CR><LF>');
        const block = await readDotBlock(reader, { maxLine: 1 << 20, maxBytes: 1 << 26 });
        const message = Buffer.concat(block.lines);
        session.messages.push(message);
        if (!(await answer(opts.afterData ? opts.afterData(message, session) : '250 OK: queued'))) return;
        continue;
      }
      const word = text.split(' ')[0]!;
      const handler = opts.on?.[word] ?? opts.on?.[verb] ?? (base[verb] ? undefined : opts.on?.['*']);
      let a = handler ? handler(text, session) : undefined;
      if (a === undefined) a = base[verb] ? base[verb]!(text, session) : '500 Error: command not recognized';
      if (!(await answer(a))) return;
      if (verb === 'QUIT') {
        socket.end();
        return;
      }
    }
  };

  const server = net.createServer((plain) => {
    sockets.add(plain);
    plain.on('close', () => sockets.delete(plain));
    const socket = opts.implicitTls ? new tls.TLSSocket(plain, { isServer: true, cert: opts.cert!.cert, key: opts.cert!.key }) : plain;
    plain.on('error', () => undefined);
    socket.on('error', () => undefined);
    serve(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    host: '127.0.0.1',
    sessions,
    commands: () => sessions.flatMap((s) => s.commands),
    messages: () => sessions.flatMap((s) => s.messages),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
