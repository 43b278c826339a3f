import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import * as sm from '../index';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
let bob: User;
let carol: User;
const file = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

before(() => {
  pki = new TestPki();
  bob = pki.user('bob');
  carol = pki.user('carol', { kind: 'p384' });
});
after(() => pki.cleanup());

const isCode = (code: string) => (e: unknown): boolean => sm.isLockpaneErrorCode(e, code);

test('PKCS#12: OpenSSL 3 default (PBES2/AES-256/HMAC-SHA-256) and legacy 3DES/SHA-1 import with chain', async () => {
  for (const p of [bob.p12, bob.legacyP12, carol.p12, carol.legacyP12]) {
    const r = await sm.importPkcs12(file(p), 'test');
    assert.equal(r.identities.length, 1, p);
    const id = r.identities[0]!;
    assert.deepEqual(sm.certificateEmails(id.certificate), [p.includes('bob') ? 'bob@example.test' : 'carol@example.test']);
    assert.deepEqual(id.chain.map((c) => c.subject), ['CN=Lockpane Test CA,O=Lockpane Tests']);
  }
});

test('PKCS#12: `openssl pkcs12 -legacy` (certificates under RC2-40, key under 3DES) imports', async () => {
  const rc2 = pki.file('bob.rc2.p12');
  pki.openssl(['pkcs12', '-export', '-legacy', '-inkey', bob.key, '-in', bob.crt, '-certfile', pki.caCrt, '-passout', 'pass:test', '-out', rc2]);
  const r = await sm.importPkcs12(file(rc2), 'test');
  assert.equal(r.identities.length, 1);
  assert.equal(r.identities[0]!.chain.length, 1);
  await assert.rejects(sm.importPkcs12(file(rc2), 'wrong'), isCode('wrong-passphrase'));
});

test('PKCS#12: wrong password → wrong-passphrase, none → key-locked, garbage → bad-data', async () => {
  await assert.rejects(sm.importPkcs12(file(bob.p12), 'nope'), isCode('wrong-passphrase'));
  await assert.rejects(sm.importPkcs12(file(bob.legacyP12), 'nope'), isCode('wrong-passphrase'));
  await assert.rejects(sm.importPkcs12(file(bob.p12), undefined), isCode('key-locked'));
  await assert.rejects(sm.importPkcs12(file(bob.crt), 'test'), isCode('bad-data'));
  const damaged = file(bob.p12);
  damaged[damaged.length - 100]! ^= 0xff;
  await assert.rejects(sm.importPkcs12(damaged, 'test'), (e: unknown) => isCode('wrong-passphrase')(e) || isCode('bad-data')(e));
});

test('PKCS#12 export (modern and legacy) is read back by openssl pkcs12 and by us', async () => {
  const [id] = (await sm.importPkcs12(file(bob.p12), 'test')).identities;
  for (const legacy of [false, true]) {
    const p12 = await sm.exportPkcs12(id!, 'pw 2', { legacy, iterations: 1000, friendlyName: 'bob' });
    const out = pki.openssl(['pkcs12', '-passin', 'pass:pw 2', '-nodes', ...(legacy ? ['-legacy'] : []), '-in', pki.write(`x${legacy}.p12`, p12)]).toString();
    assert.match(out, /subject=O = Lockpane Tests, CN = bob/);
    assert.match(out, /BEGIN PRIVATE KEY/);
    const again = await sm.importPkcs12(p12, 'pw 2');
    assert.equal(again.identities[0]!.certificate.serialHex, id!.certificate.serialHex);
  }
});

