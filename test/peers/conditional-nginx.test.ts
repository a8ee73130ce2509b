// The conditional/ range and precondition functions against a real nginx 1.22
// (test/peers/nginx.ts) on the same files: for each Range value, nginx's status and
// Content-Range / multipart parts are compared with planRange's plan — and where both send
// multipart, nginx's body byte-for-byte with multipartByteranges' framing under nginx's
// boundary. Where nginx differs on purpose the case records nginx's answer and why, and the
// test pins both sides (so a change in either is noticed). Then If-None-Match, If-Match,
// If-Modified-Since, If-Unmodified-Since and If-Range with nginx's own validators.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { multipartByteranges, planRange, type ByteRange, type RangePlan } from '../../src/protocols/http/server/conditional/ranges.js';
import { evaluatePreconditions, rangeApplies } from '../../src/protocols/http/server/conditional/etag.js';
import { formatHttpDate, parseHttpDate } from '../../src/protocols/http/server/simple/http-date.js';
import { requirePeer } from '../helpers/peers.js';
import { startNginx, type Nginx } from './nginx.js';

const skip = requirePeer('nginx') || requirePeer('openssl');
const T = 10_000;
let nginx: Nginx | undefined;
const MTIME_S = Date.UTC(2024, 0, 15, 12, 0, 0) / 1000;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: nginx!.httpPort, path, headers, timeout: T, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error('nginx did not answer in time')));
    req.once('error', reject);
    req.end();
  });
}

/** What a server following `plan` would answer, in nginx's terms. */
type Outcome = { status: 200 } | { status: 416 } | { status: 206; ranges: ByteRange[] };

function outcomeOf(plan: RangePlan): Outcome {
  if (plan.kind === 'full') return { status: 200 };
  if (plan.kind === 'unsatisfiable') return { status: 416 };
  return { status: 206, ranges: plan.ranges };
}

const r = (start: number, end: number): ByteRange => ({ start, end });

interface Case {
  file: 'hello.txt' | 'random.bin';
  range: string;
  /** nginx's answer when it differs from ours on purpose, and why. */
  nginx?: Outcome;
  why?: string;
}

const SYNTAX = 'RFC 9110 §14.2: an invalid Range is ignored (200); nginx answers 416';
const COALESCE = 'we coalesce overlapping/adjacent ranges (§14.2 allows it); nginx sends each as requested';
const cases: Case[] = [
  { file: 'hello.txt', range: 'bytes=0-4' },
  { file: 'hello.txt', range: 'Bytes=0-4' },
  { file: 'hello.txt', range: 'bytes= 0-4' },
  { file: 'hello.txt', range: 'bytes=0-' },
  { file: 'hello.txt', range: 'bytes=17-' },
  { file: 'hello.txt', range: 'bytes=18-' },
  { file: 'hello.txt', range: 'bytes=100-200' },
  { file: 'hello.txt', range: 'bytes=5-100' },
  { file: 'hello.txt', range: 'bytes=-18' },
  { file: 'hello.txt', range: 'bytes=-100' },
  { file: 'hello.txt', range: 'bytes=-0' },
  { file: 'hello.txt', range: 'bytes=00-01' },
  { file: 'hello.txt', range: 'bytes=0-0,-1' },
  { file: 'hello.txt', range: 'bytes=0-4 , 6-8' },
  { file: 'hello.txt', range: 'bytes=1-1,3-3,5-5' },
  { file: 'hello.txt', range: 'bytes=0-1,18-' },
  { file: 'hello.txt', range: 'items=0-1' },
  { file: 'hello.txt', range: 'bytes =0-4' },
  { file: 'hello.txt', range: 'bytes=' },
  { file: 'hello.txt', range: 'bytes=99999999999999999999-' },
  { file: 'random.bin', range: 'bytes=0-1023' },
  { file: 'random.bin', range: 'bytes=-1' },
  { file: 'random.bin', range: 'bytes=1048575-' },
  { file: 'random.bin', range: 'bytes=1048576-' },
  { file: 'random.bin', range: 'bytes=524288-524290,0-2,1000000-1000001' },
  { file: 'hello.txt', range: 'bytes=5-1', nginx: { status: 416 }, why: SYNTAX },
  { file: 'hello.txt', range: 'bytes=abc', nginx: { status: 416 }, why: SYNTAX },
  { file: 'hello.txt', range: 'bytes=-', nginx: { status: 416 }, why: SYNTAX },
  { file: 'hello.txt', range: 'bytes=1-2-3', nginx: { status: 416 }, why: SYNTAX },
  { file: 'hello.txt', range: 'bytes=0-1;x', nginx: { status: 416 }, why: SYNTAX },
  { file: 'hello.txt', range: 'bytes=0 -4', nginx: { status: 206, ranges: [r(0, 4)] }, why: 'nginx skips spaces inside a range-spec; the grammar has none, so we ignore the field' },
  { file: 'hello.txt', range: 'bytes=0-4,,6-8', nginx: { status: 416 }, why: 'RFC 9110 §5.6.1 has recipients accept empty list elements; nginx rejects them' },
  { file: 'hello.txt', range: 'bytes=0-99999999999999999999', nginx: { status: 416 }, why: 'nginx refuses numbers that overflow off_t; we clamp last-pos to the length (§14.1.1)' },
  { file: 'hello.txt', range: 'bytes=-99999999999999999999', nginx: { status: 416 }, why: 'nginx refuses numbers that overflow off_t; a suffix longer than the file is the whole file' },
  { file: 'hello.txt', range: 'bytes=0-1,0-1', nginx: { status: 206, ranges: [r(0, 1), r(0, 1)] }, why: COALESCE },
  { file: 'hello.txt', range: 'bytes=0-5,3-10', nginx: { status: 206, ranges: [r(0, 5), r(3, 10)] }, why: COALESCE },
  { file: 'random.bin', range: 'bytes=0-1,2-3', nginx: { status: 206, ranges: [r(0, 1), r(2, 3)] }, why: COALESCE },
  { file: 'random.bin', range: 'bytes=0-,0-', nginx: { status: 200 }, why: 'nginx ignores ranges whose sizes add up beyond the length; we coalesce them to one range' },
  {
    file: 'hello.txt',
    range: `bytes=${Array(20).fill('0-0').join(',')}`,
    nginx: { status: 200 },
    why: 'nginx: sizes add up beyond the length → 200; we coalesce twenty 0-0 into one',
  },
  {
    file: 'random.bin',
    range: `bytes=${Array.from({ length: 40 }, (_, i) => `${i * 10}-${i * 10}`).join(',')}`,
    nginx: { status: 206, ranges: Array.from({ length: 40 }, (_, i) => r(i * 10, i * 10)) },
    why: 'more than MAX_RANGES (32) range-specs are ignored; this nginx has no max_ranges',
  },
];

