// The cookiejar engine (CPython 3.11's http.cookiejar): Cookie records, the Mozilla and LWP
// file formats, DefaultCookiePolicy's return and accept decisions, Set-Cookie parsing
// (extract_cookies) and the Cookie header (add_cookie_header).
export { Cookie, CookieJar, HTTPONLY_ATTR, truthy, type CookieInit, type CookieRecord, type CookieRest, type Flag } from './cookie.js';
export { LoadError, CookieKeyError } from './errors.js';
export { loadMozilla, saveMozilla, HTTPONLY_PREFIX, NETSCAPE_HEADER_TEXT } from './mozilla.js';
export { loadLwp, saveLwp, asLwpStr, lwpCookieStr } from './lwp.js';
export { time2isoz, iso2time, http2time, offsetFromTzString } from './dates.js';
export { splitHeaderWords, joinHeaderWords, type HeaderPair } from './header-words.js';
export { textLines, type LoadOptions, type SaveOptions } from './file-text.js';
export { cookieRequest, decideCookies, returnOk, domainReturnOk, pathReturnOk, domainMatch, requestHost, requestPath, requestPort, effRequestHost, escapePath, reach, isThirdParty, isHDN, POLICY, type CookieRequest, type Decision, type Refusal, type RefusalCode } from './policy.js';
export { detectFormat, loadJar, saveJar, type JarFormat } from './formats.js';
export { parseNsHeaders, stripQuotes, type AttrPair, type AttrValue } from './ns-headers.js';
export { makeCookies, headerValues, normalizedCookieTuples, cookieFromCookieTuple, cookiesFromAttrsSet, processRfc2109Cookies, type ResponseHeaders, type CookieTuple } from './make-cookies.js';
export { setOk, setOkVersion, setOkVerifiability, setOkName, setOkPath, setOkDomain, setOkPort, type SetRefusal, type SetRefusalCode } from './set-policy.js';
export { extractCookies, type SetDecision } from './extract.js';
export { cookieHeader, addCookieHeader, cookieAttrs, cookiesForRequest } from './cookie-header.js';
