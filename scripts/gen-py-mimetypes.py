"""Writes src/protocols/http/server/simple/mimetypes-table.ts from CPython 3.11's built-in
mimetypes tables (MimeTypes() without any system file: _types_map_default as the strict
map, _encodings_map_default, _suffix_map_default). Run with python3 3.11."""
import json
import mimetypes
import pathlib
import sys

assert sys.version_info[:2] == (3, 11), "the tables must come from CPython 3.11, the oracle"
mimetypes.inited = True  # MimeTypes() must not read /etc/mime.types
db = mimetypes.MimeTypes()


def table(name, d):
    rows = ''.join(f'  [{json.dumps(k)}, {json.dumps(v)}],\n' for k, v in d.items())
    return f'export const {name}: ReadonlyArray<readonly [string, string]> = [\n{rows}];\n'


out = pathlib.Path(__file__).resolve().parent.parent / 'src/protocols/http/server/simple/mimetypes-table.ts'
out.write_text(
    "// CPython 3.11's built-in mimetypes tables: types_map[True] of a MimeTypes() that read no\n"
    "// system file, encodings_map and suffix_map.\n"
    "// Generated from python3 3.11 by `python3 scripts/gen-py-mimetypes.py`; do not edit by hand.\n\n"
    + table('TYPES_MAP', db.types_map[True]) + '\n'
    + table('ENCODINGS_MAP', db.encodings_map) + '\n'
    + table('SUFFIX_MAP', db.suffix_map)
)