test('PEM private keys: PKCS#8 plain and encrypted (PBES2), traditional RSA/EC forms', async () => {
  const enc = pki.file('bob.enc.key');
  pki.openssl(['pkcs8', '-topk8', '-in', bob.key, '-passout', 'pass:secret', '-out', enc]);
  const trad = pki.file('carol.trad.key');
  pki.openssl(['ec', '-in', carol.key, '-out', trad]);
  const [plain] = await sm.readPrivateKeys(file(bob.key), undefined);
  const [decrypted] = await sm.readPrivateKeys(file(enc), 'secret');
  assert.deepEqual(decrypted!.pkcs8, plain!.pkcs8);
  await assert.rejects(sm.readPrivateKeys(file(enc), 'wrong'), isCode('wrong-passphrase'));
  await assert.rejects(sm.readPrivateKeys(file(enc), undefined), isCode('key-locked'));
  const [ec] = await sm.readPrivateKeys(file(trad), undefined);
  assert.equal(ec!.type, 'ec');
  assert.equal(ec!.curve, 'P-384');
  assert.match(sm.exportPrivateKeyPem(plain!), /^-----BEGIN PRIVATE KEY-----\n/);
});

test('loadIdentities pairs a PEM certificate with its key and refuses a mismatched pair', async () => {
  const ids = await sm.loadIdentities(file(bob.pem), undefined);
  assert.equal(ids[0]!.certificate.subject, 'emailAddress=bob@example.test,CN=bob,O=Lockpane Tests');
  const mixed = new Uint8Array([...file(bob.crt), ...file(carol.key)]);
  await assert.rejects(sm.loadIdentities(mixed, undefined), isCode('key-not-usable'));
});

test('describeCertificate gives plain facts that agree with openssl', async () => {
  const cert = sm.readCertificates(file(carol.crt))[0]!;
  const f = await sm.describeCertificate(cert);
  const fp = pki.openssl(['x509', '-in', carol.crt, '-noout', '-fingerprint', '-sha256']).toString().split('=')[1]!.trim().replace(/:/g, '').toLowerCase();
  assert.equal(f.fingerprintSha256, fp);
  assert.deepEqual(f.emails, ['carol@example.test']);
  assert.deepEqual(f.keyUsage, ['digitalSignature', 'keyAgreement']);
  assert.deepEqual(f.extendedKeyUsage, ['1.3.6.1.5.5.7.3.4']);
  assert.equal(f.publicKeyAlgorithm, 'ec-P-384');
  assert.equal(f.isCA, false);
  assert.equal(f.serialNumber, pki.openssl(['x509', '-in', carol.crt, '-noout', '-serial']).toString().trim().split('=')[1]!.toLowerCase());
  assert.match(f.subjectKeyIdentifier ?? '', /^[0-9a-f]{40}$/);
  const ca = await sm.describeCertificate(sm.readCertificates(file(pki.caCrt))[0]!);
  assert.equal(ca.isCA, true);
  assert.equal(ca.publicKeyAlgorithm, 'rsa-2048');
  // PEM and DER export round-trip
  assert.deepEqual(sm.readCertificates(new TextEncoder().encode(sm.exportCertificatePem(cert)))[0]!.der, sm.exportCertificateDer(cert));
});

test('certificate bundles: PEM chain, PEM and DER PKCS#7 certs-only (.p7b)', async () => {
  const chain = new Uint8Array([...file(bob.crt), ...file(pki.caCrt)]);
  assert.equal(sm.readCertificates(chain).length, 2);
  const p7b = pki.openssl(['crl2pkcs7', '-nocrl', '-certfile', bob.crt, '-certfile', pki.caCrt]);
  const p7bDer = pki.openssl(['crl2pkcs7', '-nocrl', '-certfile', bob.crt, '-certfile', pki.caCrt, '-outform', 'DER']);
  for (const bundle of [p7b, p7bDer]) {
    const certs = sm.readCertificates(new Uint8Array(bundle));
    assert.deepEqual(certs.map((c) => c.subject).sort(), ['CN=Lockpane Test CA,O=Lockpane Tests', 'emailAddress=bob@example.test,CN=bob,O=Lockpane Tests']);
  }
  assert.throws(() => sm.readCertificates(new TextEncoder().encode('-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n')), isCode('bad-data'));
});
