/** Public vectors (RFC 4134, RFC 9216 CMS examples, Johnny-You-Are-Fired 01-cms/04-id): see fixtures/README.md. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as sm from './index';

const fx = (p: string): Uint8Array => new Uint8Array(readFileSync(path.join(__dirname, 'fixtures', p)));
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const sample = 'This is some sample content.';

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => sm.isLockpaneErrorCode(e, code));
}

test('RFC 4134: RSA SignedData 4.2/4.5 verify against CarlRSA with the sample content', async () => {
  const roots = sm.readCertificates(fx('rfc4134/CarlRSASelf.cer'));
  for (const f of ['4.2.bin', '4.5.bin']) {
    const r = await sm.verifyMessage(fx(`rfc4134/${f}`), { trustRoots: roots });
    assert.equal(r.fullyVerified, true, f);
    assert.equal(text(r.content), sample);
    assert.deepEqual(r.signers[0]!.certificate!.emails, ['alicersa@example.com']);
  }
});

test('RFC 4134: DSA-signed 4.8 (multipart/signed) and 4.9 (opaque) are unsupported-algorithm, not invalid', async () => {
  const roots = sm.readCertificates(fx('rfc4134/CarlRSASelf.cer'));
  for (const f of ['4.8.eml', '4.9.eml']) {
    const r = await sm.verifyMessage(fx(`rfc4134/${f}`), { trustRoots: roots });
    assert.equal(r.fullyVerified, false);
    assert.equal(r.signers[0]!.status, 'unsupported-algorithm', f);
    assert.equal(r.signers[0]!.signatureValid, 'unsupported');
    assert.match(text(r.content), /This is some sample content/);
  }
});

test('RFC 4134: 3DES EnvelopedData 5.1 (DER) and 5.3 (MIME) decrypt as Bob; RC2 5.2 is unsupported', async () => {
  const [key] = await sm.readPrivateKeys(fx('rfc4134/BobPrivRSAEncrypt.pri'), undefined);
  const bob = { key: key!, certificate: sm.readCertificates(fx('rfc4134/BobRSASignByCarl.cer'))[0]!, chain: [] };
  for (const f of ['5.1.bin', '5.3.eml']) {
    const r = await sm.decryptMessage(fx(`rfc4134/${f}`), [bob]);
    assert.equal(text(r.content), sample);
    assert.equal(r.integrityProtected, false);
    assert.equal(r.contentCipher, 'desEde3Cbc');
  }
  await rejects(sm.decryptMessage(fx('rfc4134/5.2.bin'), [bob]), 'unsupported-algorithm');
});

test('RFC 4134: the MD5-signed CRL cannot be trusted, so revocation stays not-checked', async () => {
  const roots = sm.readCertificates(fx('rfc4134/CarlRSASelf.cer'));
  const crl = sm.parseCrl(fx('rfc4134/CarlRSACRLForAll.crl'));
  const r = await sm.verifyMessage(fx('rfc4134/4.2.bin'), { trustRoots: roots, revocation: sm.createRevocationChecker({ crls: [crl] }) });
  assert.equal(r.signers[0]!.revocation, 'not-checked');
});

const r9 = (f: string): sm.Certificate[] => sm.readCertificates(fx(`rfc9216/${f}`));

test('RFC 9216: Alice RSA and RSA-PSS signatures are valid; Ed25519 is unsupported-algorithm', async () => {
  const roots = [...r9('Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem'), ...r9('Sample_LAMPS_Ed25519_Certification_Authority.selfsigned.pem')];
  for (const f of ['signedByAliceRSA.p7m', 'signedByAliceRSAPSS.p7m']) {
    const r = await sm.verifyMessage(fx(`rfc9216/${f}`), { trustRoots: roots, email: 'alice@smime.example' });
    assert.equal(r.fullyVerified, true, f);
    assert.equal(text(r.content), sample);
  }
  const ed = await sm.verifyMessage(fx('rfc9216/signedByCarlosEd25519.p7m'), { trustRoots: roots });
  assert.equal(ed.signers[0]!.status, 'unsupported-algorithm');
  assert.equal(ed.fullyVerified, false);
  const det = await sm.verifyMessage(fx('rfc9216/signedByCarlosDetached.p7m'), { trustRoots: roots }).catch((e: unknown) => e);
  assert.ok(sm.isLockpaneErrorCode(det, 'bad-data'), 'detached without content is bad-data');
});

test('RFC 9216: two signers without certificates: Alice valid, Carlos unsupported, not fully verified', async () => {
  const roots = [...r9('Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem'), ...r9('Sample_LAMPS_Ed25519_Certification_Authority.selfsigned.pem')];
  const r = await sm.verifyMessage(fx('rfc9216/signedByAliceAndCarlosNoCerts.p7m'), {
    trustRoots: roots, intermediates: [...r9('alice@smime.example.sig.pem'), ...r9('carlos@smime.example.sig.pem')],
  });
  const byEmail = Object.fromEntries(r.signers.map((s) => [s.certificate!.emails[0], s.status]));
  assert.deepEqual(byEmail, { 'alice@smime.example': 'valid', 'carlos@smime.example': 'unsupported-algorithm' });
  assert.equal(r.fullyVerified, false);
});

test('RFC 9216: Bob decrypts OAEP EnvelopedData; ChaCha20 is unsupported; Dana-only X25519 is cannot-decrypt', async () => {
  const [key] = await sm.readPrivateKeys(fx('rfc9216/lamps-bob.decrypt.p8.pem'), undefined);
  const bob = { key: key!, certificate: r9('bob@smime.example.enc.pem')[0]!, chain: [] };
  for (const f of ['encryptedForBobRSAOaep.p7m', 'encryptedForBobAndDana.p7m']) {
    assert.equal(text((await sm.decryptMessage(fx(`rfc9216/${f}`), [bob])).content), sample);
  }
  await rejects(sm.decryptMessage(fx('rfc9216/authEnvelopedForBobChaCha20Poly1305.p7m'), [bob]), 'unsupported-algorithm');
  await rejects(sm.decryptMessage(fx('rfc9216/authEnvelopedForDanaX25519HKDF.p7m'), [bob]), 'cannot-decrypt');
});

test('SECURITY A1.3: swapping or truncating CBC blocks of RFC 9216 OAEP mail never yields the original text', async () => {
  const [key] = await sm.readPrivateKeys(fx('rfc9216/lamps-bob.decrypt.p8.pem'), undefined);
  const bob = { key: key!, certificate: r9('bob@smime.example.enc.pem')[0]!, chain: [] };
  const orig = fx('rfc9216/encryptedForBobRSAOaep.p7m');
  // The 32-byte AES-CBC ciphertext is the tail of the DER (a primitive [0] at the end).
  const flipped = orig.slice();
  flipped[flipped.length - 20]! ^= 0x01;
  const swapped = orig.slice();
  swapped.set(orig.subarray(orig.length - 16), orig.length - 32);
  swapped.set(orig.subarray(orig.length - 32, orig.length - 16), orig.length - 16);
  for (const tampered of [flipped, swapped]) {
    const r = await sm.decryptMessage(tampered, [bob]).then((x) => text(x.content), (e: unknown) => (sm.isLockpaneErrorCode(e, 'bad-data') ? 'error' : 'other'));
    assert.notEqual(r, sample);
    assert.notEqual(r, 'other');
  }
  const truncated = orig.slice(0, orig.length - 16);
  await assert.rejects(sm.decryptMessage(truncated, [bob]), (e: unknown) => sm.isLockpaneErrorCode(e, 'bad-data'));
});

const johnny = (f: string): Uint8Array => fx(`johnny/${f}`);
const jOpts = (): { trustRoots: sm.Certificate[]; now: Date; email: string } => ({
  trustRoots: sm.readCertificates(johnny('intermediate_ca.crt')), now: new Date('2019-05-01T00:00:00Z'), email: 'manager@bigcorporation.de',
});

test('Johnny baseline: manager-smime.eml is valid in 2019 and expired now (valid at signing time)', async () => {
  const then = await sm.verifyMessage(johnny('manager-smime.eml'), jOpts());
  assert.equal(then.fullyVerified, true);
  const { now: _now, ...rest } = jOpts();
  const today = await sm.verifyMessage(johnny('manager-smime.eml'), rest);
  assert.equal(today.signers[0]!.status, 'expired');
  assert.equal(today.signers[0]!.validAtSigningTime, true);
  assert.equal(today.signers[0]!.validNow, false);
});

test('Johnny c1 eContent confusion: invalid, and never verified against the hidden eContent', async () => {
  const r = await sm.verifyMessage(johnny('eContent_confusion.eml'), jOpts());
  assert.equal(r.fullyVerified, false);
  assert.ok(r.signers.every((s) => s.status === 'invalid-signature'));
  assert.match(text(r.content), /Johnny, you are fired!/);
  assert.ok(r.problems.some((p) => /eContent/.test(p)));
});

test('Johnny c2 multiple signerInfos: each signer reported, not fully verified', async () => {
  const r = await sm.verifyMessage(johnny('multiple_signerInfos_prepend_johnny.eml'), jOpts());
  assert.equal(r.signers.length, 2);
  assert.equal(r.fullyVerified, false);
  assert.ok(r.signers.every((s) => s.status !== 'valid'));
});

test('Johnny c3 zero signerInfos: not signed', async () => {
  const r = await sm.verifyMessage(johnny('no_signerInfos_detached.eml'), jOpts());
  assert.equal(r.signed, false);
  assert.equal(r.fullyVerified, false);
  assert.equal(r.signers.length, 0);
});

test('Johnny i1 From manager, signed by Eve: email-mismatch showing the signer address', async () => {
  const r = await sm.verifyMessage(johnny('i1-from-unequals-signer-smime.eml'), jOpts());
  assert.equal(r.signers[0]!.status, 'email-mismatch');
  assert.equal(r.signers[0]!.emailMatches, false);
  assert.deepEqual(r.signers[0]!.certificate!.emails, ['eve@bigcorporation.de']);
});
