// Keep-alive pool: idle connections filed by scheme, host, port and TLS settings, handed
// out again when a response left its socket reusable. Idle sockets do not keep the
// process alive and are dropped after idleTimeoutMs or when the server closes them;
// close() also ends the connections still handed out, so a command that owns a pool
// leaves no socket behind whatever happened to its responses.
import { HTTPConnection, connectionKey, type ConnectOptions } from './connection.js';

export interface PoolOptions {
  /** Idle connections kept per key (default 4). */
  maxIdlePerKey?: number;
  /** How long an idle connection is kept (default 30 s). */
  idleTimeoutMs?: number;
}

interface Idle {
  conn: HTTPConnection;
  timer: NodeJS.Timeout;
  onClose: () => void;
}

/** A pool of keep-alive connections. */
export class ConnectionPool {
  private readonly idle = new Map<string, Idle[]>();
  /** Connections handed out and not given back yet (an exchange in progress). */
  private readonly inUse = new Set<HTTPConnection>();
  private readonly maxIdlePerKey: number;
  private readonly idleTimeoutMs: number;

  constructor(options: PoolOptions = {}) {
    this.maxIdlePerKey = options.maxIdlePerKey ?? 4;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  }

  /** An idle usable connection for these options, or a new one; `reused` says which. */
  async acquire(options: ConnectOptions): Promise<{ conn: HTTPConnection; reused: boolean }> {
    const key = connectionKey(options);
    const list = this.idle.get(key);
    while (list && list.length > 0) {
      const entry = list.pop()!;
      clearTimeout(entry.timer);
      entry.conn.socket.off('close', entry.onClose);
      if (entry.conn.usable) {
        entry.conn.socket.ref();
        entry.conn.reader.timeoutMs = options.timeoutMs;
        this.inUse.add(entry.conn);
        return { conn: entry.conn, reused: true };
      }
      entry.conn.close();
    }
    const conn = await HTTPConnection.open(options);
    // One listener per connection (not per request): a closed socket is no longer in use.
    conn.socket.once('close', () => this.inUse.delete(conn));
    this.inUse.add(conn);
    return { conn, reused: false };
  }

  /** Takes a connection back after an exchange: kept when `reusable`, closed otherwise. */
  release(conn: HTTPConnection, reusable: boolean): void {
    this.inUse.delete(conn);
    conn.finish();
    const list = this.idle.get(conn.key) ?? [];
    if (!reusable || !conn.usable || list.length >= this.maxIdlePerKey) {
      conn.close();
      return;
    }
    conn.socket.unref();
    const entry: Idle = {
      conn,
      timer: setTimeout(() => this.drop(conn), this.idleTimeoutMs),
      onClose: () => this.drop(conn),
    };
    entry.timer.unref();
    conn.socket.once('close', entry.onClose);
    list.push(entry);
    this.idle.set(conn.key, list);
  }

  private drop(conn: HTTPConnection): void {
    const list = this.idle.get(conn.key);
    if (!list) return;
    const i = list.findIndex((e) => e.conn === conn);
    if (i < 0) return;
    clearTimeout(list[i]!.timer);
    list.splice(i, 1);
    if (list.length === 0) this.idle.delete(conn.key);
    conn.close();
  }

  /** Number of idle connections held (all keys). */
  get idleCount(): number {
    let n = 0;
    for (const list of this.idle.values()) n += list.length;
    return n;
  }

  /** Connections handed out and not given back yet. */
  get activeCount(): number {
    return this.inUse.size;
  }

  /**
   * Closes every connection: the idle ones, and those still handed out (a response whose
   * body was never read to its end: reading it further fails).
   */
  close(): void {
    for (const list of this.idle.values()) for (const e of list) {
      clearTimeout(e.timer);
      e.conn.close();
    }
    this.idle.clear();
    for (const conn of this.inUse) conn.close();
    this.inUse.clear();
  }
}
