/**
 * Interop with gpgsm 2.2 (a second S/MIME peer). gpgsm reads only the legacy 3DES PKCS#12 and does
 * not do RSA-OAEP or AES-GCM, so ours → gpgsm uses RSA PKCS#1 v1.5 and AES-CBC (RECIPES "gpgsm").
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { hasPeer, requirePeer } from '../../testing/peers';
import * as sm from '../index';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
let bob: User;
let bobId: sm.SmimeIdentity;
let roots: sm.Certificate[];
let home: string;
const part = 'Content-Type: text/plain; charset=utf-8\r\n\r\nHello gpgsm\r\n';

/** Runs gpgsm with the passphrase "test" on fd 3 (what gpgsm needs for loopback pinentry). */
function gpgsm(args: string[], input?: Uint8Array): Buffer {
  const cmd = `gpgsm --homedir "$H" --batch --disable-crl-checks --pinentry-mode loopback --passphrase-fd 3 "$@" 3<<<test`;
  return execFileSync('bash', ['-c', cmd, 'gpgsm', ...args], { cwd: pki.dir, input, env: { ...process.env, H: home }, stdio: ['pipe', 'pipe', 'pipe'] });
}

before(async () => {
  if (!hasPeer('gpgsm') || !hasPeer('openssl')) return;
  pki = new TestPki();
  bob = pki.user('bob');
  bobId = (await sm.loadIdentities(new Uint8Array(readFileSync(bob.pem)), undefined))[0]!;
  roots = sm.readCertificates(new Uint8Array(readFileSync(pki.caCrt)));
  home = path.join(pki.dir, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(path.join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  const fpr = pki.openssl(['x509', '-in', pki.caCrt, '-noout', '-fingerprint', '-sha1']).toString().trim().split('=')[1];
  writeFileSync(path.join(home, 'trustlist.txt'), `${fpr} S relax\n`);
  gpgsm(['--import', pki.caCrt]);
  gpgsm(['--import', bob.legacyP12]);
  pki.write('part.txt', part);
});
after(() => {
  if (home !== undefined) execFileSync('gpgconf', ['--homedir', home, '--kill', 'all']);
  pki?.cleanup();
});

test('gpgsm-encrypted (RSA PKCS#1 v1.5, AES-128-CBC, DER) → we decrypt', async (t) => {
  if (!requirePeer(t, 'gpgsm', 'openssl')) return;
  const der = new Uint8Array(gpgsm(['-r', 'bob@example.test', '--encrypt', 'part.txt']));
  const r = await sm.decryptMessage(der, [bobId]);
  assert.equal(new TextDecoder().decode(r.content), part);
  assert.equal(r.contentCipher, 'aes128Cbc');
});

test('gpgsm-signed (detached DER) → we verify as multipart/signed, and tampering is invalid', async (t) => {
  if (!requirePeer(t, 'gpgsm', 'openssl')) return;
  const sig = gpgsm(['-u', 'bob@example.test', '--detach-sign', 'part.txt']);
  const mime = (content: string): Uint8Array => new TextEncoder().encode(
    'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="b"\r\n\r\n'
    + `--b\r\n${content}\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n`
    + `${sig.toString('base64')}\r\n--b--\r\n`);
  const r = await sm.verifyMessage(mime(part), { trustRoots: roots, email: 'bob@example.test' });
  assert.equal(r.fullyVerified, true, JSON.stringify(r.signers.map((s) => s.problems)));
  const bad = await sm.verifyMessage(mime(part.replace('Hello', 'Jello')), { trustRoots: roots });
  assert.equal(bad.signers[0]!.status, 'invalid-signature');
});

test('ours (RSA PKCS#1 v1.5, AES-256-CBC) → gpgsm decrypts; ours signed → gpgsm verifies', async (t) => {
  if (!requirePeer(t, 'gpgsm', 'openssl')) return;
  const der = await sm.encryptMime(new TextEncoder().encode(part), [bobId.certificate], { keyTransport: 'rsa-pkcs1', cipher: 'aes-256-cbc', der: true });
  assert.equal(gpgsm(['--decrypt'], der).toString(), part);
  const sigDer = await sm.signMime(new TextEncoder().encode(part), bobId, { opaque: true });
  // gpgsm reads the CMS object, not the MIME entity: hand it the decoded body of our application/pkcs7-mime.
  const body = new TextDecoder().decode(sigDer).split('\r\n\r\n').slice(1).join('\r\n\r\n');
  const file = pki.write('ours.p7m.der', Buffer.from(body, 'base64'));
  const out = gpgsm(['--verify', '-o', '-', file]);
  assert.equal(out.toString(), part);
});
