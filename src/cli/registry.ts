// The static list of nouns. Each loads lazily, so a command pays only for its own noun;
// the imports are literal so the bundler can follow them into one file.
import type { NounEntry } from './command.js';

/** Pass to buildProgram to load every noun (completion scripts, documentation checks). */
export const ALL_NOUNS = Symbol('all nouns');

export const NOUNS: readonly NounEntry[] = [
  {
    name: 'browser',
    summary: "open URLs as webbrowser does (Python's preference order, $BROWSER, WSL; prints the URL when headless)",
    manPage: 'netkit-browser',
    load: () => import('../commands/browser/index.js'),
  },
  {
    name: 'cgi',
    summary: "read a CGI request as Python's cgi module does: form fields for shell scripts (FieldStorage) and cgi.test()'s report",
    manPage: 'netkit-cgi',
    load: () => import('../commands/cgi/index.js'),
  },
  {
    name: 'cookiejar',
    summary: 'list, check and convert cookie files as http.cookiejar does (Mozilla/Netscape, LWP)',
    manPage: 'netkit-cookiejar',
    load: () => import('../commands/cookiejar/index.js'),
  },
  {
    name: 'http',
    summary: 'HTTP client verbs as urllib.request (get, post, ...; cookies, proxies, auth) and status codes (http.HTTPStatus)',
    manPage: 'netkit-http',
    load: () => import('../commands/http/index.js'),
  },
  {
    name: 'serve',
    summary: 'servers: a directory over HTTP as python3 -m http.server (serve http)',
    manPage: 'netkit-serve',
    load: () => import('../commands/serve/index.js'),
  },
  {
    name: 'cookie',
    summary: 'parse and make HTTP cookies as http.cookies does (SimpleCookie, Morsel)',
    manPage: 'netkit-cookie',
    load: () => import('../commands/cookie/index.js'),
  },
  {
    name: 'ip',
    summary: "IP address math: Python's ipaddress (info, subnet, collapse, contains, grep, ...)",
    manPage: 'netkit-ip',
    load: () => import('../commands/ip/index.js'),
  },
  {
    name: 'robots',
    summary: 'check, parse and lint robots.txt (urllib.robotparser; RFC 9309)',
    manPage: 'netkit-robots',
    load: () => import('../commands/robots/index.js'),
  },
  {
    name: 'smtp',
    summary: "send mail and question SMTP servers as smtplib does (send, probe, verify, expn; STARTTLS, AUTH, LMTP)",
    manPage: 'netkit-smtp',
    load: () => import('../commands/smtp/index.js'),
  },
  {
    name: 'url',
    summary: 'parse, join, quote and encode URLs as urllib.parse does',
    manPage: 'netkit-url',
    load: () => import('../commands/url/index.js'),
  },
  {
    name: 'uuid',
    summary: 'generate and inspect UUIDs (python -m uuid, uuid.UUID)',
    manPage: 'netkit-uuid',
    load: () => import('../commands/uuid/index.js'),
  },
  {
    name: 'completion',
    summary: 'print a shell completion script (bash, zsh, fish)',
    manPage: 'netkit',
    load: () => import('../commands/completion/index.js'),
  },
];
