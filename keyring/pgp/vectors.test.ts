/** The public OpenPGP vectors (fixtures/README.md) with their stated expectations, and CVE-2025-47934 built here. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isLockpaneError } from '../errors';
import * as pgp from './index';
import { compressedPacket, concat, literalPacket, pkesk, randomSessionKey, seipdV1 } from '../testing/pgp-packets';

const fx = (p: string) => readFileSync(path.join(__dirname, 'fixtures', p));
const fxText = (p: string) => fx(p).toString('utf8');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

let alice: pgp.PgpPrivateKey;
let bob: pgp.PgpPrivateKey;
before(async () => {
  alice = await pgp.readKey(fxText('draft-bre-samples/alice-secret.asc')) as pgp.PgpPrivateKey;
  bob = await pgp.readKey(fxText('draft-bre-samples/bob-secret.asc')) as pgp.PgpPrivateKey;
});

test('draft-bre Alice and Bob import with the expected fingerprints and user IDs', async () => {
  const a = await pgp.describeKey(await pgp.readKey(fxText('draft-bre-samples/alice.asc')));
  assert.equal(a.fingerprint, 'EB85BB5FA33A75E15E944E63F231550C4F47E38E');
  assert.deepEqual(a.userIDs.map((u) => u.uid), ['Alice Lovelace <alice@openpgp.example>']);
  const b = await pgp.describeKey(bob);
  assert.equal(b.fingerprint, 'D1A66E1A23B182C9980F788CFBFCC82A015E7330');
  assert.equal(b.algorithm, 'rsa3072');
  assert.equal(b.isPrivate, true);
});

test('draft-bre revocation certificates: key shows revoked and cannot be used to encrypt', async () => {
  for (const who of ['alice', 'bob']) {
    const key = await pgp.readKey(fxText(`draft-bre-samples/${who}.asc`));
    const revoked = await pgp.applyRevocationCertificate(key, fxText(`draft-bre-samples/${who}-revocation.asc`));
    const facts = await pgp.describeKey(revoked);
    assert.equal(facts.revoked, true, who);
    assert.equal(facts.canEncrypt, false, who);
    await assert.rejects(pgp.encrypt({ data: 'x', encryptionKeys: [revoked] }), (e: unknown) => isLockpaneError(e, 'key-revoked'));
  }
});

for (const dir of ['v6-25519-annex-a-4', 'v4-ed25519-x25519', 'v6-ed448-x448']) {
  test(`RFC 9580 ${dir}: key imports, SEIPDv1 and SEIPDv2 decrypt to "hello world\\n", cleartext verifies`, async () => {
    const key = await pgp.readKey(fxText(`rfc9580-rpgp/${dir}/tsk.asc`)) as pgp.PgpPrivateKey;
    if (dir === 'v6-25519-annex-a-4') assert.equal(key.getFingerprint().toUpperCase(), 'CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9');
    for (const m of ['enc-seipdv1.msg', 'enc-seipdv2.msg']) {
      const r = await pgp.decrypt({ message: fx(`rfc9580-rpgp/${dir}/${m}`), decryptionKeys: [key] });
      assert.equal(text(r.data), 'hello world\n', `${dir}/${m}`);
    }
    const v = await pgp.verifyCleartext({ message: fxText(`rfc9580-rpgp/${dir}/csf.msg`), verificationKeys: [key] });
    assert.equal(v.text.trimEnd(), 'hello world');
    assert.equal(v.signatures[0]!.status, 'good');
  });
}

test('RFC 9580 v6 key with legacy 25519 OIDs is rejected (key-invalid), so its messages cannot be used', async () => {
  await assert.rejects(pgp.readKeys(fxText('rfc9580-rpgp/v6-legacy_illegal/tsk.asc')), (e: unknown) => isLockpaneError(e, 'key-invalid'));
});

test('interop-suite grammar violations fail with no plaintext (two literals, literal eating MDC)', async () => {
  for (const f of ['two_literals_first_compressed.asc', 'two_literals_first_compressed_two_times.asc', 'literal_eating_mdc.asc']) {
    await assert.rejects(pgp.decrypt({ message: fxText(`interop-suite-messages/${f}`), decryptionKeys: [bob], verificationKeys: [bob] }),
      (e: unknown) => isLockpaneError(e) && ['bad-data', 'integrity-failure'].includes(e.code), f);
  }
});

test('interop-suite signed messages: future/unknown signature versions and unknown hash', async () => {
  const future = await pgp.decrypt({ message: fxText('interop-suite-messages/message_future_signature.asc'), decryptionKeys: [bob], verificationKeys: [bob] });
  assert.equal(text(future.data), 'Encrypted, signed message.');
  const good = future.signatures.filter((s) => s.status === 'good');
  assert.equal(good.length, 1);
  assert.equal(good[0]!.signerFingerprint, 'D1A66E1A23B182C9980F788CFBFCC82A015E7330');

  const unknownOps = await pgp.decrypt({ message: fxText('interop-suite-messages/unknown_one_pass.sig.asc'), decryptionKeys: [bob], verificationKeys: [bob] });
  assert.equal(text(unknownOps.data), 'Encrypted, signed message.');
  assert.ok(unknownOps.signatures.some((s) => s.status === 'good'));

  const otherHash = await pgp.decrypt({ message: fxText('interop-suite-messages/message_other_hash.asc'), decryptionKeys: [bob], verificationKeys: [bob] });
  assert.equal(text(otherHash.data), 'Encrypted, signed message.');
  assert.ok(otherHash.signatures.length >= 1);
  assert.ok(otherHash.signatures.every((s) => s.status !== 'good'), 'an unknown hash must never read as signed');
  assert.equal(pgp.allGood(otherHash.signatures), false);
});

test('cleartext vectors: valid grocery list; text outside the block is never returned and is flagged (A4.2)', async () => {
  const grocery = 'From the grocery store we need:\n\n- tofu\n- vegetables\n- noodles\n\n';
  const ok = await pgp.verifyCleartext({ message: fxText('interop-suite-messages/cleartext-msg-01.asc'), verificationKeys: [bob] });
  assert.equal(ok.signatures[0]!.status, 'good');
  assert.equal(ok.text.trimEnd(), grocery.trimEnd());
  assert.equal(ok.unsignedTextOutside, false);
  for (const f of ['cleartext-msg-01-fail.asc', 'cleartext-msg-02-fail.asc']) {
    const r = await pgp.verifyCleartext({ message: fxText(`interop-suite-messages/${f}`), verificationKeys: [bob] });
    assert.equal(r.text.trimEnd(), grocery.trimEnd(), f);
    assert.equal(r.unsignedTextOutside, true, f);
    assert.ok(!r.text.includes('other things') && !r.text.includes('leading text'));
  }
});

test('CVE-2023-41037: text around the Hash header is rejected', async () => {
  for (const f of ['CVE-2023-41037-text-before-hash-header.asc', 'CVE-2023-41037-text-after-hash-header-vt.asc']) {
    await assert.rejects(pgp.verifyCleartext({ message: fxText(`cve-regressions/${f}`), verificationKeys: [bob] }),
      (e: unknown) => isLockpaneError(e, 'bad-armor'), f);
  }
});

test('compression quine terminates quickly with a typed error', async () => {
  const t0 = Date.now();
  await assert.rejects(pgp.verifyMessage({ message: fx('interop-suite-messages/quine.out'), verificationKeys: [bob] }), (e: unknown) => isLockpaneError(e));
  await assert.rejects(pgp.decrypt({ message: fx('interop-suite-messages/quine.out'), passwords: ['x'] }), (e: unknown) => isLockpaneError(e));
  assert.ok(Date.now() - t0 < 5000);
});

test('CVE-2025-47934: a signed message with Compressed(Literal("forged")) appended never yields "forged" as signed data', async () => {
  const signed = await pgp.signMessage({ data: 'genuine', signingKeys: [alice], armor: false }) as Uint8Array;
  const forged = concat(signed, compressedPacket(literalPacket(new TextEncoder().encode('forged'))));
  // plain (inline-signed, not encrypted)
  try {
    const r = await pgp.verifyMessage({ message: forged, verificationKeys: [alice] });
    assert.equal(text(r.data), 'genuine');
  } catch (e) {
    assert.ok(isLockpaneError(e), String(e));
  }
  // encrypted to Bob
  const sk = randomSessionKey();
  const enc = concat(await pkesk(sk, bob.toPublic()), seipdV1(sk, forged));
  try {
    const r = await pgp.decrypt({ message: enc, decryptionKeys: [bob], verificationKeys: [alice] });
    assert.equal(text(r.data), 'genuine');
  } catch (e) {
    assert.ok(isLockpaneError(e), String(e));
  }
  // the untampered message still verifies (the builder is sound)
  const r = await pgp.decrypt({ message: concat(await pkesk(sk, bob.toPublic()), seipdV1(sk, signed)), decryptionKeys: [bob], verificationKeys: [alice] });
  assert.equal(text(r.data), 'genuine');
  assert.equal(r.signatures[0]!.status, 'good');
});
