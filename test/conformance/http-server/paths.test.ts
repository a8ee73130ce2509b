// translate_path and _url_collapse_path against CPython 3.11 (fixtures/paths.json), with
// test_httpservers' own vectors.
import { conformance } from '../conformance.js';
import { translatePath, urlCollapsePath } from '../../../src/protocols/http/server/simple/paths.js';
import { load } from './load.js';

type Case = { tag: 'url_collapse_path'; path: string; result?: string; error?: string; message?: string } | { tag: 'translate_path'; path: string; directory: string; result: string };

conformance('http.server paths', load<Case>('paths.json'), (c) => {
  if (c.tag === 'translate_path') return { input: [c.path, c.directory], expected: c.result, actual: translatePath(c.path, c.directory) };
  let actual: unknown;
  try {
    actual = { result: urlCollapsePath(c.path) };
  } catch (err) {
    actual = { error: (err as Error).name, message: (err as Error).message };
  }
  return { input: c.path, expected: c.error ? { error: c.error, message: c.message } : { result: c.result }, actual };
});
