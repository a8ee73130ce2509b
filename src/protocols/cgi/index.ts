// The CGI engine (CPython 3.11's cgi.FieldStorage and cgi.test()): the entry points the
// `cgi` commands use.
export { parseFieldStorage, parseFieldStorageFrom, DEFAULT_MAX_DEPTH, type FieldPart, type MiniField, type FormItem, type FieldStorageOptions } from './field-storage.js';
export { parseHeader, validBoundary, type ParsedHeader } from './header.js';
export { CgiLimitError, BoundaryError } from './errors.js';
export { BodyReader } from './reader.js';
export { cgiTestReport, itemRepr, DEFAULT_CGI_PATH, type ReportInput } from './report.js';
export { htmlEscape } from './py-repr.js';
export { readRequestBody, bodyExpected, DEFAULT_MAX_BODY } from './body.js';
export { saveUploads, removeUploads, type Uploads, type SavedUpload } from './uploads.js';
export { formFields, type FormField } from './fields.js';
