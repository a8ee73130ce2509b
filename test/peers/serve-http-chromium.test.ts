// `netkit serve http` (in-process, port 0, loopback) driven by Debian's headless Chromium
// through playwright-core: the directory listing (names with spaces and non-ASCII, a
// subdirectory, navigation, and a screenshot decoded and checked here: a PNG of the
// viewport's size, not blank, with ink where the listing's text is), a seek in a WAV file
// (the server must see "Range: bytes=N-" with N > 0 and answer 206; a loopback proxy in
// front of the server records the exchanges, and the JSON access log confirms), the same
// seek with Chromium's HTTP cache on (its If-None-Match revalidations of cached ranges and
// If-Range fetches of the rest must get 304/206 with the right framing), and a
// multipart form post with a file upload to a real sh CGI script that parses it with
// `netkit cgi form --shell`. Every wait is bounded; no sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { requireBundle } from '../helpers/peers.js';
import { chromiumSkip, withChromium } from './chromium.js';
import { serve as serveHttp, stop as stopServer } from './serve-http-harness.js';

const skip = chromiumSkip();
const WAIT_MS = 5000;
const VIEWPORT = { width: 800, height: 600 };
const BIN_NETKIT = fileURLToPath(new URL('../../bin/netkit', import.meta.url));

// ---------------------------------------------------------------------------------------
// The server, in-process.

interface Running {
  port: number;
  stderr: () => string;
  exit: Promise<number>;
  stop: () => Promise<number>;
}

/** Runs `netkit serve http 0 -b 127.0.0.1 ...argv` in-process (the shared harness). */
async function serve(argv: string[], cwd: string): Promise<Running> {
  const r = await serveHttp(['0', '-b', '127.0.0.1', ...argv], cwd, { PATH: process.env['PATH'] ?? '' });
  return { port: r.port, stderr: r.stderr, exit: r.exit, stop: () => stopServer(r) };
}


interface LogRecord {
  request_line?: string;
  code: number;
  bytes?: number;
}

/** The --log-format json records on the server's stderr. */
function jsonLog(stderr: string): LogRecord[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogRecord);
}

/** Screenshots kept in base (outside the repository). */
function screenshots(base: string): string[] {
  return existsSync(base) ? readdirSync(base).filter((f) => f.endsWith('.png')).map((f) => join(base, f)) : [];
}

/** A temporary base directory with root/ inside; removed unless a test failed with screenshots to look at. */
function tempTree(t: { after: (fn: () => void) => void }, failed: () => boolean): { base: string; root: string } {
  const base = mkdtempSync(join(tmpdir(), 'netkit-chromium-'));
  const root = join(base, 'root');
  mkdirSync(root);
  t.after(() => {
    if (failed() && screenshots(base).length) rmSync(join(base, 'root'), { recursive: true, force: true });
    else rmSync(base, { recursive: true, force: true });
  });
  return { base, root };
}

/** Runs body; on failure prints where the evidence (screenshots) was kept, then rethrows. */
async function keepingEvidence(base: string, failed: { value: boolean }, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    failed.value = true;
    const shots = screenshots(base);
    if (shots.length) console.error(`serve-http-chromium: failed; screenshots kept: ${shots.join(', ')}`);
    throw e;
  }
}

async function newPage(browser: import('playwright-core').Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.setDefaultNavigationTimeout(WAIT_MS);
  return page;
}

// ---------------------------------------------------------------------------------------
// PNG: just enough of a decoder (node:zlib) to check a screenshot.

interface Image {
  width: number;
  height: number;
  /** Bytes per pixel: 3 (RGB) or 4 (RGBA). */
  channels: number;
  pixels: Buffer;
}

/** Decodes an 8-bit, non-interlaced RGB/RGBA PNG, checking its signature, CRCs and framing. */
function decodePng(png: Buffer): Image {
  const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.subarray(0, 8).equals(SIGNATURE), 'PNG signature');
  let pos = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (pos < png.length) {
    assert.ok(pos + 12 <= png.length, 'truncated PNG chunk');
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + length);
    assert.equal(data.length, length, `truncated ${type} chunk`);
    assert.equal(png.readUInt32BE(pos + 8 + length), crc32(png.subarray(pos + 4, pos + 8 + length)), `CRC of ${type}`);
    pos += 12 + length;
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  assert.ok(ihdr && ended && idat.length > 0, 'IHDR, IDAT and IEND');
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [bitDepth, colorType, , , interlace] = [ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]];
  assert.equal(bitDepth, 8, 'bit depth');
  assert.equal(interlace, 0, 'interlace');
  assert.ok(colorType === 2 || colorType === 6, `colour type ${colorType}`);
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  assert.equal(raw.length, height * (stride + 1), 'decompressed size');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let p: number;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`PNG filter type ${filter} on row ${y}`);
      }
      out[x] = (line[x]! + p) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Mean and variance of the luma over a rectangle (default: the whole image). */
