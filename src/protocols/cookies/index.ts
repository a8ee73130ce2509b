// The cookie engine (CPython 3.11's http.cookies, plus lintCookie): the entry points the
// `cookie` commands use.
export { CookieError } from './errors.js';
export { Morsel, RESERVED, FLAGS, isReservedKey, pyStr, type AttributeValue, type AttributeFilter } from './morsel.js';
export { SimpleCookie, loadCookie, makeCookie, scanCookieString, type CookieScan, type ScannedItem, type StopReason, type MakeAttributes } from './simple-cookie.js';
export { quote, unquote, isLegalKey, getDate, LEGAL_CHARS } from './quote.js';
export { lintCookie, type CookieLintFinding } from './lint.js';
