// Newer CPython's robotparser normalisation of paths and patterns:
// quote(unquote(text, errors='surrogateescape'), errors='surrogateescape'): every %XX
// becomes its byte and every byte is quoted again, so escapes come out upper case and
// unreserved bytes decoded.
import { quote, unquote } from '../url/index.js';

export function normalizeEscapes(text: string): string {
  return quote(unquote(text, 'utf-8', 'surrogateescape'), '/', 'utf-8', 'surrogateescape');
}
