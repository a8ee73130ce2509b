// The CGI execution engine of `netkit serve http --cgi` (CPython 3.11's
// CGIHTTPRequestHandler, with RFC 3875 responses, limits and cgitb-style reports):
// selectCgi → buildCgiEnv → runCgi → (on failure) cgiReport / writeReport.
//
// Divergences from 3.11 (by design):
// - select: a script whose realpath is outside the CGI directory it was found under (or
//   whose CGI directory is outside the root) is 403 "CGI script is outside the CGI
//   directories (%r)" — 3.11 unquotes twice and runs /cgi-bin/%252e%252e/x from the root;
//   a '..' above the root (3.11: IndexError, connection dropped) is 400.
// - env: built on safeBaseEnv() (PATH, LANG, LC_ALL, LC_CTYPE, TZ) instead of a copy of
//   os.environ. SERVER_PROTOCOL is the server's protocol version, as in 3.11.
// - run: .py/.pyw run as `python3 -u <realpath> [query]` (3.11 on POSIX execs them through
//   their #! line; pythonInterpreter: null does that); others are exec'd at their realpath
//   with argv[0] = the script name. No setuid(nobody) (uid/gid options instead). The body
//   is piped (Content-Length bytes), not the socket; stdin is at EOF without a body.
//   cwd is the root. Timeout, output/header/stderr caps, process-group kill are netkit's.
// - rfc3875 mode (default): the head is parsed, Status honoured, Location without Status is
//   302 (a local '/path' redirect too), framing fields (Content-Length, Transfer-Encoding,
//   Connection...) dropped, a body without Content-Type or a malformed head is a failure,
//   and a non-zero exit found before the head is returned is a failure (500); 3.11 only logs.
//   mode 'python' is 3.11: 200 "Script output follows", then the bytes untouched.
export { selectCgi, isCgi, isPython, isExecutable, DEFAULT_CGI_DIRECTORIES, type CgiInfo, type CgiScript, type CgiSelection, type SelectOptions } from './select.js';
export { buildCgiEnv, safeBaseEnv, cgiArgs, type CgiRequest, type CgiServerInfo } from './env.js';
export { runCgi, cgiCommand, CgiTruncatedError, CGI_DEFAULTS, type RunCgiOptions, type CgiResult, type CgiFailure, type CgiFailureKind, type CgiCompletion } from './run.js';
export { parseCgiHead, findHeadEnd, reasonFor, type CgiHead } from './response.js';
export { cgiReport, htmlReport, textReport, reportFormatFor, reportContentType, logFileName, writeReport, savedNotice, type CgiReportInput, type ReportFormat } from './report.js';