/** nginx's answer to one Range request, checked for internal consistency against the file. */
function outcomeOfReply(reply: Reply, file: Buffer): Outcome {
  if (reply.status === 200) {
    assert.ok(reply.body.equals(file), 'a 200 carries the whole file');
    return { status: 200 };
  }
  if (reply.status === 416) {
    assert.equal(reply.headers['content-range'], `bytes */${file.length}`);
    return { status: 416 };
  }
  assert.equal(reply.status, 206);
  const type = String(reply.headers['content-type']);
  const multipart = /^multipart\/byteranges; boundary=(.+)$/.exec(type);
  if (!multipart) {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(reply.headers['content-range']));
    assert.ok(m, `Content-Range ${String(reply.headers['content-range'])}`);
    assert.equal(Number(m[3]), file.length);
    const range = r(Number(m[1]), Number(m[2]));
    assert.ok(reply.body.equals(file.subarray(range.start, range.end + 1)));
    return { status: 206, ranges: [range] };
  }
  // Parts: CRLF--boundary CRLF headers CRLF CRLF data ... CRLF--boundary--CRLF
  const delim = Buffer.from(`\r\n--${multipart[1]}`);
  const ranges: ByteRange[] = [];
  let at = reply.body.indexOf(delim);
  assert.equal(at, 0);
  for (;;) {
    const after = at + delim.length;
    if (reply.body.subarray(after, after + 4).toString() === '--\r\n') break;
    const headEnd = reply.body.indexOf('\r\n\r\n', after);
    const head = reply.body.subarray(after, headEnd).toString('latin1');
    const m = /Content-Range: bytes (\d+)-(\d+)\/(\d+)/.exec(head)!;
    const range = r(Number(m[1]), Number(m[2]));
    const data = reply.body.subarray(headEnd + 4, headEnd + 4 + (range.end - range.start + 1));
    assert.ok(data.equals(file.subarray(range.start, range.end + 1)));
    ranges.push(range);
    at = headEnd + 4 + data.length;
    assert.equal(reply.body.indexOf(delim, at), at);
  }
  return { status: 206, ranges };
}

before(async () => {
  if (skip) return;
  nginx = await startNginx();
  utimesSync(join(nginx.docroot, 'hello.txt'), MTIME_S, MTIME_S);
});

after(async () => {
  await nginx?.stop();
});

