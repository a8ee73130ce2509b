// send_error's page and BaseHTTPRequestHandler.responses against CPython 3.11 (fixtures/error-page.json).
import { conformance } from '../conformance.js';
import { errorBody, errorPage, shortAndLong } from '../../../src/protocols/http/server/simple/error-page.js';
import { load } from './load.js';

type Case = { tag: 'error_page'; code: number; message: string; explain: string; page: string; body: string } | { tag: 'responses'; code: number; result: [string, string] | null };

conformance('http.server error pages', load<Case>('error-page.json'), (c) =>
  c.tag === 'error_page'
    ? { input: [c.code, c.message, c.explain], expected: [c.page, c.body], actual: [errorPage(c.code, c.message, c.explain), errorBody(c.code, c.message, c.explain).toString('latin1')] }
    : { input: c.code, expected: c.result, actual: shortAndLong(c.code) ?? null },
);
