import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import * as sm from '../index';
import { TestPki, type User } from '../../testing/openssl-pki';

let pki: TestPki;
let other: TestPki;
let roots: sm.Certificate[];
const users: Record<string, User> = {};
const ids: Record<string, sm.SmimeIdentity> = {};
const entity = new TextEncoder().encode('Content-Type: text/plain; charset=utf-8\r\n\r\nSigned text\r\n');
const crlUrl = 'http://crl.example.test/ca.crl';

before(async () => {
  pki = new TestPki();
  other = new TestPki('Other CA');
  Object.assign(users, {
    alice: pki.user('alice', { crlUrl }),
    ec: pki.user('ec', { kind: 'p256', crlUrl }),
    clientAuth: pki.user('client', { eku: 'clientAuth' }),
    noSign: pki.user('nosign', { keyUsage: 'critical,keyEncipherment' }),
    revoked: pki.user('revoked', { crlUrl }),
    stranger: other.user('stranger'),
  });
  for (const [k, u] of Object.entries(users)) ids[k] = (await sm.loadIdentities(new Uint8Array(readFileSync(u.pem)), undefined))[0]!;
  roots = sm.readCertificates(new Uint8Array(readFileSync(pki.caCrt)));
});
after(() => { pki.cleanup(); other.cleanup(); });

const status = async (msg: Uint8Array, opts: Partial<Parameters<typeof sm.verifyMessage>[1]> = {}): Promise<sm.VerifyReport> =>
  sm.verifyMessage(msg, { trustRoots: roots, ...opts });

test('detached and opaque, RSA PKCS#1 / PSS and ECDSA, SHA-256/384/512: valid with facts and signing time', async () => {
  const cases = [
    [ids.alice!, 'rsa-pkcs1', 'SHA-256'], [ids.alice!, 'rsa-pss', 'SHA-384'], [ids.ec!, 'ecdsa', 'SHA-512'],
  ] as const;
  for (const [id, scheme, hash] of cases) {
    for (const opaque of [false, true]) {
      const signingTime = new Date('2026-01-02T03:04:05Z');
      const msg = await sm.signMime(entity, id, { scheme, hash, opaque, signingTime });
      const r = await status(msg, { email: sm.certificateEmails(id.certificate)[0]! });
      assert.equal(r.fullyVerified, true, `${scheme} ${hash} opaque=${opaque}: ${JSON.stringify(r.signers[0]?.problems)}`);
      assert.deepEqual(r.content, entity);
      assert.equal(r.detached, !opaque);
      assert.equal(r.signers[0]!.signingTime, signingTime.toISOString());
      assert.ok(r.signers[0]!.capabilities!.includes('2.16.840.1.101.3.4.1.46'), 'advertises AES-256-GCM');
    }
  }
});

test('tampered content → invalid-signature; other CA → untrusted-chain; wrong sender → email-mismatch', async () => {
  const msg = new TextDecoder().decode(await sm.signMime(entity, ids.alice!));
  const tampered = new TextEncoder().encode(msg.replace('Signed text', 'Signed texT'));
  assert.equal((await status(tampered)).signers[0]!.status, 'invalid-signature');
  const s = await sm.signMime(entity, ids.stranger!);
  const r = await status(s);
  assert.equal(r.signers[0]!.status, 'untrusted-chain');
  assert.equal(r.signers[0]!.chainTrusted, false);
  const m = await status(new TextEncoder().encode(msg), { email: 'Mallory <mallory@example.test>' });
  assert.equal(m.signers[0]!.status, 'email-mismatch');
  assert.equal((await status(new TextEncoder().encode(msg), { email: 'Alice <ALICE@example.test>' })).signers[0]!.status, 'valid');
});

test('EKU without emailProtection and key usage without digitalSignature → wrong-usage', async () => {
  for (const who of ['clientAuth', 'noSign']) {
    const r = await status(await sm.signMime(entity, ids[who]!));
    assert.equal(r.signers[0]!.status, 'wrong-usage', who);
    assert.equal(r.fullyVerified, false);
  }
});

