/** `lockpane smime` end to end through the built CLI (dist/cli/lockpane.js), with OpenSSL as the peer. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { runLockpane } from '../../testing/cli';
import { hasPeer, requirePeer } from '../../testing/peers';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
let bob: User;
let carol: User;
let pw: string;
const part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nHello CLI\r\n';

before(() => {
  if (!hasPeer('openssl')) return;
  pki = new TestPki();
  bob = pki.user('bob');
  carol = pki.user('carol', { kind: 'p256' });
  pw = pki.write('pw.txt', 'test\n');
  pki.write('part.txt', part);
});
after(() => pki?.cleanup());

test('encrypt (each cipher, MIME and --der) → openssl decrypts; openssl-encrypted → decrypt with .p12 and with PEM', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  for (const cipher of ['aes-256-gcm', 'aes-128-gcm', 'aes-256-cbc', 'aes-128-cbc']) {
    const der = cipher === 'aes-128-cbc';
    const r = await runLockpane(['smime', 'encrypt', '--cipher', cipher, ...(der ? ['--der'] : []), bob.crt, carol.crt], part);
    assert.equal(r.code, 0, r.stderr);
    const f = pki.write('c.out', r.stdout);
    assert.equal(pki.openssl(['cms', '-decrypt', '-in', f, ...(der ? ['-inform', 'DER'] : []), '-recip', carol.crt, '-inkey', carol.key]).toString(), part, cipher);
  }
  const enc = pki.openssl(['cms', '-encrypt', '-in', 'part.txt', '-aes-256-gcm', '-recip', bob.crt, '-recip', carol.crt]);
  for (const keyArgs of [['--password-file', pw, bob.p12], ['--password-file', pw, bob.legacyP12], [carol.pem]]) {
    const r = await runLockpane(['smime', 'decrypt', ...keyArgs], enc);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), part);
  }
});

test('decrypt exit codes: 29 not a recipient, 67 wrong or missing password, 41 bad data, 19 no key file', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const enc = pki.openssl(['cms', '-encrypt', '-in', 'part.txt', '-aes-256-cbc', '-recip', bob.crt]);
  const wrong = pki.write('wrong.txt', 'nope');
  const cases: [string[], Uint8Array | string, number][] = [
    [[carol.pem], enc, 29],
    [['--password-file', wrong, bob.p12], enc, 67],
    [[bob.p12], enc, 67],
    [[bob.pem], 'garbage that is not S/MIME', 41],
    [[], enc, 19],
  ];
  for (const [args, input, code] of cases) {
    const r = await runLockpane(['smime', 'decrypt', ...args], input);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout.length, 0, 'nothing on stdout after a failure');
  }
  assert.equal((await runLockpane(['smime', 'encrypt', '--cipher', 'des', bob.crt], part)).code, 37);
  assert.equal((await runLockpane(['smime', 'encrypt', '--frobnicate', bob.crt], part)).code, 37);
});

test('sign (multipart/signed and --opaque) → openssl smime -verify -purpose smimesign; verify writes --verifications-out', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  for (const opaque of [false, true]) {
    const r = await runLockpane(['smime', 'sign', ...(opaque ? ['--opaque'] : []), '--password-file', pw, bob.p12], part);
    assert.equal(r.code, 0, r.stderr);
    const f = pki.write('s.eml', r.stdout);
    assert.equal(pki.openssl(['smime', '-verify', '-purpose', 'smimesign', '-in', f, '-CAfile', pki.caCrt]).toString().replace(/\r/g, ''), part.replace(/\r/g, ''));
    const out = pki.file(`verifications-${opaque ? 'opaque' : 'detached'}.txt`); // a new file each time: verify never overwrites one
    const v = await runLockpane(['smime', 'verify', '--trust-root', pki.caCrt, '--email', 'bob@example.test', '--verifications-out', out], r.stdout);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.toString(), part);
    const fpr = pki.openssl(['x509', '-in', bob.crt, '-noout', '-fingerprint', '-sha256']).toString().split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
    assert.match(readFileSync(out, 'utf8'), new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${fpr} bob@example\\.test\\n$`));
  }
});

test('verify exit 3: no trust root, wrong email, tampered; openssl-signed verifies', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const signed = pki.openssl(['cms', '-sign', '-in', 'part.txt', '-signer', carol.crt, '-inkey', carol.key, '-md', 'sha256']);
  const ok = await runLockpane(['smime', 'verify', '--trust-root', pki.caCrt, '--email', 'carol@example.test'], signed);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout.toString(), part);
  const tampered = signed.toString().replace('Hello CLI', 'Hello cli');
  for (const [args, input] of [[[], signed], [['--trust-root', pki.caCrt, '--email', 'bob@example.test'], signed], [['--trust-root', pki.caCrt], tampered]] as const) {
    const r = await runLockpane(['smime', 'verify', ...args], input);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout.length, 0);
  }
});

test('inspect describes a certificate, a PKCS#12 (with password) and a message as JSON', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  const cert = JSON.parse((await runLockpane(['smime', 'inspect'], readFileSync(carol.crt))).stdout.toString());
  assert.deepEqual(cert.certificates[0].emails, ['carol@example.test']);
  const p12 = await runLockpane(['smime', 'inspect', '--password-file', pw], readFileSync(bob.p12));
  assert.equal(p12.code, 0, p12.stderr);
  assert.equal(JSON.parse(p12.stdout.toString()).type, 'pkcs12');
  assert.equal((await runLockpane(['smime', 'inspect'], readFileSync(bob.p12))).code, 67);
  const msg = pki.openssl(['cms', '-encrypt', '-in', 'part.txt', '-aes-256-gcm', '-recip', bob.crt]);
  const d = JSON.parse((await runLockpane(['smime', 'inspect'], msg)).stdout.toString());
  assert.equal(d.contentType, 'authEnvelopedData');
  assert.equal(d.integrityProtected, true);
});

test('other exit codes: sign 19/67, verify 41 on non-S/MIME input, 69 unknown subcommand, 17 certificate cannot encrypt', async (t) => {
  if (!requirePeer(t, 'openssl')) return;
  assert.equal((await runLockpane(['smime', 'sign'], part)).code, 19);
  assert.equal((await runLockpane(['smime', 'sign', bob.p12], part)).code, 67);
  assert.equal((await runLockpane(['smime', 'verify', '--trust-root', pki.caCrt], part)).code, 41);
  assert.equal((await runLockpane(['smime', 'frobnicate'], part)).code, 69);
  const signOnly = pki.user('signonly', { keyUsage: 'critical,digitalSignature' });
  const r = await runLockpane(['smime', 'encrypt', signOnly.crt], part);
  assert.equal(r.code, 17, r.stderr);
  assert.equal(r.stdout.length, 0);
});
