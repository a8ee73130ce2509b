// cgi.test(): the HTML report a CGI script prints of its request — the working
// directory, sys.argv, the form (FieldStorage), the environment, the variables CGI may
// set, a demonstration traceback, and a second try with maxlen = 50 — byte for byte as
// CPython 3.11's, for `python3 -c 'import cgi; cgi.test()' ARG...` (sys.argv[0] is '-c').
import { pyRepr, parsePyInt } from '../core/py-text.js';
import { NetkitError } from '../core/errors.js';
import { BodyReader } from './reader.js';
import { parseFieldStorageFrom, type FieldPart, type FormItem } from './field-storage.js';
import { BoundaryError } from './errors.js';
import { htmlEscape as esc } from './py-repr.js';
import { pyBytesRepr } from '../core/py-text.js';
import { FRAMES, demoTraceback, formatFrames, type Frame } from './traceback.js';

export interface ReportInput {
  env: Readonly<Record<string, string | undefined>>;
  /** The bytes on stdin. */
  body: Uint8Array;
  /** os.getcwd(). */
  cwd: string;
  /** sys.argv[1:]: a GET without QUERY_STRING takes the first as its query. */
  args: readonly string[];
  /** Where the traceback says cgi.py is. */
  cgiPath: string;
}

export const DEFAULT_CGI_PATH = '/usr/lib/python3.11/cgi.py';

const ENVIRON_USAGE = `
<H3>These environment variables could have been set:</H3>
<UL>
${['AUTH_TYPE', 'CONTENT_LENGTH', 'CONTENT_TYPE', 'DATE_GMT', 'DATE_LOCAL', 'DOCUMENT_NAME', 'DOCUMENT_ROOT', 'DOCUMENT_URI', 'GATEWAY_INTERFACE', 'LAST_MODIFIED', 'PATH', 'PATH_INFO', 'PATH_TRANSLATED', 'QUERY_STRING', 'REMOTE_ADDR', 'REMOTE_HOST', 'REMOTE_IDENT', 'REMOTE_USER', 'REQUEST_METHOD', 'SCRIPT_NAME', 'SERVER_NAME', 'SERVER_PORT', 'SERVER_PROTOCOL', 'SERVER_ROOT', 'SERVER_SOFTWARE'].map((v) => '<LI>' + v + '\n').join('')}</UL>
In addition, HTTP headers sent by the server may be passed in the
environment as well.  Here are some common variable names:
<UL>
${['HTTP_ACCEPT', 'HTTP_CONNECTION', 'HTTP_HOST', 'HTTP_PRAGMA', 'HTTP_REFERER', 'HTTP_USER_AGENT'].map((v) => '<LI>' + v + '\n').join('')}</UL>

`;

/** Python's sorted() of str: code point order. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

const reprName = (s: string | null): string => (s === null ? 'None' : pyRepr(s));

/** repr() of a MiniFieldStorage or FieldStorage. */
export function itemRepr(item: FormItem): string {
  if (item.kind === 'mini') return `MiniFieldStorage(${pyRepr(item.name)}, ${pyRepr(item.value)})`;
  const value = item.bytes !== null ? pyBytesRepr(item.bytes) : item.text !== null ? pyRepr(item.text) : item.list !== null ? '[' + item.list.map(itemRepr).join(', ') + ']' : 'None';
  return `FieldStorage(${reprName(item.name)}, ${reprName(item.filename)}, ${value})`;
}

/** An exception as print_exception shows it: the frames, then the last line in bold. */
class Shown extends Error {
  constructor(
    readonly frames: readonly Frame[],
    readonly last: string,
  ) {
    super(last);
  }
}

function printException(frames: string, last: string): string {
  return `\n<H3>Traceback (most recent call last):</H3>\n<PRE>${esc(frames)}<B>${esc(last)}</B></PRE>\n`;
}