function lumaStats(img: Image, box = { x: 0, y: 0, width: img.width, height: img.height }): { mean: number; variance: number; dark: number } {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(img.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(img.height, Math.ceil(box.y + box.height));
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let dark = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * img.channels;
      const l = 0.299 * img.pixels[i]! + 0.587 * img.pixels[i + 1]! + 0.114 * img.pixels[i + 2]!;
      n++;
      sum += l;
      sum2 += l * l;
      if (l < 128) dark++;
    }
  }
  const mean = n ? sum / n : 0;
  return { mean, variance: n ? sum2 / n - mean * mean : 0, dark };
}

// ---------------------------------------------------------------------------------------
// The listing.

const SPACED = 'a file with spaces.txt';
const UNICODE = 'naïve résumé – 日本語 ✓.txt';
const SUBDIR = 'sub dir';

test('Chromium: the listing page, its links, navigation into a subdirectory and back, and a checked screenshot', { skip, timeout: 20_000 }, async (t) => {
  const failed = { value: false };
  const { base, root } = tempTree(t, () => failed.value);
  writeFileSync(join(root, SPACED), 'spaces ok\n');
  writeFileSync(join(root, UNICODE), 'unicode ok\n');
  writeFileSync(join(root, 'plain.txt'), 'plain\n');
  mkdirSync(join(root, SUBDIR));
  writeFileSync(join(root, SUBDIR, 'inner.txt'), 'inner\n');
  const server = await serve(['-d', root], base);
  try {
    await keepingEvidence(base, failed, () =>
      withChromium(async (browser) => {
        const page = await newPage(browser);
        const origin = `http://127.0.0.1:${server.port}`;
        const res = await page.goto(`${origin}/`);
        assert.equal(res?.status(), 200);
        assert.equal(await page.title(), 'Directory listing for /');
        assert.equal((await page.locator('h1').textContent())?.trim(), 'Directory listing for /');

        // Python's listing: sorted case-insensitively, directories with "/", hrefs quoted.
        const links = page.locator('ul li a');
        const names = await links.allTextContents();
        assert.deepEqual(names, ['a file with spaces.txt', 'naïve résumé – 日本語 ✓.txt', 'plain.txt', 'sub dir/']);
        const hrefs: string[] = [];
        for (let i = 0; i < names.length; i++) hrefs.push((await links.nth(i).getAttribute('href')) ?? '');
        assert.deepEqual(hrefs, [encodeURIComponent(SPACED), encodeURIComponent(UNICODE), 'plain.txt', `${encodeURIComponent(SUBDIR)}/`]);

        // The screenshot: the viewport's size, not blank, ink where the heading and each link are.
        const shotPath = join(base, 'listing.png');
        const png = await page.screenshot({ path: shotPath, timeout: WAIT_MS });
        const img = decodePng(png);
        assert.deepEqual([img.width, img.height], [VIEWPORT.width, VIEWPORT.height], 'screenshot size');
        const whole = lumaStats(img);
        assert.ok(whole.variance > 200, `screenshot looks blank: luma variance ${whole.variance.toFixed(1)} (${shotPath})`);
        assert.ok(whole.dark > 500, `screenshot has almost no dark pixels: ${whole.dark} (${shotPath})`);
        for (const locator of [page.locator('h1'), ...names.map((_, i) => links.nth(i))]) {
          assert.ok(await locator.isVisible(), `${await locator.textContent()} is visible`);
          const box = await locator.boundingBox();
          assert.ok(box, 'a bounding box');
          assert.ok(box.y + box.height <= VIEWPORT.height, 'inside the viewport');
          const inside = lumaStats(img, box);
          assert.ok(inside.dark > 30 && inside.variance > 1000, `no text drawn where "${await locator.textContent()}" is (${shotPath}): ${JSON.stringify(inside)}`);
        }
        // What is painted is the listing: its text, as the page has it.
        const body = (await page.textContent('body')) ?? '';
        for (const name of ['Directory listing for /', ...names]) assert.ok(body.includes(name), `page text has ${name}`);

        // Links with spaces and non-ASCII resolve to the files.
        await page.getByRole('link', { name: UNICODE, exact: true }).click();
        await page.waitForURL(`${origin}/${encodeURIComponent(UNICODE)}`);
        assert.equal((await page.textContent('body'))?.trim(), 'unicode ok');
        await page.goBack();
        await page.waitForURL(`${origin}/`);
        await page.getByRole('link', { name: SPACED, exact: true }).click();
        await page.waitForURL(`${origin}/${encodeURIComponent(SPACED)}`);
        assert.equal((await page.textContent('body'))?.trim(), 'spaces ok');
        await page.goBack();

        // Into the subdirectory and back.
        await page.getByRole('link', { name: `${SUBDIR}/`, exact: true }).click();
        await page.waitForURL(`${origin}/${encodeURIComponent(SUBDIR)}/`);
        assert.equal(await page.title(), `Directory listing for /${SUBDIR}/`);
        assert.deepEqual(await page.locator('ul li a').allTextContents(), ['inner.txt']);
        await page.goBack();
        await page.waitForURL(`${origin}/`);
        assert.equal(await page.title(), 'Directory listing for /');
        assert.deepEqual(await page.locator('ul li a').allTextContents(), names);
      }),
    );
  } finally {
    assert.equal(await server.stop(), 0);
  }
});

