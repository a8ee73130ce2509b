// shlex.split(s) in POSIX mode, as webbrowser.get() splits a "%s" command line: whitespace
// splits words, '...' is literal, "..." lets \ escape only " and \, a bare \ escapes the
// next character. Errors carry shlex's messages.
import { PyValueError } from '../core/errors.js';

const WHITESPACE = ' \t\r\n';

export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (WHITESPACE.includes(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new PyValueError('No closing quotation');
      word += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new PyValueError('No closing quotation');
        const d = s[i]!;
        if (d === '"') break;
        if (d === '\\' && i + 1 < s.length && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          word += s[i + 1];
          i += 2;
        } else if (d === '\\' && i + 1 >= s.length) {
          throw new PyValueError('No escaped character');
        } else {
          word += d;
          i++;
        }
      }
      inWord = true;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new PyValueError('No escaped character');
      word += s[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
