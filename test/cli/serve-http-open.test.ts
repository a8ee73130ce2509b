// `netkit serve http --open`: once listening, the served URL is opened with netkit's browser
// engine. The fake browser on PATH fetches the URL it is given with curl, so the test waits
// for that request in the access log (stderr events, not a sleep). No real browser runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, stop } from '../peers/serve-http-harness.js';

test('--open runs the browser on the served URL (a fake xdg-open that fetches it)', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-open-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const bin = join(base, 'bin');
  mkdirSync(root);
  mkdirSync(bin);
  writeFileSync(join(root, 'index.html'), '<p>hi</p>');
  writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nfor a; do u="$a"; done\nexec /usr/bin/curl -s -o /dev/null -A fake-browser "$u"\n');
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const r = await serve(['0', '-d', root, '--open'], base, { PATH: bin, DISPLAY: ':0' });
  t.after(() => void stop(r).catch(() => {}));
  await r.waitStderr(/"GET \/ HTTP\/1\.1" 200 -/);
  assert.equal(await stop(r), 0);
});

test('--open on a headless session prints a note and keeps serving', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'netkit-serve-open-'));
  t.after(() => rmSync(base, { recursive: true, force: true }));
  const r = await serve(['0', '-d', base, '--open'], base, { PATH: join(base, 'none') });
  t.after(() => void stop(r).catch(() => {}));
  await r.waitStderr(/--open: headless session/);
  assert.equal(await stop(r), 0);
});