// ---------------------------------------------------------------------------------------
// Seeking in a media file: Range requests.

/** A 16-bit stereo PCM WAV of a 440 Hz tone. */
function wavTone(seconds: number, rate = 48_000): Buffer {
  const channels = 2;
  const frames = seconds * rate;
  const dataBytes = frames * channels * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'latin1');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'latin1');
  wav.write('fmt ', 12, 'latin1');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(channels, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * channels * 2, 28);
  wav.writeUInt16LE(channels * 2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'latin1');
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < frames; i++) {
    const s = Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000);
    wav.writeInt16LE(s, 44 + i * 4);
    wav.writeInt16LE(s, 46 + i * 4);
  }
  return wav;
}

interface Exchange {
  method: string;
  target: string;
  range: string | undefined;
  ifNoneMatch: string | undefined;
  ifRange: string | undefined;
  status?: number;
  contentRange?: string;
  contentLength?: number;
  etag?: string;
}

/**
 * A loopback TCP proxy in front of the server that records, per connection, each request
 * head and the status line and framing headers of the response to it (Chromium does not
 * pipeline, so they pair in order). Bodies are skipped by Content-Length.
 */
async function recordingProxy(upstreamPort: number): Promise<{ port: number; exchanges: Exchange[]; close: () => Promise<void> }> {
  const exchanges: Exchange[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    sockets.add(client).add(upstream);
    const pending: Exchange[] = [];
    let reqBuf: Buffer = Buffer.alloc(0);
    let reqBody = 0;
    let resBuf: Buffer = Buffer.alloc(0);
    let resBody = 0;
    let resBroken = false;
    const head = (buf: Buffer): { lines: string[]; rest: Buffer } | undefined => {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      return { lines: buf.toString('latin1', 0, end).split('\r\n'), rest: buf.subarray(end + 4) };
    };
    const field = (lines: string[], name: string): string | undefined => {
      const line = lines.find((l) => l.toLowerCase().startsWith(`${name}:`));
      return line?.slice(name.length + 1).trim();
    };
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      reqBuf = Buffer.concat([reqBuf, chunk]);
      for (;;) {
        if (reqBody > 0) {
          const n = Math.min(reqBody, reqBuf.length);
          reqBody -= n;
          reqBuf = reqBuf.subarray(n);
          if (reqBody > 0) return;
        }
        const h = head(reqBuf);
        if (!h) return;
        const [method = '', target = ''] = h.lines[0]!.split(' ');
        const ex: Exchange = { method, target, range: field(h.lines, 'range'), ifNoneMatch: field(h.lines, 'if-none-match'), ifRange: field(h.lines, 'if-range') };
        exchanges.push(ex);
        pending.push(ex);
        reqBody = Number(field(h.lines, 'content-length') ?? 0);
        reqBuf = h.rest;
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (resBroken) return;
      resBuf = Buffer.concat([resBuf, chunk]);
      for (;;) {
        if (resBody > 0) {
          const n = Math.min(resBody, resBuf.length);
          resBody -= n;
          resBuf = resBuf.subarray(n);
          if (resBody > 0) return;
        }
        const h = head(resBuf);
        if (!h) return;
        const ex = pending.shift();
        const status = Number(h.lines[0]!.split(' ')[1]);
        const length = field(h.lines, 'content-length');
        if (ex) {
          ex.status = status;
          ex.contentRange = field(h.lines, 'content-range');
          ex.etag = field(h.lines, 'etag');
          if (length !== undefined) ex.contentLength = Number(length);
        }
        resBuf = h.rest;
        if (ex?.method === 'HEAD' || status === 304 || status === 204 || (status >= 100 && status < 200)) resBody = 0;
        else if (length !== undefined) resBody = Number(length);
        else {
          // Chunked or close-delimited: nothing after it on this connection is framed for us.
          resBroken = true;
          return;
        }
      }
    });
    const done = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', done).on('close', done);
    upstream.on('error', done).on('close', done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    exchanges,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const SECONDS = 27; // 48 kHz, 16-bit stereo: about 5 MB
const WAV = wavTone(SECONDS);
/** The byte offset of the middle of the tone. */
const MIDDLE = 44 + (SECONDS / 2) * 48_000 * 4;

/**
 * The server's answer to one Range request is right: 206 with the Content-Range and
 * Content-Length of the range asked for, or 304 when the request was a revalidation
 * (If-None-Match with the ETag the server gives the file). Never 200 with the whole file.
 */
function checkRangeAnswer(e: Exchange, etag: string | undefined): void {
  const what = JSON.stringify(e);
  if (e.status === undefined) return; // still in flight when the browser was done with it
  if (e.status === 304) {
    assert.ok(etag !== undefined && e.ifNoneMatch === etag && e.etag === etag, `304 for a request that was not a revalidation: ${what}`);
    return;
  }
  assert.equal(e.status, 206, what);
  const m = /^bytes=(\d+)-(\d*)$/.exec(e.range!);
  assert.ok(m, `a single byte range: ${what}`);
  const start = Number(m[1]);
  const end = m[2] ? Math.min(Number(m[2]), WAV.length - 1) : WAV.length - 1;
  assert.equal(e.contentRange, `bytes ${start}-${end}/${WAV.length}`, what);
  assert.equal(e.contentLength, end - start + 1, what);
}

/**
 * Serves player.html and tone.wav through a recording proxy, seeks the <audio> element to
 * the middle in Chromium (its HTTP cache on or off) and returns what went over the wire.
 */
async function seekScenario(t: { after: (fn: () => void) => void }, httpCache: boolean): Promise<{ exchanges: Exchange[]; log: LogRecord[] }> {
  const failed = { value: false };
  const { base, root } = tempTree(t, () => failed.value);
  writeFileSync(join(root, 'tone.wav'), WAV);
  writeFileSync(
    join(root, 'player.html'),
    '<!doctype html><meta charset="utf-8"><title>player</title>\n<audio id="a" preload="metadata" controls src="tone.wav"></audio>\n',
  );
  const server = await serve(['-d', root, '--log-format', 'json'], base);
  const proxy = await recordingProxy(server.port);
  try {
    await keepingEvidence(base, failed, () =>
      withChromium(async (browser) => {
        const page = await newPage(browser);
        if (!httpCache) {
          // DevTools' "Disable cache": every request goes to the server, none conditional.
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('Network.enable');
          await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        }
        await page.goto(`http://127.0.0.1:${proxy.port}/player.html`);
        // Metadata first (duration known), then a seek to the middle; both bounded.
        await page.waitForFunction('document.getElementById("a").readyState >= 1 && isFinite(document.getElementById("a").duration)', undefined, { timeout: WAIT_MS });
        const duration = (await page.evaluate('document.getElementById("a").duration')) as number;
        assert.ok(Math.abs(duration - SECONDS) < 0.01, `duration ${duration}`);
        const seeked = (await page.evaluate(`new Promise((resolve, reject) => {
          const a = document.getElementById('a');
          const timer = setTimeout(() => reject(new Error('no seeked event; error: ' + (a.error && a.error.message))), ${WAIT_MS});
          a.addEventListener('seeked', () => { clearTimeout(timer); resolve(a.currentTime); }, { once: true });
          a.currentTime = a.duration / 2;
        })`)) as number;
        assert.ok(Math.abs(seeked - SECONDS / 2) < 0.5, `seeked to ${seeked}, not ${SECONDS / 2}: the server does not serve ranges? exchanges: ${JSON.stringify(proxy.exchanges)}`);
        // Data at the new position: the element can play from there.
        await page.waitForFunction('document.getElementById("a").readyState >= 2', undefined, { timeout: WAIT_MS });
      }),
    );
  } finally {
    await proxy.close();
    assert.equal(await server.stop(), 0);
  }
  return { exchanges: [...proxy.exchanges], log: jsonLog(server.stderr()) };
}

test('Chromium: seeking an <audio> WAV to its middle sends "Range: bytes=N-" and the server answers 206', { skip, timeout: 20_000 }, async (t) => {
  const { exchanges, log } = await seekScenario(t, false);
  const wav = exchanges.filter((e) => e.target === '/tone.wav');
  const etag = wav.find((e) => e.etag)?.etag;
  // The seek: an open-ended range starting at the block holding the middle, answered 206.
  const seek = wav.find((e) => {
    const m = e.range && /^bytes=(\d+)-$/.exec(e.range);
    return m && Number(m[1]) > 0 && Math.abs(Number(m[1]) - MIDDLE) < 1_000_000;
  });
  assert.ok(seek, `no "Range: bytes=N-" near byte ${MIDDLE}: ${JSON.stringify(wav)}`);
  assert.equal(seek.status, 206, JSON.stringify(seek));
  for (const e of wav) {
    assert.ok(e.range, `a request for the WAV without Range: ${JSON.stringify(e)}`);
    assert.equal(e.ifNoneMatch ?? e.ifRange, undefined, 'no conditional requests with the cache off');
    checkRangeAnswer(e, etag);
  }
  // The server's own account: its JSON access log has the 206s.
  const partial = log.filter((r) => r.request_line === 'GET /tone.wav HTTP/1.1' && r.code === 206);
  assert.ok(partial.length >= 2, `206s for /tone.wav in the access log: ${JSON.stringify(log)}`);
});

test('Chromium: the same seek with its HTTP cache on: revalidations (If-None-Match on a range) and If-Range fetches answered correctly', { skip, timeout: 20_000 }, async (t) => {
  const { exchanges, log } = await seekScenario(t, true);
  const wav = exchanges.filter((e) => e.target === '/tone.wav');
  const etag = wav.find((e) => e.etag)?.etag;
  assert.ok(etag, `an ETag for the WAV: ${JSON.stringify(wav)}`);
  assert.ok(wav.some((e) => e.range && /^bytes=[1-9]/.test(e.range)), `a Range request past byte 0: ${JSON.stringify(wav)}`);
  for (const e of wav) {
    assert.ok(e.range, `a request for the WAV without Range: ${JSON.stringify(e)}`);
    // Chromium's If-Range carries the ETag it was given: the server must honour it with a 206.
    if (e.ifRange !== undefined) assert.equal(e.ifRange, etag, JSON.stringify(e));
    checkRangeAnswer(e, etag);
  }
  t.diagnostic(`${wav.length} Range requests: ${wav.filter((e) => e.status === 304).length} revalidations answered 304, ${wav.filter((e) => e.ifRange !== undefined).length} with If-Range`);
  // The access log agrees with the wire: a record, with its code, for every answer seen.
  const answered = wav.filter((e) => e.status !== undefined).map((e) => e.status!);
  const logged = log.filter((r) => r.request_line === 'GET /tone.wav HTTP/1.1').map((r) => r.code);
  for (const code of new Set(answered)) {
    const n = (xs: number[]) => xs.filter((c) => c === code).length;
    assert.ok(n(logged) >= n(answered), `${code}: ${n(logged)} in the access log, ${n(answered)} on the wire: ${JSON.stringify(log)}`);
  }
});

// ---------------------------------------------------------------------------------------
// A CGI form post.

function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

test('Chromium: a multipart form with a text field and a file posted to a sh CGI script using netkit cgi form --shell', { skip: skip || requireBundle(), timeout: 20_000 }, async (t) => {
  const failed = { value: false };
  const { base, root } = tempTree(t, () => failed.value);
  const uploads = join(base, 'uploads');
  mkdirSync(uploads);
  mkdirSync(join(root, 'cgi-bin'));
  // The script's environment is minimal (PATH and the CGI variables): node and netkit by absolute path.
  const script = `#!/bin/sh
set -e
esc() { printf '%s' "$1" | sed -e 's/&/\\&amp;/g' -e 's/</\\&lt;/g' -e 's/>/\\&gt;/g'; }
eval "$(${shQuote(process.execPath)} ${shQuote(BIN_NETKIT)} cgi form --shell --upload-dir ${shQuote(uploads)})"
sum=$(sha256sum "$FORM_upload" | cut -d' ' -f1)
rm -rf "$FORM_UPLOAD_DIR"
printf 'Content-Type: text/html; charset=utf-8\\r\\n\\r\\n'
printf '<!doctype html><meta charset="utf-8"><title>form result</title>\\n'
printf '<p id="method">%s</p>\\n' "$(esc "$REQUEST_METHOD")"
printf '<p id="comment">%s</p>\\n' "$(esc "$FORM_comment")"
printf '<p id="filename">%s</p>\\n' "$(esc "$FORM_upload_FILENAME")"
printf '<p id="size">%s</p>\\n' "$(esc "$FORM_upload_SIZE")"
printf '<p id="type">%s</p>\\n' "$(esc "$FORM_upload_TYPE")"
printf '<p id="sha256">%s</p>\\n' "$sum"
printf '<p id="count">%s</p>\\n' "$FORM_COUNT"
`;
  writeFileSync(join(root, 'cgi-bin', 'form.sh'), script);
  chmodSync(join(root, 'cgi-bin', 'form.sh'), 0o755);
  writeFileSync(
    join(root, 'form.html'),
    `<!doctype html><meta charset="utf-8"><title>form</title>
<form method="post" action="/cgi-bin/form.sh" enctype="multipart/form-data">
<input type="text" name="comment" id="comment">
<input type="file" name="upload" id="upload">
<button type="submit" id="send">Send</button>
</form>
`,
  );
  const comment = `héllo wörld & <b>it's</b> $(echo no) \`x\` "q" ✓`;
  const upload = randomBytes(123_457);
  const server = await serve(['-d', root, '--cgi', '--log-format', 'json'], base);
  try {
    await keepingEvidence(base, failed, () =>
      withChromium(async (browser) => {
        const page = await newPage(browser);
        const origin = `http://127.0.0.1:${server.port}`;
        await page.goto(`${origin}/form.html`);
        await page.locator('#comment').fill(comment);
        await page.locator('#upload').setInputFiles({ name: 'data file.bin', mimeType: 'application/octet-stream', buffer: upload });
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url() === `${origin}/cgi-bin/form.sh`, { timeout: WAIT_MS }),
          page.locator('#send').click(),
        ]);
        assert.equal(response.status(), 200, await response.text());
        await page.waitForURL(`${origin}/cgi-bin/form.sh`);
        assert.equal(await page.title(), 'form result');
        assert.equal(await page.locator('#method').textContent(), 'POST');
        assert.equal(await page.locator('#comment').textContent(), comment);
        assert.equal(await page.locator('#filename').textContent(), 'data file.bin');
        assert.equal(await page.locator('#size').textContent(), String(upload.length));
        assert.equal(await page.locator('#type').textContent(), 'application/octet-stream');
        assert.equal(await page.locator('#sha256').textContent(), createHash('sha256').update(upload).digest('hex'));
        assert.equal(await page.locator('#count').textContent(), '2');
        const shotPath = join(base, 'form-result.png');
        const img = decodePng(await page.screenshot({ path: shotPath, timeout: WAIT_MS }));
        assert.deepEqual([img.width, img.height], [VIEWPORT.width, VIEWPORT.height]);
        const box = await page.locator('#comment').boundingBox();
        assert.ok(box && lumaStats(img, box).dark > 10, `the comment is not painted (${shotPath})`);
      }),
    );
  } finally {
    assert.equal(await server.stop(), 0);
  }
  // The script cleaned up its upload directory; the server logged the POST.
  assert.deepEqual(readdirSync(uploads), []);
  const log = jsonLog(server.stderr());
  assert.ok(log.some((r) => r.request_line === 'POST /cgi-bin/form.sh HTTP/1.1' && r.code === 200), JSON.stringify(log));
});
