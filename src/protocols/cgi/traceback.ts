// The tracebacks cgi.test()'s print_exception shows, for the places CPython 3.11.7's
// Lib/cgi.py raises while test() runs: each frame's line number and source line (with
// 3.11's ^^^ markers) as that file has them. `path` is where cgi.py lives.

export type Frame = readonly [line: number, fn: string, source: string];

export const FRAMES = {
  testForm1: [864, 'test', '    form = FieldStorage()   # Replace with other classes to test those\n           ^^^^^^^^^^^^^^\n'],
  testForm2: [884, 'test', '    form = FieldStorage()   # Replace with other classes to test those\n           ^^^^^^^^^^^^^^\n'],
  testPrintForm1: [867, 'test', '    print_form(form)\n'],
  testPrintForm2: [887, 'test', '    print_form(form)\n'],
  printFormKeys: [919, 'print_form', '    keys = sorted(form.keys())\n                  ^^^^^^^^^^^\n'],
  keysRaise: [578, 'keys', '    raise TypeError("not indexable")\n'],
  initMaxlen: [481, '__init__', "    raise ValueError('Maximum content length exceeded')\n"],
  initReadUrlencoded: [489, '__init__', '    self.read_urlencoded()\n'],
  readUrlencodedRead: [598, 'read_urlencoded', '    qs = self.fp.read(self.length)\n         ^^^^^^^^^^^^^^^^^^^^^^^^^\n'],
  initReadMulti: [491, '__init__', '    self.read_multi(environ, keep_blank_values, strict_parsing)\n'],
  readMultiKlass: [666, 'read_multi', '    part = klass(self.fp, headers, ib, environ, keep_blank_values,\n           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n'],
  readMultiBoundary: [618, 'read_multi', "    raise ValueError('Invalid boundary in multipart form: %r' % (ib,))\n"],
  initReadSingle: [493, '__init__', '    self.read_single()\n'],
  readSingleBinary: [686, 'read_single', '    self.read_binary()\n'],
  readBinaryWrite: [708, 'read_binary', '    self.file.write(data)\n'],
  testG: [875, 'test', '    g()\n'],
  gF: [873, 'g', '    f()\n'],
  fExec: [871, 'f', '    exec("testing print_exception() -- <I>italics?</I>")\n'],
} satisfies Record<string, Frame>;

/** The text traceback.format_tb gives for the frames. */
export function formatFrames(path: string, frames: readonly Frame[]): string {
  return frames.map(([line, fn, source]) => `  File "${path}", line ${line}, in ${fn}\n${source}`).join('');
}

/** test()'s demonstration: exec() of a line that is not Python, a SyntaxError. */
export function demoTraceback(path: string): { frames: string; last: string } {
  const frames =
    formatFrames(path, [FRAMES.testG, FRAMES.gF, FRAMES.fExec]) +
    '  File "<string>", line 1\n    testing print_exception() -- <I>italics?</I>\n            ^^^^^^^^^^^^^^^\n';
  return { frames, last: 'SyntaxError: invalid syntax\n' };
}
