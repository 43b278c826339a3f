/** Key generation, import, facts, passphrases, revocation, export, and key-overwriting (A4.4). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as openpgp from 'openpgp';
import { isLockpaneError, type LockpaneErrorCode } from '../errors';
import * as pgp from './index';

async function rejects(p: Promise<unknown>, code: LockpaneErrorCode) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isLockpaneError(e), `expected a LockpaneError, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    return true;
  });
}

test('curve25519 v4 key: facts, passphrase protection, revocation certificate', async () => {
  const g = await pgp.generateKey({ userIDs: [{ name: 'Alice Example', email: 'alice@example.test' }, { email: 'a2@example.test' }], passphrase: 's3cret', expiresInSeconds: 86400 * 365 });
  const [key] = await pgp.readKeys(g.privateKeyArmored);
  const facts = await pgp.describeKey(key!);
  assert.equal(facts.fingerprint, g.fingerprint);
  assert.equal(facts.version, 4);
  assert.equal(facts.algorithm, 'ed25519');
  assert.equal(facts.isPrivate, true);
  assert.equal(facts.isLocked, true);
  assert.deepEqual(facts.userIDs.map((u) => u.email).sort(), ['a2@example.test', 'alice@example.test']);
  assert.equal(facts.subkeys.length, 1);
  assert.equal(facts.subkeys[0]!.algorithm, 'cv25519');
  assert.equal(facts.subkeys[0]!.canEncrypt, true);
  assert.ok(facts.canEncrypt && facts.canSign);
  assert.ok(facts.expires && Math.abs(Date.parse(facts.expires) - Date.now() - 365 * 86400e3) < 120e3);
  assert.equal(facts.revoked, false);

  await rejects(pgp.unlockKey(key!, 'wrong'), 'wrong-passphrase');
  await rejects(pgp.unlockKey(key!, ''), 'key-locked');
  const unlocked = await pgp.unlockKey(key!, 's3cret');
  assert.equal((await pgp.describeKey(unlocked)).isLocked, false);
  assert.equal((await pgp.describeKey(key!)).isLocked, true, 'the original stays locked');

  const changed = await pgp.changePassphrase(key!, 's3cret', 'n3w');
  await rejects(pgp.unlockKey(changed, 's3cret'), 'wrong-passphrase');
  await pgp.unlockKey(changed, 'n3w');

  const pub = await pgp.readKey(g.publicKeyArmored);
  const revoked = await pgp.applyRevocationCertificate(pub, g.revocationCertificate);
  assert.equal((await pgp.describeKey(revoked)).revoked, true);
  assert.equal((await pgp.describeKey(revoked)).canEncrypt, false);
});

test('v6 and RSA keys', async () => {
  const v6 = await pgp.generateKey({ userIDs: [{ email: 'six@example.test' }], v6: true });
  const f6 = await pgp.describeKey(await pgp.readKey(v6.privateKeyArmored));
  assert.equal(f6.version, 6);
  assert.equal(f6.algorithm, 'ed25519');
  assert.equal(f6.subkeys[0]!.algorithm, 'x25519');
  assert.equal(f6.fingerprint.length, 64);
  const rsa = await pgp.generateKey({ userIDs: [{ email: 'rsa@example.test' }], algorithm: 'rsa3072' });
  const fr = await pgp.describeKey(await pgp.readKey(rsa.publicKeyArmored));
  assert.equal(fr.algorithm, 'rsa3072');
  assert.equal(fr.isPrivate, false);
});

test('readKeys: several armored blocks, binary keyrings, export armor/binary/public-only', async () => {
  const a = await pgp.generateKey({ userIDs: [{ email: 'a@example.test' }] });
  const b = await pgp.generateKey({ userIDs: [{ email: 'b@example.test' }] });
  const two = await pgp.readKeys(`junk before\n${a.publicKeyArmored}\nbetween\n${b.privateKeyArmored}`);
  assert.deepEqual(two.map((k) => k.getFingerprint().toUpperCase()), [a.fingerprint, b.fingerprint]);
  const binary = new Uint8Array([...pgp.exportKey(two[0]!, { armor: false }), ...pgp.exportKey(two[1]!, { armor: false, secret: true })]);
  const back = await pgp.readKeys(binary);
  assert.equal(back.length, 2);
  assert.equal(back[1]!.isPrivate(), true);
  const pubOnly = pgp.exportKey(two[1]!);
  assert.match(pubOnly, /BEGIN PGP PUBLIC KEY BLOCK/);
  assert.throws(() => pgp.exportKey(two[0]!, { secret: true }), (e: unknown) => isLockpaneError(e, 'key-not-usable'));
  await rejects(pgp.readKeys('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 !!!\n-----END PGP PUBLIC KEY BLOCK-----\n'), 'bad-armor');
  await rejects(pgp.readKeys(new Uint8Array([0x99, 0x01, 0x02])), 'bad-data');
  await rejects(pgp.readKeys(''), 'bad-data');
});

/** Flips one byte of a public parameter in the (secret) key packet. */
function tamperPublicParam(key: openpgp.PrivateKey, which: 'primary' | 'subkey'): Uint8Array {
  const packet = (which === 'primary' ? key.keyPacket : key.subkeys[0]!.keyPacket) as unknown as { publicParams: Record<string, unknown> };
  const params = packet.publicParams;
  const name = 'Q' in params ? 'Q' : 'A' in params ? 'A' : 'n';
  const value = (params[name] as Uint8Array).slice();
  value[value.length - 3]! ^= 0x01;
  params[name] = value;
  return key.write();
}

