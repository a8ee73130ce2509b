// urllib.parse.urljoin, ported from CPython 3.11.7: uses_relative / uses_netloc decide
// whether the reference is resolved at all, and the path is merged with 3.11's
// RFC 3986 remove_dot_segments variant (empty inner segments of a relative merge dropped).
import { urlparse, urlunparse, USES_NETLOC, USES_RELATIVE } from './split.js';

/** urllib.parse.urljoin(base, url, allow_fragments). */
export function urljoin(base: string, url: string, allowFragments = true): string {
  if (!base) return url;
  if (!url) return base;
  const b = urlparse(base, '', allowFragments);
  const r = urlparse(url, b.scheme, allowFragments);
  const { scheme, fragment } = r;
  let { netloc, path, params, query } = r;
  if (scheme !== b.scheme || !USES_RELATIVE.includes(scheme)) return url;
  if (USES_NETLOC.includes(scheme)) {
    if (netloc) return urlunparse([scheme, netloc, path, params, query, fragment]);
    netloc = b.netloc;
  }
  if (!path && !params) {
    path = b.path;
    params = b.params;
    if (!query) query = b.query;
    return urlunparse([scheme, netloc, path, params, query, fragment]);
  }

  const baseParts = b.path.split('/');
  if (baseParts[baseParts.length - 1] !== '') baseParts.pop();

  let segments: string[];
  if (path.startsWith('/')) {
    segments = path.split('/');
  } else {
    segments = [...baseParts, ...path.split('/')];
    // segments[1:-1] = filter(None, segments[1:-1])
    if (segments.length > 1) {
      const inner = segments.slice(1, -1).filter((s) => s !== '');
      segments = [segments[0]!, ...inner, segments[segments.length - 1]!];
    }
  }

  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === '..') resolved.pop();
    else if (seg === '.') continue;
    else resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === '.' || last === '..') resolved.push('');

  return urlunparse([scheme, netloc, resolved.join('/') || '/', params, query, fragment]);
}
