// Runs one url fixture case (generate.py's {fn, args}) through netkit's url engine and gives
// the answer in the fixture's shape: {"ok": ...} or {"error": {"type", "message"}}.
import { errorOutcome } from '../conformance.js';
import { parseQs, parseQsl, quote, quotePlus, unquote, unquotePlus, urlencode } from '../../../src/protocols/url/quote.js';
import { urldefrag, urlparse, urlsplit, urlunparse, urlunsplit, type ParseResult, type SplitResult } from '../../../src/protocols/url/split.js';
import { urljoin } from '../../../src/protocols/url/join.js';

export interface UrlCase {
  tag: string;
  fn: string;
  args: Record<string, unknown>;
  expected: unknown;
}

function outcome(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (e) {
    return errorOutcome(e);
  }
}

function splitAnswer(r: SplitResult | ParseResult): unknown {
  return {
    fields: r.toTuple(),
    username: outcome(() => r.username),
    password: outcome(() => r.password),
    hostname: outcome(() => r.hostname),
    port: outcome(() => r.port),
    geturl: r.geturl(),
  };
}

/** netkit's answer to a case, in generate.py's shape. */
export function run(c: UrlCase): unknown {
  const a = c.args as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (c.fn) {
    case 'urlsplit':
      return outcome(() => splitAnswer(urlsplit(a.url, a.scheme, a.allow_fragments)));
    case 'urlparse':
      return outcome(() => splitAnswer(urlparse(a.url, a.scheme, a.allow_fragments)));
    case 'urlunsplit':
      return outcome(() => urlunsplit(a.components));
    case 'urlunparse':
      return outcome(() => urlunparse(a.components));
    case 'urldefrag':
      return outcome(() => {
        const d = urldefrag(a.url);
        return [d.url, d.fragment];
      });
    case 'urljoin':
      return outcome(() => urljoin(a.base, a.url, a.allow_fragments));
    case 'quote':
      return outcome(() => quote(a.string, a.safe, a.encoding, a.errors));
    case 'quote_plus':
      return outcome(() => quotePlus(a.string, a.safe, a.encoding, a.errors));
    case 'unquote':
      return outcome(() => unquote(a.string, a.encoding, a.errors));
    case 'unquote_plus':
      return outcome(() => unquotePlus(a.string, a.encoding, a.errors));
    case 'urlencode':
      return outcome(() => urlencode(a.query, { doseq: a.doseq, safe: a.safe, encoding: a.encoding, errors: a.errors, quoteVia: a.quote_via }));
    case 'parse_qsl':
    case 'parse_qs': {
      const options = {
        keepBlankValues: a.keep_blank_values,
        strictParsing: a.strict_parsing,
        encoding: a.encoding,
        errors: a.errors,
        maxNumFields: a.max_num_fields,
        separator: a.separator,
      };
      return outcome(() => (c.fn === 'parse_qs' ? [...parseQs(a.qs, options)] : parseQsl(a.qs, options)));
    }
    default:
      throw new Error(`unknown fn ${c.fn}`);
  }
}
