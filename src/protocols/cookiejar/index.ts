// The cookiejar engine (CPython 3.11's http.cookiejar): Cookie records, the Mozilla and LWP
// file formats, and DefaultCookiePolicy's return decisions.
export { Cookie, CookieJar, HTTPONLY_ATTR, truthy, type CookieInit, type CookieRecord, type CookieRest, type Flag } from './cookie.js';
export { LoadError } from './errors.js';
export { loadMozilla, saveMozilla, HTTPONLY_PREFIX, NETSCAPE_HEADER_TEXT } from './mozilla.js';
export { loadLwp, saveLwp, asLwpStr, lwpCookieStr } from './lwp.js';
export { time2isoz, iso2time, offsetFromTzString } from './dates.js';
export { splitHeaderWords, joinHeaderWords, type HeaderPair } from './header-words.js';
export { textLines, type LoadOptions, type SaveOptions } from './file-text.js';
export { cookieRequest, decideCookies, returnOk, domainReturnOk, pathReturnOk, domainMatch, requestHost, requestPath, requestPort, effRequestHost, type CookieRequest, type Decision, type Refusal, type RefusalCode } from './policy.js';
export { detectFormat, loadJar, saveJar, type JarFormat } from './formats.js';
