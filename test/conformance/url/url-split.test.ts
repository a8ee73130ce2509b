// urlsplit / urlparse (every field and attribute, geturl), urlunsplit, urlunparse, urldefrag
// and urljoin against CPython 3.11 (fixtures/url-split.json: CPython's own test_urlparse
// calls, then random and hostile inputs).
import { conformance, loadFixture, type Fixture } from '../conformance.js';
import { run, type UrlCase } from './engine.js';

const fixture = loadFixture<Fixture<UrlCase>>('../url/fixtures/url-split.json');

for (const fn of ['urlsplit', 'urlparse', 'urlunsplit', 'urlunparse', 'urldefrag', 'urljoin']) {
  conformance(
    fn,
    fixture.cases.filter((c) => c.fn === fn),
    (c) => ({ input: c.args, expected: c.expected, actual: run(c) }),
  );
}
