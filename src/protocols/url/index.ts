// urllib.parse for netkit: the public surface of the url engine in one import.
export { urlsplit, urlsplitParts, type SplitParts, urlparse, urlunsplit, urlunparse, urldefrag, SplitResult, ParseResult, type DefragResult, USES_NETLOC, USES_PARAMS, USES_RELATIVE } from './split.js';
export { urljoin } from './join.js';
export { quote, quotePlus, quoteFromBytes, unquote, unquotePlus, unquoteToBytes, urlencode, parseQsl, parseQs, type UrlencodeOptions, type ParseQsOptions } from './quote.js';
export { compareWhatwg, COMPARED_FIELDS, type ComparedField, type FieldComparison, type WhatwgComparison, type RaisedError } from './compare.js';
export { PyLookupError, PyUnicodeDecodeError, PyUnicodeEncodeError, UnsupportedCodecError } from './errors.js';
export { lookupCodec, encodeText, decodeBytes, type CodecName } from './codec.js';
