// SimpleHTTPRequestHandler.list_directory bodies against CPython 3.11 (fixtures/listing.json):
// tricky, empty and case-ordering directories under many request paths.
import { conformance } from '../conformance.js';
import { listDirectoryHtml, type ListingEntry } from '../../../src/protocols/http/server/simple/listing.js';
import { load } from './load.js';

type Case = { tag: string; path: string; entries: ListingEntry[]; body?: string; error?: string };

conformance('list_directory', load<Case>('listing.json'), (c) => {
  let actual: unknown;
  try {
    actual = { body: listDirectoryHtml(c.path, c.entries).toString('latin1') };
  } catch (err) {
    actual = { error: (err as Error).name };
  }
  return { input: c.path, expected: c.body !== undefined ? { body: c.body } : { error: c.error }, actual };
});
