// What an HTTP server engine is built with: protocol_version, the Server header, limits,
// the methods the handler implements (do_<METHOD>), the handler and the access-log hook.
import type { Exchange } from './exchange.js';

/** One access-log event (the command formats it: Python's common format or JSON). */
export type LogEvent =
  | { type: 'request'; client: string; requestLine: string; code: number; bytes: number }
  | { type: 'error'; client: string; code: number; message: string };

export interface HttpServerOptions {
  /** BaseHTTPRequestHandler.protocol_version: "HTTP/1.0" (Python's default) or "HTTP/1.1" (keep-alive). */
  protocolVersion: string;
  /** The Server header's value (version_string()). */
  serverVersion: string;
  /** Milliseconds a started request head may take to arrive (0: no limit). */
  headerTimeoutMs: number;
  /** Largest request body handed to the handler; 0: bodies are read and dropped. */
  maxBodyBytes: number;
  /** Methods the handler answers; others get 501 "Unsupported method". */
  methods: ReadonlySet<string>;
  /** Header lines ("Name: value\r\n" each) added to every response, as an end_headers() override would. */
  extraHeaders: string;
  /** Answers one request: by calling exactly one of the exchange's respond methods. */
  handler: (x: Exchange) => void | Promise<void>;
  onLog?: (event: LogEvent) => void;
}
