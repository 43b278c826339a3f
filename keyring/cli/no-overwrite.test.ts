/**
 * No `lockpane` command overwrites a file: every option that writes one (found in the usage texts, so
 * a new one cannot be forgotten here) refuses an existing file, or a dangling symbolic link, with 59
 * OUTPUT_EXISTS, leaves it byte-identical and writes nothing to stdout.
 */
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runLockpaneSource as lockpane } from '../testing/cli';
import { hasPeer, requirePeer } from '../testing/peers';
import { TestPki } from '../testing/openssl-pki';
import { sopFamily } from './sop/main';
import { smimeFamily } from './smime/main';

let pki: TestPki;
const f = (name: string) => pki.file(name);
const precious = Buffer.from('the user\'s own file\n\u00ff\u0000 bytes that must survive\n', 'latin1');

type Case = { family: 'sop' | 'smime'; sub: string; option: string; args: (out: string) => string[]; stdin: () => Buffer | string };
const cases: Case[] = [
  { family: 'sop', sub: 'decrypt', option: 'session-key-out', args: (o) => ['--session-key-out', o, f('alice.key')], stdin: () => pki.read('msg.asc') },
  { family: 'sop', sub: 'decrypt', option: 'verifications-out', args: (o) => ['--verify-with', f('alice.cert'), '--verifications-out', o, f('alice.key')], stdin: () => pki.read('msg.asc') },
  { family: 'sop', sub: 'decrypt', option: 'verify-out', args: (o) => ['--verify-with', f('alice.cert'), '--verify-out', o, f('alice.key')], stdin: () => pki.read('msg.asc') },
  { family: 'sop', sub: 'inline-verify', option: 'verify-out', args: (o) => ['--verify-out', o, f('alice.cert')], stdin: () => pki.read('clear.asc') },
  { family: 'sop', sub: 'encrypt', option: 'session-key-out', args: (o) => ['--session-key-out', o, f('alice.cert')], stdin: () => 'data' },
  { family: 'sop', sub: 'sign', option: 'micalg-out', args: (o) => ['--micalg-out', o, f('alice.key')], stdin: () => 'data' },
  { family: 'sop', sub: 'inline-detach', option: 'signatures-out', args: (o) => ['--signatures-out', o], stdin: () => pki.read('clear.asc') },
  { family: 'sop', sub: 'inline-verify', option: 'verifications-out', args: (o) => ['--verifications-out', o, f('alice.cert')], stdin: () => pki.read('clear.asc') },
  { family: 'smime', sub: 'verify', option: 'verifications-out', args: (o) => ['--trust-root', pki.caCrt, '--verifications-out', o], stdin: () => pki.read('signed.eml') },
];

before(async () => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  const key = await lockpane(['sop', 'generate-key', 'Alice <alice@example.org>']);
  assert.equal(key.code, 0, key.stderr);
  pki.write('alice.key', key.stdout);
  pki.write('alice.cert', (await lockpane(['sop', 'extract-cert'], key.stdout)).stdout);
  pki.write('msg.asc', (await lockpane(['sop', 'encrypt', '--sign-with', f('alice.key'), f('alice.cert')], 'secret')).stdout);
  pki.write('clear.asc', (await lockpane(['sop', 'inline-sign', '--as=clearsigned', f('alice.key')], 'signed text\n')).stdout);
  const bob = pki.user('bob');
  pki.write('part.txt', 'Content-Type: text/plain\r\n\r\nsigned\r\n');
  pki.write('signed.eml', pki.openssl(['cms', '-sign', '-in', 'part.txt', '-signer', bob.crt, '-inkey', bob.key]));
});
after(() => pki?.cleanup());

test('the cases below cover every *-out option of lockpane sop and lockpane smime', () => {
  const found = new Set<string>();
  for (const [family, fam] of [['sop', sopFamily], ['smime', smimeFamily]] as const) {
    for (const [sub, cmd] of Object.entries(fam.commands)) {
      for (const m of cmd.usage.matchAll(/--([a-z-]+-out)\b/g)) found.add(`${family} ${sub} --${m[1]}`);
    }
  }
  assert.deepEqual([...found].sort(), cases.map((c) => `${c.family} ${c.sub} --${c.option}`).sort());
});

for (const c of cases) {
  test(`${c.family} ${c.sub} --${c.option} refuses an existing file with 59 and leaves it byte-identical`, async (t) => {
    if (!requirePeer(t, 'openssl')) return;
    const out = f(`existing-${c.family}-${c.sub}-${c.option}`);
    writeFileSync(out, precious);
    const r = await lockpane([c.family, c.sub, ...c.args(out)], c.stdin());
    assert.equal(r.code, 59, r.stderr);
    assert.match(r.stderr, /already exists/);
    assert.equal(r.stdout.length, 0, 'nothing on stdout');
    assert.deepEqual(readFileSync(out), precious);
    // The same command with a new file works (the refusal above was about the file only).
    const fresh = f(`fresh-${c.family}-${c.sub}-${c.option}`);
    const ok = await lockpane([c.family, c.sub, ...c.args(fresh)], c.stdin());
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(readFileSync(fresh).length > 0);
  });
}

test('a dangling symbolic link counts as an existing file (its target is never created)', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  for (const c of cases) {
    const link = f(`link-${c.family}-${c.sub}-${c.option}`);
    const target = path.join(pki.dir, `target-${c.family}-${c.sub}-${c.option}`);
    symlinkSync(target, link);
    const r = await lockpane([c.family, c.sub, ...c.args(link)], c.stdin());
    assert.equal(r.code, 59, `${c.family} ${c.sub}: ${r.stderr}`);
    assert.equal(readlinkSync(link), target);
    assert.throws(() => readFileSync(target), /ENOENT/);
  }
});
