/**
 * SOP gaps: `list-profiles` (draft-dkg-openpgp-stateless-cli: one "name: description" a line, the
 * default first; 89 for a subcommand without profiles), `armor --label`, and one CRC-24 rule for all
 * armored output (RFC 9580's, as openpgp.js applies it): a footer on v4 keys, v4 signatures and
 * SEIPDv1 messages, none on v6 keys and SEIPDv2 messages. armor(dearmor(x)) gives x back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as openpgp from 'openpgp';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand, runLockpaneSource as lockpane } from '../../testing/cli';
import { hasPeer } from '../../testing/peers';

const sop = (args: string[], stdin?: Uint8Array | string) => lockpane(['sop', ...args], stdin);
const crcLine = /^=[A-Za-z0-9+/]{4}$/m;

test('list-profiles generate-key lists the profiles generate-key takes, default first, and each works', async () => {
  const r = await sop(['list-profiles', 'generate-key']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.toString().trimEnd().split('\n');
  assert.ok(lines.length >= 1 && lines.length <= 4, 'SOP: at most 4 profiles');
  const names = lines.map((l) => /^([a-z0-9-]+): \S/.exec(l)?.[1]);
  assert.deepEqual(names, ['default', 'rfc4880', 'rfc9580']);
  const versions: Record<string, number> = {};
  for (const name of names) {
    const k = await sop(['generate-key', `--profile=${name}`, 'P <p@example.org>']);
    assert.equal(k.code, 0, k.stderr);
    versions[name!] = (await openpgp.readPrivateKey({ armoredKey: k.stdout.toString() })).keyPacket.version;
  }
  assert.deepEqual(versions, { default: 4, rfc4880: 4, rfc9580: 6 });
  assert.match((await sop(['list-profiles', 'encrypt'])).stdout.toString(), /^default: /);
  assert.equal((await sop(['list-profiles', 'sign'])).code, 89);
  assert.equal((await sop(['list-profiles', 'frobnicate'])).code, 89);
  assert.equal((await sop(['list-profiles'])).code, 19);
});

test('armor --label sets the armor type; unknown labels are 37', async () => {
  const key = (await sop(['generate-key', 'L <l@example.org>'])).stdout;
  const bin = (await sop(['dearmor'], key)).stdout;
  const headers: Record<string, string> = { auto: 'PRIVATE KEY BLOCK', key: 'PRIVATE KEY BLOCK', cert: 'PUBLIC KEY BLOCK', sig: 'SIGNATURE', message: 'MESSAGE' };
  for (const [label, header] of Object.entries(headers)) {
    const r = await sop(['armor', `--label=${label}`], bin);
    assert.equal(r.code, 0, `${label}: ${r.stderr}`);
    assert.match(r.stdout.toString(), new RegExp(`^-----BEGIN PGP ${header}-----\n`), label);
    assert.deepEqual((await sop(['dearmor'], r.stdout)).stdout, bin, label);
  }
  assert.equal((await sop(['armor', '--label=frob'], bin)).code, 37);
});

test('one CRC rule: armor(dearmor(x)) === x for v4 and v6 keys, signatures and both message kinds', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lockpane-crc-'));
  try {
    const v4 = (await sop(['generate-key', 'Four <4@example.org>'])).stdout;
    const v6 = (await sop(['generate-key', '--profile=rfc9580', 'Six <6@example.org>'])).stdout;
    writeFileSync(path.join(dir, 'v4.key'), v4);
    writeFileSync(path.join(dir, 'v6.key'), v6);
    const v4cert = (await sop(['extract-cert'], v4)).stdout;
    const v6cert = (await sop(['extract-cert'], v6)).stdout;
    writeFileSync(path.join(dir, 'v4.cert'), v4cert);
    writeFileSync(path.join(dir, 'v6.cert'), v6cert);
    const seipd1 = (await sop(['encrypt', path.join(dir, 'v4.cert')], 'x'.repeat(5000))).stdout; // the fast SEIPDv1 path
    const seipd2 = (await sop(['encrypt', path.join(dir, 'v6.cert')], 'y')).stdout;
    const sig4 = (await sop(['sign', path.join(dir, 'v4.key')], 'z')).stdout;
    const sig6 = (await sop(['sign', path.join(dir, 'v6.key')], 'z')).stdout;
    const withCrc = { v4, v4cert, seipd1, sig4 };
    const withoutCrc = { v6, v6cert, seipd2, sig6 };
    for (const [name, armored] of [...Object.entries(withCrc), ...Object.entries(withoutCrc)]) {
      assert.equal(crcLine.test(armored.toString()), name in withCrc, `${name}: CRC footer ${name in withCrc ? 'expected' : 'not allowed'}`);
      const again = await sop(['armor'], (await sop(['dearmor'], armored)).stdout);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.stdout.toString(), armored.toString(), `${name}: armor(dearmor(x)) differs`);
    }
    if (hasPeer('gpg')) {
      // gpg checks a CRC footer when there is one: it must be right on the streamed SEIPDv1 path.
      const home = mkdtempSync(path.join(tmpdir(), 'lockpane-gpg-'));
      try {
        await runCommand('gpg', ['--homedir', home, '--batch', '--import'], v4);
        const d = await runCommand('gpg', ['--homedir', home, '--batch', '--decrypt'], seipd1);
        assert.equal(d.code, 0, d.stderr);
        assert.equal(d.stdout.toString(), 'x'.repeat(5000));
        assert.doesNotMatch(d.stderr, /CRC/i);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
