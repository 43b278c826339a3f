/** `lockpane sop` through the built CLI: every subcommand, indirect data, exit codes, nothing on stdout on failure. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLockpane } from '../../testing/cli';

let dir: string;
const f = (name: string) => path.join(dir, name);
const sop = (args: string[], stdin?: Uint8Array | string) => runLockpane(['sop', ...args], stdin);

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lockpane-sop-'));
  const a = await sop(['generate-key', 'Alice <alice@example.org>']);
  assert.equal(a.code, 0, a.stderr);
  writeFileSync(f('alice.key'), a.stdout);
  const b = await sop(['generate-key', '--profile=rfc4880', 'Bob <bob@example.org>']);
  assert.equal(b.code, 0, b.stderr);
  writeFileSync(f('bob.key'), b.stdout);
  writeFileSync(f('pw'), 'hunter2\n');
  const c = await sop(['generate-key', '--with-key-password', f('pw'), 'Carol <carol@example.org>']);
  writeFileSync(f('carol.key'), c.stdout);
  for (const who of ['alice', 'bob', 'carol']) {
    const cert = await sop(['extract-cert'], readFileSync(f(`${who}.key`)));
    assert.equal(cert.code, 0, cert.stderr);
    assert.match(cert.stdout.toString(), /BEGIN PGP PUBLIC KEY BLOCK/);
    writeFileSync(f(`${who}.cert`), cert.stdout);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('version and unsupported things', async () => {
  assert.match((await sop(['version'])).stdout.toString(), /^lockpane \d/);
  assert.match((await sop(['version', '--backend'])).stdout.toString(), /openpgp\.js 6\./);
  assert.equal((await sop(['frobnicate'])).code, 69);
  const r = await sop(['encrypt', '--bogus', f('bob.cert')], 'x');
  assert.equal(r.code, 37);
  assert.equal(r.stdout.length, 0);
  assert.equal((await sop(['generate-key', '--profile=nope', 'x@example.org'])).code, 89);
});

test('encrypt --sign-with / decrypt --verify-with, verifications and session key out', async () => {
  const enc = await sop(['encrypt', '--sign-with', f('alice.key'), f('bob.cert')], 'hello bob\n');
  assert.equal(enc.code, 0, enc.stderr);
  const dec = await sop(['decrypt', '--verify-with', f('alice.cert'), '--verifications-out', f('v1'), '--session-key-out', f('sk1'), f('bob.key')], enc.stdout);
  assert.equal(dec.code, 0, dec.stderr);
  assert.equal(dec.stdout.toString(), 'hello bob\n');
  const v = readFileSync(f('v1'), 'utf8');
  assert.match(v, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [0-9A-F]{40} [0-9A-F]{40} mode:binary\n$/);
  const sk = readFileSync(f('sk1'), 'utf8');
  assert.match(sk, /^\d+:[0-9A-F]+\n$/);
  // the session key alone decrypts
  const withSk = await sop(['decrypt', '--with-session-key', f('sk1')], enc.stdout);
  assert.equal(withSk.stdout.toString(), 'hello bob\n');
  // output files must not exist already
  const again = await sop(['decrypt', '--session-key-out', f('sk1'), f('bob.key')], enc.stdout);
  assert.equal(again.code, 59);
  assert.equal(again.stdout.length, 0);
});

test('decrypt failures: wrong key 29, certificate as key 41, garbage 41, verify-with without out 23, protected key 67', async () => {
  const enc = await sop(['encrypt', f('bob.cert')], 'secret');
  const wrong = await sop(['decrypt', f('alice.key')], enc.stdout);
  assert.equal(wrong.code, 29);
  assert.equal(wrong.stdout.length, 0);
  assert.ok(wrong.stderr.length > 0);
  assert.equal((await sop(['decrypt', f('bob.cert')], enc.stdout)).code, 41);
  assert.equal((await sop(['decrypt', f('bob.key')], 'not a message')).code, 41);
  assert.equal((await sop(['decrypt', '--verify-with', f('alice.cert'), f('bob.key')], enc.stdout)).code, 23);
  assert.equal((await sop(['decrypt', f('bob.key')])).code, 41);
  const toCarol = await sop(['encrypt', f('carol.cert')], 'for carol');
  assert.equal((await sop(['decrypt', f('carol.key')], toCarol.stdout)).code, 67);
  const ok = await sop(['decrypt', '--with-key-password', f('pw'), f('carol.key')], toCarol.stdout);
  assert.equal(ok.stdout.toString(), 'for carol');
  assert.equal((await sop(['decrypt', f('missing.key')], toCarol.stdout)).code, 61);
  assert.equal((await sop(['decrypt', '@NOPE:x'], toCarol.stdout)).code, 71);
});

test('a tampered message gives an error and nothing on stdout', async () => {
  const data = Buffer.alloc(300_000, 0x61);
  const enc = await sop(['encrypt', '--no-armor', f('bob.cert')], data);
  const tampered = Buffer.from(enc.stdout);
  tampered[tampered.length - 100]! ^= 1;
  const r = await sop(['decrypt', f('bob.key')], tampered);
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout.length, 0);
});

test('password encryption with @ENV and file indirections; text mode needs UTF-8', async () => {
  const enc = await sop(['encrypt', '--with-password', f('pw')], 'pw text');
  assert.equal(enc.code, 0, enc.stderr);
  const dec = await sop(['decrypt', '--with-password', f('pw')], enc.stdout);
  assert.equal(dec.stdout.toString(), 'pw text');
  process.env.LOCKPANE_TEST_PW = 'hunter2';
  const viaEnv = await runLockpane(['sop', 'decrypt', '--with-password', '@ENV:LOCKPANE_TEST_PW'], enc.stdout);
  assert.equal(viaEnv.stdout.toString(), 'pw text');
  assert.equal((await sop(['encrypt', '--as=text', f('bob.cert')], Buffer.from([0xff, 0xfe, 0x00]))).code, 53);
  assert.equal((await sop(['encrypt'], 'x')).code, 19);
});

test('sign/verify (binary and text), --micalg-out, not-before/not-after, no signature → 3', async () => {
  const data = 'signed data\r\n';
  for (const as of ['binary', 'text']) {
    const sig = await sop(['sign', `--as=${as}`, '--micalg-out', f(`micalg-${as}`), f('alice.key')], data);
    assert.equal(sig.code, 0, sig.stderr);
    writeFileSync(f(`sig-${as}`), sig.stdout);
    assert.match(readFileSync(f(`micalg-${as}`), 'utf8'), /^pgp-sha\d+$/);
    const v = await sop(['verify', f(`sig-${as}`), f('alice.cert')], data);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout.toString(), new RegExp(`mode:${as}\\n$`));
    assert.equal((await sop(['verify', f(`sig-${as}`), f('bob.cert')], data)).code, 3);
    assert.equal((await sop(['verify', f(`sig-${as}`), f('alice.cert')], 'other data')).code, 3);
    assert.equal((await sop(['verify', '--not-after=2000-01-01T00:00:00Z', f(`sig-${as}`), f('alice.cert')], data)).code, 3);
    assert.equal((await sop(['verify', '--not-before=-', f(`sig-${as}`), f('alice.cert')], data)).code, 0);
  }
  assert.equal((await sop(['sign', f('carol.key')], data)).code, 67);
  assert.equal((await sop(['sign'], data)).code, 19);
});

test('inline-sign (binary, text, clearsigned), inline-verify, inline-detach', async () => {
  for (const as of ['binary', 'text', 'clearsigned']) {
    const signed = await sop(['inline-sign', `--as=${as}`, f('alice.key')], 'inline text\n');
    assert.equal(signed.code, 0, signed.stderr);
    const out = f(`iv-${as}`);
    const v = await sop(['inline-verify', '--verifications-out', out, f('alice.cert')], signed.stdout);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.toString().trimEnd(), 'inline text');
    assert.match(readFileSync(out, 'utf8'), /mode:(binary|text)/);
    const wrong = await sop(['inline-verify', f('bob.cert')], signed.stdout);
    assert.equal(wrong.code, 3);
    assert.equal(wrong.stdout.length, 0);
  }
  const cs = await sop(['inline-sign', '--as=clearsigned', f('alice.key')], 'line 1  \nline 2\n');
  const det = await sop(['inline-detach', '--signatures-out', f('detached.sig')], cs.stdout);
  assert.equal(det.code, 0, det.stderr);
  const v = await sop(['verify', f('detached.sig'), f('alice.cert')], det.stdout);
  assert.equal(v.code, 0, v.stderr);
  assert.equal((await sop(['inline-sign', '--as=clearsigned', '--no-armor', f('alice.key')], 'x')).code, 83);
});

test('armor/dearmor round trip for keys, certs, signatures and messages', async () => {
  for (const file of ['alice.key', 'alice.cert', 'sig-binary']) {
    const armored = readFileSync(f(file));
    const bin = await sop(['dearmor'], armored);
    assert.equal(bin.code, 0, bin.stderr);
    assert.ok((bin.stdout[0]! & 0x80) !== 0);
    const back = await sop(['armor'], bin.stdout);
    assert.equal(back.code, 0);
    const bin2 = await sop(['dearmor'], back.stdout);
    assert.deepEqual(bin2.stdout, bin.stdout);
  }
  assert.match((await sop(['armor'], (await sop(['dearmor'], readFileSync(f('alice.key')))).stdout)).stdout.toString(), /PRIVATE KEY BLOCK/);
  assert.equal((await sop(['dearmor'], '-----BEGIN PGP MESSAGE-----\n\n!!!!\n-----END PGP MESSAGE-----\n')).code, 41);
});
