// BaseHTTPRequestHandler.send_error's body in CPython 3.11: DEFAULT_ERROR_MESSAGE filled with
// the code and html.escape(quote=False) of message and explain; and its `responses` table
// (HTTPStatus phrase and description by code).
import { encodeText } from '../../../url/index.js';
import { HTTP_STATUS_ROWS } from '../../status-table.js';

/** html.escape(s, quote=False): & < > only. */
export function htmlEscapeNoQuote(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** DEFAULT_ERROR_MESSAGE % {'code', 'message', 'explain'} as send_error fills it (escaping included). */
export function errorPage(code: number, message: string, explain: string): string {
  const c = String(code);
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${c}</p>
        <p>Message: ${htmlEscapeNoQuote(message)}.</p>
        <p>Error code explanation: ${c} - ${htmlEscapeNoQuote(explain)}.</p>
    </body>
</html>
`;
}

/** send_error's body bytes: errorPage(...).encode('UTF-8', 'replace') (a lone surrogate becomes '?'). */
export function errorBody(code: number, message: string, explain: string): Buffer {
  return Buffer.from(encodeText(errorPage(code, message, explain), 'utf-8', 'replace'));
}

const RESPONSES = new Map<number, [string, string]>(HTTP_STATUS_ROWS.map(([v, , phrase, description]) => [v, [phrase, description]]));

/** BaseHTTPRequestHandler.responses[code]: [phrase, description], or undefined (send_error then uses '???'). */
export function shortAndLong(code: number): [string, string] | undefined {
  const r = RESPONSES.get(code);
  return r ? [r[0], r[1]] : undefined;
}
