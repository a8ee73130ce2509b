// The strings `serve http` prints in Python's exact words (http.server.test() of CPython
// 3.11), kept here as named templates with golden tests so nobody "improves" them.

/** `Serving HTTP on HOST port PORT (http://URL_HOST:PORT/) ...`; an IPv6 host is bracketed in the URL. */
export function servingBanner(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return `Serving ${scheme.toUpperCase()} on ${host} port ${port} (${scheme}://${urlHost}:${port}/) ...`;
}

/** What http.server prints when Ctrl-C stops serve_forever() (the print's leading newline included). */
export const KEYBOARD_INTERRUPT = '\nKeyboard interrupt received, exiting.';

/** SimpleHTTPRequestHandler.server_version. */
export const SIMPLE_SERVER_VERSION = 'SimpleHTTP/0.6';