test('expired now versus valid at signing time are reported distinctly', async () => {
  const r = await status(await sm.signMime(entity, ids.alice!), { now: new Date('2040-01-01T00:00:00Z') });
  assert.equal(r.signers[0]!.status, 'expired');
  assert.equal(r.signers[0]!.validAtSigningTime, true);
  assert.equal(r.signers[0]!.validNow, false);
});

test('CRL revocation through the injected fetcher: revoked, good, cached, and not-checked when offline', async () => {
  const crl = pki.crl([users.revoked!]);
  let fetches = 0;
  const checker = sm.createRevocationChecker({ fetcher: async (url) => { fetches++; assert.equal(url, crlUrl); return new Uint8Array(crl); } });
  const revoked = await status(await sm.signMime(entity, ids.revoked!), { revocation: checker });
  assert.equal(revoked.signers[0]!.status, 'revoked');
  assert.equal(revoked.signers[0]!.revocation, 'revoked');
  const good = await status(await sm.signMime(entity, ids.alice!), { revocation: checker });
  assert.equal(good.signers[0]!.status, 'valid');
  assert.equal(good.signers[0]!.revocation, 'good', 'trust anchors themselves are not revocation-checked');
  assert.equal(fetches, 1, 'one fetch per URL');
  let online = false;
  const flaky = sm.createRevocationChecker({ fetcher: async () => { if (!online) throw new Error('offline'); return new Uint8Array(crl); } });
  const msg = await sm.signMime(entity, ids.revoked!);
  const r = await status(msg, { revocation: flaky });
  assert.equal(r.signers[0]!.revocation, 'not-checked');
  assert.equal(r.signers[0]!.status, 'valid');
  online = true;
  assert.equal((await status(msg, { revocation: flaky })).signers[0]!.status, 'revoked', 'a failed fetch is not cached');
});

test('a web mail that turned CRLF into LF: multipart/signed still verifies (against the canonical form)', async () => {
  const msg = new TextDecoder().decode(await sm.signMime(entity, ids.alice!)).replace(/\r\n/g, '\n');
  const r = await status(new TextEncoder().encode(msg));
  assert.equal(r.fullyVerified, true);
  assert.deepEqual(r.content, entity);
});

test('opaque signed-data also verifies as DER; an encrypted message is not "signed"', async () => {
  const opaque = await sm.signMime(entity, ids.ec!, { opaque: true });
  const der = (await sm.inspect(opaque)) as { contentType: string };
  assert.equal(der.contentType, 'signedData');
  const enc = await sm.encryptMime(entity, [ids.alice!.certificate]);
  await assert.rejects(sm.verifyMessage(enc, { trustRoots: roots }), (e: unknown) => sm.isLockpaneErrorCode(e, 'bad-data'));
});

test('ESS signing-certificate binds the signature: a re-issued certificate for the same key swapped in is invalid', async () => {
  const { signCms } = await import('./sign');
  const { parseContentInfo } = await import('./content-info');
  const { verifyCms } = await import('./verify');
  // A second certificate for Alice's key (same SKI, same DER length: only the serial differs).
  const twin = pki.file('alice-twin.crt');
  pki.openssl(['x509', '-req', '-in', pki.file('alice.csr'), '-CA', pki.caCrt, '-CAkey', pki.caKey, '-set_serial', '9999', '-days', '825', '-sha256', '-extfile', pki.file('alice.ext'), '-out', twin]);
  const twinCert = sm.readCertificates(new Uint8Array(readFileSync(twin)))[0]!;
  const alice = ids.alice!;
  assert.equal(twinCert.der.length, alice.certificate.der.length);
  const der = await signCms(entity, alice, { detached: false, identifier: 'ski' });
  const ok = await verifyCms(parseContentInfo(der), { trustRoots: roots });
  assert.equal(ok.signers[0]!.status, 'valid');
  const at = Buffer.from(der).indexOf(Buffer.from(alice.certificate.der));
  assert.ok(at > 0);
  const swapped = der.slice();
  swapped.set(twinCert.der, at);
  const r = await verifyCms(parseContentInfo(swapped), { trustRoots: roots });
  assert.equal(r.signers[0]!.signatureValid, true, 'same key, so the signature itself verifies');
  assert.equal(r.signers[0]!.status, 'invalid-signature');
  assert.ok(r.signers[0]!.problems.some((p) => /signing-certificate/.test(p)));
});
