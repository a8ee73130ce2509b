// urllib.request.DataHandler (RFC 2397 data: URLs) and FileHandler (local file: URLs),
// as CPython 3.11 answers them: headers, final URL and errors.
import { osErrorText } from '../../core/os-error.js';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { NetkitError, PyValueError } from '../../core/errors.js';
import { unquote, unquoteToBytes } from '../../url/index.js';
import { Headers } from '../client/headers.js';
import { URLError } from './errors.js';
import { guessType } from './mimetypes.js';
import { splitport } from './proxies.js';

/** What a data: or file: URL opens to: headers and the whole content. */
export interface LocalResource {
  url: string;
  headers: Headers;
  content: Buffer;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** binascii.a2b_base64 (non-strict, as base64.decodebytes): junk skipped, padding checked. */
export function a2bBase64(data: Buffer): Buffer {
  const out: number[] = [];
  let quadPos = 0;
  let leftchar = 0;
  let pads = 0;
  let complete = false;
  for (const byte of data) {
    const ch = String.fromCharCode(byte);
    if (ch === '=') {
      if (quadPos >= 2 && quadPos + ++pads >= 4) {
        complete = true;
        break;
      }
      continue;
    }
    const v = B64.indexOf(ch);
    if (v < 0 || byte > 0x7f) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        quadPos = 1;
        leftchar = v;
        break;
      case 1:
        quadPos = 2;
        out.push((leftchar << 2) | (v >> 4));
        leftchar = v & 0x0f;
        break;
      case 2:
        quadPos = 3;
        out.push((leftchar << 4) | (v >> 2));
        leftchar = v & 0x03;
        break;
      default:
        quadPos = 0;
        out.push((leftchar << 6) | v);
        leftchar = 0;
    }
  }
  if (!complete && quadPos !== 0) {
    const error = (msg: string): NetkitError => new NetkitError(msg, { code: 'ERR_BASE64', python: 'binascii.Error' });
    if (quadPos === 1) throw error(`Invalid base64-encoded string: number of data characters (${Math.floor(out.length / 3) * 4 + 1}) cannot be 1 more than a multiple of 4`);
    throw error('Incorrect padding');
  }
  return Buffer.from(out);
}

/**
 * DataHandler.data_open: `data:[mediatype][;base64],data`; the data is unquoted (even when
 * base64), the mediatype defaults to text/plain;charset=US-ASCII. A URL without a comma is
 * Python's unpacking ValueError; bad base64 is binascii.Error.
 */
export function openDataUrl(url: string): LocalResource {
  const colon = url.indexOf(':');
  const rest = url.slice(colon + 1);
  const comma = rest.indexOf(',');
  if (colon < 0 || comma < 0) throw new PyValueError('not enough values to unpack (expected 2, got 1)', 'ERR_DATA_URL');
  let mediatype = rest.slice(0, comma);
  let data: Buffer = Buffer.from(unquoteToBytes(rest.slice(comma + 1)));
  if (mediatype.endsWith(';base64')) {
    data = a2bBase64(data);
    mediatype = mediatype.slice(0, -7);
  }
  if (!mediatype) mediatype = 'text/plain;charset=US-ASCII';
  return { url, headers: new Headers([['Content-type', mediatype], ['Content-length', String(data.length)]]), content: data };
}

/** The names FileHandler.get_names() accepts as this host. */
function isLocalHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '127.0.0.1' || h === os.hostname().toLowerCase();
}

/** email.utils.formatdate(t, usegmt=True): `Wed, 25 Nov 2026 00:18:47 GMT`. */
export function formatdateGMT(date: Date): string {
  return date.toUTCString();
}

/**
 * FileHandler.open_local_file: `file:PATH`, `file:///PATH` or `file://localhost/PATH`.
 * Headers Content-type (mimetypes guess, else text/plain), Content-length, Last-modified.
 * Another host is URLError `file not on local host`; a failed stat/open is URLError(OSError).
 */
export async function openFileUrl(url: string): Promise<LocalResource> {
  // Request: type 'file', then _splithost of the rest ('//host/path' → host, path).
  const rest = url.slice(url.indexOf(':') + 1);
  let host = '';
  let selector = rest;
  const m = /^\/\/([^/#?]*)([\s\S]*)$/.exec(rest);
  if (m) {
    host = m[1]!;
    selector = m[2]! || '';
    if (selector && !selector.startsWith('/')) selector = '/' + selector;
  }
  host = unquote(host);
  // Request.selector keeps the query; FileHandler (url2pathname) uses it as part of the name.
  const hashAt = selector.indexOf('#');
  if (hashAt >= 0) selector = selector.slice(0, hashAt);
  // FileHandler.file_open: 'file://host/...' with a non-local host and no path of its own.
  if (selector.startsWith('//') && selector.slice(2, 3) !== '/' && host && host !== 'localhost' && !isLocalHost(host)) throw new URLError('file:// scheme is supported only on localhost');
  const localfile = unquote(selector);
  let stats;
  let content: Buffer;
  try {
    stats = await fs.stat(localfile);
  } catch (err) {
    throw new URLError(osErrorText(err, localfile), { filename: localfile, cause: err });
  }
  const mtype = guessType(selector)[0];
  const headers = new Headers([
    ['Content-type', mtype ?? 'text/plain'],
    ['Content-length', String(stats.size)],
    ['Last-modified', formatdateGMT(new Date(Math.floor(stats.mtimeMs / 1000) * 1000))],
  ]);
  let hostonly = host;
  let port: string | undefined;
  if (host) [hostonly, port] = splitport(host);
  if (!hostonly || (port === undefined && isLocalHost(hostonly))) {
    try {
      content = await fs.readFile(localfile);
    } catch (err) {
      throw new URLError(osErrorText(err, localfile), { filename: localfile, cause: err });
    }
    return { url: hostonly || host ? 'file://' + host + selector : 'file://' + selector, headers, content };
  }
  throw new URLError('file not on local host');
}
