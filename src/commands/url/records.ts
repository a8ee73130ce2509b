// urlsplit()/urlparse() results as records: Python's fields, then the attributes username,
// password, hostname and port. An attribute that raises in Python (`.port` of
// "http://h:99999") makes the whole record that error, with Python's message.
import { Command } from 'commander';
import { urlparse, urlsplit } from '../../protocols/url/index.js';

export interface URLOptions {
  scheme: string;
  fragments: boolean;
}

export interface SplitRecord {
  scheme: string;
  netloc: string;
  path: string;
  params?: string;
  query: string;
  fragment: string;
  username: string | null;
  password: string | null;
  hostname: string | null;
  port: number | null;
}

/** urlsplit(url, scheme, allow_fragments) as a record (one object literal: JSON.stringify's fast path). */
export function splitRecord(url: string, opts: URLOptions): SplitRecord {
  const r = urlsplit(url, opts.scheme, opts.fragments);
  return {
    scheme: r.scheme,
    netloc: r.netloc,
    path: r.path,
    query: r.query,
    fragment: r.fragment,
    username: r.username,
    password: r.password,
    hostname: r.hostname,
    port: r.port,
  };
}

/** urlparse(url, scheme, allow_fragments) as a record. */
export function parseRecord(url: string, opts: URLOptions): SplitRecord {
  const r = urlparse(url, opts.scheme, opts.fragments);
  return {
    scheme: r.scheme,
    netloc: r.netloc,
    path: r.path,
    params: r.params,
    query: r.query,
    fragment: r.fragment,
    username: r.username,
    password: r.password,
    hostname: r.hostname,
    port: r.port,
  };
}

/** --scheme and --no-fragments: Python's scheme= and allow_fragments=. */
export function withURLOptions(cmd: Command): Command {
  return cmd
    .option('--scheme <S>', "Python's scheme=: the scheme to assume when the URL has none", '')
    .option('--no-fragments', "Python's allow_fragments=False: '#' is not a fragment delimiter");
}