test('key-overwriting: tampered public parameters of a CFB-locked key → key-invalid on unlock (A4.4)', async () => {
  for (const type of ['ecc', 'rsa'] as const) {
    const { privateKey } = await openpgp.generateKey({
      type, ...(type === 'rsa' ? { rsaBits: 2048 } : {}), userIDs: [{ email: 'k@example.test' }], passphrase: 'pw', format: 'object',
      config: { aeadProtect: false }, // legacy CFB protection: public fields are not authenticated
    });
    for (const which of ['primary', 'subkey'] as const) {
      const fresh = await openpgp.readPrivateKey({ binaryKey: privateKey.write() });
      const bytes = tamperPublicParam(fresh, which);
      let key: pgp.PgpKey;
      try {
        key = await pgp.readKey(bytes);
      } catch (e) {
        assert.ok(isLockpaneError(e), `import failed with ${String(e)}`);
        continue; // refusing at import is fine too
      }
      await assert.rejects(pgp.unlockKey(key, 'pw'), (e: unknown) =>
        isLockpaneError(e) && (e.code === 'key-invalid' || e.code === 'wrong-passphrase'), `${type} ${which}`);
      if (which === 'primary') await rejects(pgp.unlockKey(key, 'pw'), 'key-invalid');
    }
  }
});

test('key-overwriting: an unprotected secret key with tampered public parameters is refused at import', async () => {
  const { privateKey } = await openpgp.generateKey({ type: 'ecc', userIDs: [{ email: 'u@example.test' }], format: 'object' });
  await rejects(pgp.readKeys(tamperPublicParam(privateKey, 'primary')), 'key-invalid');
  const again = await openpgp.readPrivateKey({ binaryKey: privateKey.write() });
  await rejects(pgp.readKeys(tamperPublicParam(again, 'subkey')), 'key-invalid');
});

test('a locked key with Argon2 m = 2^30 KiB is refused quickly (too-large)', async () => {
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc', userIDs: [{ email: 'argon@example.test' }], passphrase: 'pw', format: 'object',
    config: { aeadProtect: true, s2kType: openpgp.enums.s2k.argon2, s2kArgon2Params: { passes: 1, parallelism: 1, memoryExponent: 10 } },
  });
  for (const k of privateKey.getKeys()) (k.keyPacket as unknown as { s2k: { encodedM: number } }).s2k.encodedM = 30;
  const key = await pgp.readKey(privateKey.write());
  const t0 = Date.now();
  await rejects(pgp.unlockKey(key, 'pw'), 'too-large');
  assert.ok(Date.now() - t0 < 5000);
});