test(`Range: ${cases.length} values, planRange vs nginx`, { skip, timeout: 60_000 }, async () => {
  const agreed: string[] = [];
  for (const c of cases) {
    const file = readFileSync(join(nginx!.docroot, c.file));
    const reply = await get(`/${c.file}`, { Range: c.range });
    const theirs = outcomeOfReply(reply, file);
    const plan = planRange(c.range, file.length);
    const ours = outcomeOf(plan);
    const label = `${c.file} Range: ${c.range.length > 60 ? `${c.range.slice(0, 60)}…` : c.range}`;
    if (c.nginx) {
      assert.deepEqual(theirs, c.nginx, `${label}: nginx's known answer (${c.why})`);
      assert.notDeepEqual(ours, theirs, `${label}: documented as a divergence but we agree now`);
      continue;
    }
    assert.deepEqual(ours, theirs, label);
    agreed.push(label);
    if (plan.kind === 'ranges' && plan.ranges.length > 1) {
      const boundary = /boundary=(.+)$/.exec(String(reply.headers['content-type']))![1]!;
      const m = multipartByteranges(plan.ranges, String(c.file === 'hello.txt' ? 'text/plain' : 'application/octet-stream'), file.length, boundary);
      assert.equal(reply.headers['content-type'], m.contentType);
      const assembled = Buffer.concat([...m.parts.flatMap((p) => [p.head, file.subarray(p.start, p.end + 1)]), m.trailer]);
      assert.ok(assembled.equals(reply.body), `${label}: multipart body byte-for-byte`);
      assert.equal(Number(reply.headers['content-length']), m.contentLength);
    }
  }
  assert.ok(agreed.length >= 20, `agreed on ${agreed.length}`);
});

test('preconditions and If-Range with nginx validators', { skip, timeout: 60_000 }, async () => {
  const plain = await get('/hello.txt', {});
  const etag = String(plain.headers['etag']);
  const lastModified = String(plain.headers['last-modified']);
  const lastModifiedMs = parseHttpDate(lastModified)!;
  assert.equal(lastModifiedMs, MTIME_S * 1000);
  const v = { etag, lastModifiedMs };
  const later = formatHttpDate(lastModifiedMs + 3600_000);
  const earlier = formatHttpDate(lastModifiedMs - 3600_000);
  const status = (o: 'proceed' | 304 | 412): number => (o === 'proceed' ? 200 : o);
  const conditional: Array<{ h: Record<string, string>; nginx?: number; why?: string }> = [
    { h: { 'if-none-match': etag } },
    { h: { 'if-none-match': `W/${etag}` } },
    { h: { 'if-none-match': `"nope", ${etag}` } },
    { h: { 'if-none-match': '"nope"' } },
    { h: { 'if-none-match': '*' } },
    { h: { 'if-match': etag } },
    { h: { 'if-match': '"nope"' } },
    { h: { 'if-match': '*' } },
    { h: { 'if-modified-since': lastModified } },
    { h: { 'if-modified-since': earlier } },
    { h: { 'if-modified-since': later }, nginx: 200, why: "nginx's default if_modified_since exact wants equality; RFC 9110 §13.1.3: not modified since a later date → 304" },
    { h: { 'if-unmodified-since': lastModified } },
    { h: { 'if-unmodified-since': later } },
    { h: { 'if-unmodified-since': earlier } },
    { h: { 'if-none-match': '"nope"', 'if-modified-since': lastModified } },
    { h: { 'if-match': etag, 'if-unmodified-since': earlier }, nginx: 412, why: 'RFC 9110 §13.2.2 skips If-Unmodified-Since when If-Match is present; nginx evaluates both' },
  ];
  for (const c of conditional) {
    const reply = await get('/hello.txt', c.h);
    const ours = status(evaluatePreconditions('GET', c.h, v));
    const label = JSON.stringify(c.h);
    if (c.nginx !== undefined) {
      assert.equal(reply.status, c.nginx, `${label}: nginx's known answer (${c.why})`);
      assert.notEqual(ours, reply.status, `${label}: documented as a divergence but we agree now`);
    } else assert.equal(ours, reply.status, label);
  }
  const ifRange: Array<{ value: string; nginx?: boolean; why?: string }> = [
    { value: etag },
    { value: '"nope"' },
    { value: lastModified },
    { value: later },
    { value: earlier },
    { value: `W/${etag}` },
  ];
  for (const c of ifRange) {
    const reply = await get('/hello.txt', { Range: 'bytes=0-4', 'If-Range': c.value });
    const nginxApplied = reply.status === 206;
    const ours = rangeApplies({ 'if-range': c.value }, v);
    if (c.nginx !== undefined) {
      assert.equal(nginxApplied, c.nginx, `If-Range ${c.value}: nginx's known answer (${c.why})`);
      assert.notEqual(ours, nginxApplied);
    } else assert.equal(ours, nginxApplied, `If-Range ${c.value}`);
  }
});
