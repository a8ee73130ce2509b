"""Writes src/protocols/http/status-table.ts from CPython's http.HTTPStatus (run with python3 3.11)."""
import http
import json
import pathlib
import sys

assert sys.version_info[:2] == (3, 11), "HTTPStatus must come from CPython 3.11, the oracle"
rows = [
    f"  [{s.value}, {json.dumps(s.name)}, {json.dumps(s.phrase)}, {json.dumps(s.description)}],"
    for s in http.HTTPStatus
]
out = pathlib.Path(__file__).resolve().parent.parent / "src/protocols/http/status-table.ts"
out.write_text(
    "// CPython 3.11's http.HTTPStatus members: value, name, phrase, description.\n"
    "// Generated from python3 3.11 by `python3 scripts/gen-http-status.py`; do not edit by hand.\n\n"
    "export const HTTP_STATUS_ROWS: ReadonlyArray<readonly [number, string, string, string]> = [\n"
    + "\n".join(rows)
    + "\n];\n"
)