function printForm(form: FieldPart, second: boolean): string {
  if (form.list === null) throw new Shown([second ? FRAMES.testPrintForm2 : FRAMES.testPrintForm1, FRAMES.printFormKeys, FRAMES.keysRaise], 'TypeError: not indexable\n');
  const names = [...new Set(form.list.map((i) => i.name))];
  if (names.includes(null)) {
    // sorted() of None with str, or html.escape(None): Python fails deeper than netkit follows.
    const last = names.length > 1 ? "TypeError: '<' not supported between instances of 'NoneType' and 'str'\n" : "AttributeError: 'NoneType' object has no attribute 'replace'\n";
    throw new Shown([second ? FRAMES.testPrintForm2 : FRAMES.testPrintForm1], last);
  }
  const keys = (names as string[]).sort(byCodePoint);
  let out = '\n<H3>Form Contents:</H3>\n';
  if (!keys.length) out += '<P>No form fields.\n';
  out += '<DL>\n';
  for (const key of keys) {
    const found = form.list.filter((i) => i.name === key);
    const type = found.length > 1 ? "<class 'list'>" : found[0]!.kind === 'mini' ? "<class 'cgi.MiniFieldStorage'>" : "<class 'cgi.FieldStorage'>";
    const repr = found.length > 1 ? '[' + found.map(itemRepr).join(', ') + ']' : itemRepr(found[0]!);
    out += `<DT>${esc(key)}: <i>${esc(type)}</i>\n<DD>${esc(repr)}\n`;
  }
  return out + '</DL>\n\n';
}

function printEnviron(env: ReportInput['env']): string {
  const keys = Object.keys(env).filter((k) => env[k] !== undefined).sort(byCodePoint);
  return '\n<H3>Shell Environment:</H3>\n<DL>\n' + keys.map((k) => `<DT> ${esc(k)} <DD> ${esc(env[k]!)}\n`).join('') + '</DL>\n\n';
}

/** FieldStorage() as test() calls it, with Python's traceback frames for what it raises. */
function fieldStorage(input: ReportInput, fp: BodyReader, second: boolean): FieldPart {
  const call = second ? FRAMES.testForm2 : FRAMES.testForm1;
  let form: FieldPart;
  try {
    form = parseFieldStorageFrom(input.env, fp, { argv: ['-c', ...input.args], maxlen: second ? 50 : 0 });
  } catch (err) {
    if (err instanceof BoundaryError) {
      const nested: Frame[] = [];
      for (let d = 0; d < err.depth; d++) nested.push(FRAMES.initReadMulti, FRAMES.readMultiKlass);
      throw new Shown([call, ...nested, FRAMES.initReadMulti, FRAMES.readMultiBoundary], `ValueError: ${err.message}\n`);
    }
    if (err instanceof NetkitError && err.message === 'Maximum content length exceeded') throw new Shown([call, FRAMES.initMaxlen], `ValueError: ${err.message}\n`);
    if (err instanceof NetkitError && err.message === 'read length must be non-negative or -1') throw new Shown([call, FRAMES.initReadUrlencoded, FRAMES.readUrlencodedRead], `ValueError: ${err.message}\n`);
    if (err instanceof Error) throw new Shown([call], `${err.name}: ${err.message}\n`);
    throw err;
  }
  // read_binary writes the Content-Length bytes to a text-mode file: Python's TypeError.
  const clen = input.env.REQUEST_METHOD?.toUpperCase() !== 'GET' && input.env.REQUEST_METHOD?.toUpperCase() !== 'HEAD' && input.env.CONTENT_LENGTH !== undefined ? parsePyInt(input.env.CONTENT_LENGTH, 10) : undefined;
  if (form.list === null && form.text && clen !== undefined && clen >= 0n) {
    throw new Shown([call, FRAMES.initReadSingle, FRAMES.readSingleBinary, FRAMES.readBinaryWrite], 'TypeError: write() argument must be str, not bytes\n');
  }
  return form;
}

/** The whole of cgi.test()'s output, its "Content-type: text/html" header included. */
export function cgiTestReport(input: ReportInput): string {
  const path = input.cgiPath;
  const fp = new BodyReader(input.body);
  const directory = `\n<H3>Current Working Directory:</H3>\n${esc(input.cwd)}\n\n`;
  const argv = '[' + ['-c', ...input.args].map(pyRepr).join(', ') + ']';
  const args = `\n<H3>Command Line Arguments:</H3>\n\n${argv}\n\n`;
  let out = 'Content-type: text/html\n\n';
  const attempt = (second: boolean): void => {
    try {
      const form = fieldStorage(input, fp, second);
      out += directory + args;
      out += printForm(form, second);
      out += printEnviron(input.env);
      if (second) return;
      out += ENVIRON_USAGE;
      out += '<H3>What follows is a test, not an actual exception:</H3>\n';
      const demo = demoTraceback(path);
      out += printException(demo.frames, demo.last);
    } catch (err) {
      if (!(err instanceof Shown)) throw err;
      out += printException(formatFrames(path, err.frames), err.last);
    }
  };
  attempt(false);
  out += '<H1>Second try with a small maxlen...</H1>\n';
  attempt(true);
  return out;
}
