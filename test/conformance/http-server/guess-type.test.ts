// SimpleHTTPRequestHandler.guess_type and mimetypes.guess_type (built-in tables only) against
// CPython 3.11 (fixtures/guess-type.json).
import { conformance } from '../conformance.js';
import { guessType, mimetypesGuessType } from '../../../src/protocols/http/server/simple/mimetypes.js';
import { load } from './load.js';

type Case = { tag: string; path: string; type: string; mimetypes: [string | null, string | null] };
const cases = load<Case>('guess-type.json');

conformance('guess_type', cases, (c) => ({ input: c.path, expected: c.type, actual: guessType(c.path) }));
conformance('mimetypes.guess_type', cases.map((c) => ({ ...c, tag: 'mimetypes' })), (c) => ({ input: c.path, expected: c.mimetypes, actual: mimetypesGuessType(c.path) }));
