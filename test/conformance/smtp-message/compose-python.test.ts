// python3's email.message_from_bytes(policy=default) reads what composeMessage builds:
// the same From/To/Cc/Subject, no Bcc, and every attachment's bytes and filename. Composed
// in Node, written to a temp file, parsed by python3 3.11 when present (skipped otherwise,
// failing under NETKIT_REQUIRE_PEERS=1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeMessage, type ComposeSpec } from '../../../src/protocols/smtp/message/index.js';

const version = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8', timeout: 30_000 });
const missing = version.status !== 0 ? 'python3 not found' : version.stdout.trim() !== '3.11' ? `python3 is ${version.stdout.trim()}, not 3.11` : undefined;

const PARSE = `
import email, email.policy, hashlib, json, sys
# 8-bit header bytes (SMTPUTF8 addresses) arrive as surrogate escapes: read them as UTF-8
def u(s):
    return s.encode('utf-8', 'surrogateescape').decode('utf-8')
out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        m = email.message_from_bytes(f.read(), policy=email.policy.default)
    atts = [{'filename': p.get_filename(), 'content_type': p.get_content_type(),
             'sha256': hashlib.sha256(p.get_payload(decode=True)).hexdigest()} for p in m.iter_attachments()]
    body = m.get_body(('plain',))
    out.append({'from': [u(a.addr_spec) for a in m['From'].addresses], 'to': [u(a.addr_spec) for a in m['To'].addresses],
                'cc': [u(a.addr_spec) for a in m['Cc'].addresses] if m['Cc'] else [], 'bcc': m['Bcc'] is not None,
                'subject': str(m['Subject']), 'text': body.get_content() if body else None,
                'attachments': atts, 'defects': len(m.defects)})
print(json.dumps(out))
`;

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

const SPECS: ComposeSpec[] = [
  { from: 'alice@example.com', to: ['bob@example.org'], subject: 'plain', text: 'hello\n' },
  {
    from: 'Jörg Müller <jörg@exämple.de>',
    to: ['"Q, R" <q@example.org>', '用户@例子.广告'],
    cc: ['carol@example.net'],
    bcc: ['hidden@example.com'],
    subject: 'Grüße — a long subject that needs folding because it goes on and on past 78 columns ' + 'x'.repeat(40),
    text: 'line one\nline two with ünïcödé\n.\n.leading dot\n',
    html: '<p>héllo</p>',
    attachments: [
      { content: randomBytes(50_000), filename: 'random.bin' },
      { content: 'a,b\r\n1,2\r\n', filename: 'table.csv', contentType: 'text/csv' },
      { content: Buffer.from([0, 0xff, 0x0d, 0x0a, 0x0d]), filename: 'naïve name (1).dat' },
    ],
    headers: [['X-Netkit', 'yes'], ['Reply-To', 'r@example.com']],
  },
];

test('python3 email (policy=default) parses composeMessage output with the same fields and attachment bytes', { skip: process.env.NETKIT_REQUIRE_PEERS === '1' ? false : (missing ?? false), timeout: 60_000 }, async () => {
  if (missing) assert.fail(`${missing} (NETKIT_REQUIRE_PEERS=1)`);
  const dir = mkdtempSync(join(tmpdir(), 'netkit-compose-py-'));
  try {
    const files: string[] = [];
    for (const [i, spec] of SPECS.entries()) {
      const file = join(dir, `m${i}.eml`);
      writeFileSync(file, await composeMessage(spec));
      files.push(file);
    }
    const r = spawnSync('python3', ['-c', PARSE, ...files], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(r.status, 0, r.stderr);
    const parsed = JSON.parse(r.stdout) as { from: string[]; to: string[]; cc: string[]; bcc: boolean; subject: string; text: string | null; attachments: { filename: string; content_type: string; sha256: string }[]; defects: number }[];
    for (const [i, spec] of SPECS.entries()) {
      const p = parsed[i]!;
      const bare = (a: string): string => /<([^>]*)>/.exec(a)?.[1] ?? a;
      assert.deepEqual(p.from, [bare(spec.from)]);
      assert.deepEqual(p.to, spec.to.map(bare));
      assert.deepEqual(p.cc, (spec.cc ?? []).map(bare));
      assert.equal(p.bcc, false);
      assert.equal(p.subject, spec.subject);
      assert.equal(p.text?.replace(/\r\n/g, '\n'), spec.text);
      assert.equal(p.defects, 0);
      assert.deepEqual(
        p.attachments.map((a) => [a.filename, a.sha256]),
        (spec.attachments ?? []).map((a) => [a.filename, sha(a.content as Buffer | string)]),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
