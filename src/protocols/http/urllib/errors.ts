// urllib.error (CPython 3.11 Lib/urllib/error.py): URLError, HTTPError, ContentTooShortError.
// URLError is a network failure (exit 3); HTTPError is the server's refusal (exit 5) and
// still carries the response so its body can be read.
import { NetkitError, type ErrorKind } from '../../core/errors.js';
import { Headers } from '../client/headers.js';

/** What URLError.reason holds: Python's reason text (an OSError's str, or a plain message). */
export type URLErrorReason = string;

/** urllib.error.URLError: `<urlopen error REASON>`. kind 'network' unless told otherwise (TLS). */
export class URLError extends NetkitError {
  override name: string = 'URLError';
  /** The reason as Python keeps it (str(reason)). */
  readonly reason: string;
  readonly filename: string | undefined;

  constructor(reason: URLErrorReason, options: { filename?: string; kind?: ErrorKind; code?: string; python?: string; cause?: unknown } = {}) {
    super(`<urlopen error ${reason}>`, {
      code: options.code ?? 'ERR_URL',
      python: options.python ?? 'urllib.error.URLError',
      kind: options.kind ?? 'network',
      cause: options.cause,
    });
    this.reason = reason;
    this.filename = options.filename;
  }
}

/** The parts of a response an HTTPError keeps (HTTPError is also a response in Python). */
export interface HTTPErrorResponse {
  body: AsyncIterable<Buffer>;
  /** True when the body's pieces are lent (valid until the next is pulled). */
  lent?: boolean;
  bytes(): Promise<Buffer>;
  cancel(): void;
}

/** urllib.error.HTTPError: `HTTP Error 404: Not Found`. kind 'refused'. */
export class HTTPError extends URLError {
  override name = 'HTTPError';
  /** The HTTP status (Python's .code and .status). */
  readonly status: number;
  /** The URL that answered (Python's .filename / .url). */
  readonly url: string;
  readonly headers: Headers;
  /** The response, body unread; undefined when there is none (e.g. a refused redirect). */
  readonly response: HTTPErrorResponse | undefined;

  constructor(url: string, code: number, msg: string, headers: Headers, response?: HTTPErrorResponse) {
    super(msg, { kind: 'refused', code: 'ERR_HTTP_STATUS', python: 'urllib.error.HTTPError', filename: url });
    this.message = `HTTP Error ${code}: ${msg}`;
    this.status = code;
    this.url = url;
    this.headers = headers;
    this.response = response;
  }

  /** Python's HTTPError.code (the status; NetkitError.code is the machine code). */
  get httpCode(): number {
    return this.status;
  }

  /** Reads the error body (empty when there is no response). */
  async read(): Promise<Buffer> {
    return this.response ? this.response.bytes() : Buffer.alloc(0);
  }
}

/** urllib.error.ContentTooShortError: fewer bytes than Content-Length said (urlretrieve). */
export class ContentTooShortError extends URLError {
  override name = 'ContentTooShortError';
  readonly content: Buffer;
  constructor(message: string, content: Buffer) {
    super(message, { code: 'ERR_CONTENT_TOO_SHORT', python: 'urllib.error.ContentTooShortError' });
    this.content = content;
  }
}
