/** Round trips and typed errors for encrypt/decrypt (SECURITY.md A1.2, A4.5, A4.6). */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { isLockpaneError, type LockpaneErrorCode } from '../errors';
import * as pgp from './index';
import { armorMessage, compressedPacket, compressionBomb, concat, literalPacket, pkesk, randomSessionKey, sed, seipdV1, skesk } from '../testing/pgp-packets';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

async function rejects(p: Promise<unknown>, code: LockpaneErrorCode) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(isLockpaneError(e), `expected a LockpaneError, got ${String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    assert.ok(e.message.length > 10);
    return true;
  });
}

let alice: pgp.PgpPrivateKey;
let bob: pgp.PgpPrivateKey;
let carol: pgp.PgpPrivateKey;

before(async () => {
  const gen = async (email: string) => pgp.readKey((await pgp.generateKey({ userIDs: [{ name: email.split('@')[0], email }] })).privateKeyArmored) as Promise<pgp.PgpPrivateKey>;
  [alice, bob, carol] = await Promise.all([gen('alice@example.test'), gen('bob@example.test'), gen('carol@example.test')]);
});

test('encrypt+sign to several recipients; each decrypts and sees a good signature from the sender', async () => {
  const armored = await pgp.encrypt({ data: 'Grüße, Bob', encryptionKeys: [bob.toPublic(), carol.toPublic()], signingKeys: [alice], filename: 'note.txt' });
  assert.match(armored, /^-----BEGIN PGP MESSAGE-----/);
  for (const k of [bob, carol, alice]) { // alice too: encrypted to self by default
    const r = await pgp.decrypt({ message: armored, decryptionKeys: [k], verificationKeys: [alice.toPublic()], expectedSenderEmail: 'alice@example.test' });
    assert.equal(text(r.data), 'Grüße, Bob');
    assert.equal(r.filename, 'note.txt');
    assert.equal(r.signatures.length, 1);
    assert.equal(r.signatures[0]!.status, 'good');
    assert.equal(r.signatures[0]!.signerFingerprint, alice.getFingerprint().toUpperCase());
    assert.equal(r.signatures[0]!.senderMatches, true);
    assert.deepEqual(r.signatures[0]!.signerUserIDs, ['alice <alice@example.test>']);
  }
});

test('signature reports: unknown signer, sender mismatch', async () => {
  const msg = await pgp.encrypt({ data: 'x', encryptionKeys: [bob.toPublic()], signingKeys: [alice], armor: false });
  assert.ok(msg instanceof Uint8Array);
  const unknown = await pgp.decrypt({ message: msg, decryptionKeys: [bob] });
  assert.equal(unknown.signatures[0]!.status, 'unknown-signer');
  assert.equal(unknown.signatures[0]!.senderMatches, null);
  const mismatch = await pgp.decrypt({ message: msg, decryptionKeys: [bob], verificationKeys: [alice], expectedSenderEmail: 'boss@example.test' });
  assert.equal(mismatch.signatures[0]!.status, 'good');
  assert.equal(mismatch.signatures[0]!.senderMatches, false);
});

test('password encryption (SEIPDv1 for GnuPG/Sequoia compatibility) round trip, wrong password', async () => {
  const data = new Uint8Array(70_000).map((_, i) => (i * 7) & 0xff);
  const msg = await pgp.encrypt({ data, passwords: ['correct horse'], armor: false });
  const m = await openpgp.readMessage({ binaryMessage: msg });
  const seipd = m.packets.find((p) => p instanceof openpgp.SymEncryptedIntegrityProtectedDataPacket) as unknown as { version: number };
  assert.equal(seipd.version, 1);
  const r = await pgp.decrypt({ message: msg, passwords: ['correct horse'] });
  assert.deepEqual(r.data, data);
  await rejects(pgp.decrypt({ message: msg, passwords: ['battery staple'] }), 'cannot-decrypt');
});

test('wrong key → cannot-decrypt; locked key → key-locked; nothing to decrypt with → missing-argument', async () => {
  const msg = await pgp.encrypt({ data: 'secret', encryptionKeys: [bob.toPublic()] });
  await rejects(pgp.decrypt({ message: msg, decryptionKeys: [carol] }), 'cannot-decrypt');
  const locked = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'l@example.test' }], passphrase: 'pw' })).privateKeyArmored) as pgp.PgpPrivateKey;
  await rejects(pgp.decrypt({ message: msg, decryptionKeys: [locked] }), 'key-locked');
  await rejects(pgp.decrypt({ message: msg }), 'missing-argument');
  await rejects(pgp.encrypt({ data: 'x' }), 'no-recipient');
});

test('malformed armor and bad checksum → bad-armor; garbage and truncation → typed errors', async () => {
  const msg = await pgp.encrypt({ data: 'secret', encryptionKeys: [bob.toPublic()] });
  await rejects(pgp.decrypt({ message: msg.replace('-----END PGP MESSAGE-----', ''), decryptionKeys: [bob] }), 'bad-armor');
  // Change the CRC24 line (the line starting with '=' before END), keeping it valid base64.
  const lines = msg.trimEnd().split('\n');
  const crcIndex = lines.findIndex((l) => /^=[A-Za-z0-9+/]{4}$/.test(l));
  if (crcIndex >= 0) {
    const crc = lines[crcIndex]!;
    lines[crcIndex] = '=' + (crc[1] === 'A' ? 'B' : 'A') + crc.slice(2);
    await rejects(pgp.decrypt({ message: lines.join('\n') + '\n', decryptionKeys: [bob] }), 'bad-armor');
  } else {
    // openpgp.js v6 omits the checksum when writing; add a wrong one by hand.
    const body = lines.slice(0, -1).join('\n');
    await rejects(pgp.decrypt({ message: `${body}\n=AAAA\n-----END PGP MESSAGE-----\n`, decryptionKeys: [bob] }), 'bad-armor');
  }
  await rejects(pgp.decrypt({ message: new Uint8Array([1, 2, 3, 4, 5]), decryptionKeys: [bob] }), 'bad-data');
  const bin = await pgp.encrypt({ data: new Uint8Array(5000), encryptionKeys: [bob.toPublic()], armor: false });
  const truncated = bin.subarray(0, bin.length - 100);
  await assert.rejects(pgp.decrypt({ message: truncated, decryptionKeys: [bob] }), (e: unknown) =>
    isLockpaneError(e) && ['bad-data', 'integrity-failure'].includes(e.code));
});

test('SED packet (no integrity protection) is refused: no-integrity, no plaintext', async () => {
  const sk = randomSessionKey();
  const msg = concat(await skesk(sk, 'pw'), sed(sk, literalPacket(new TextEncoder().encode('attacker-controlled'))));
  await rejects(pgp.decrypt({ message: msg, passwords: ['pw'] }), 'no-integrity');
  const toBob = concat(await pkesk(sk, bob.toPublic()), sed(sk, literalPacket(new TextEncoder().encode('x'))));
  await rejects(pgp.decrypt({ message: armorMessage(toBob), decryptionKeys: [bob] }), 'no-integrity');
});

test('SEIPDv1 with a broken MDC, or a flipped ciphertext byte → integrity-failure', async () => {
  const sk = randomSessionKey();
  const inner = literalPacket(new TextEncoder().encode('hello'));
  const good = concat(await skesk(sk, 'pw'), seipdV1(sk, inner));
  assert.equal(text((await pgp.decrypt({ message: good, passwords: ['pw'] })).data), 'hello', 'the builder makes valid messages');
  const bad = concat(await skesk(sk, 'pw'), seipdV1(sk, inner, { breakMdc: true }));
  // With the password only, a changed message looks like a wrong password (password-ambiguity.ts) ...
  await rejects(pgp.decrypt({ message: bad, passwords: ['pw'] }), 'cannot-decrypt');
  // ... with the session key itself there is no doubt.
  await rejects(pgp.decrypt({ message: bad, sessionKeys: [sk] }), 'integrity-failure');
  // a real message from openpgp.js to a key without SEIPDv2 (draft-bre Bob), one ciphertext byte flipped
  const bobV1 = await pgp.readKey(readFileSync(path.join(__dirname, 'fixtures/draft-bre-samples/bob-secret.asc'), 'utf8')) as pgp.PgpPrivateKey;
  const real = await pgp.encrypt({ data: new Uint8Array(1000), encryptionKeys: [bobV1.toPublic()], armor: false });
  const withV1 = await openpgp.readMessage({ binaryMessage: real });
  const p1 = withV1.packets.find((p) => p instanceof openpgp.SymEncryptedIntegrityProtectedDataPacket) as unknown as { version: number };
  assert.equal(p1.version, 1);
  for (const offset of [5, 30, 500]) {
    const flipped = real.slice();
    flipped[flipped.length - offset]! ^= 0x01;
    await rejects(pgp.decrypt({ message: flipped, decryptionKeys: [bobV1] }), 'integrity-failure');
  }
});

test('SEIPDv2 (AEAD) with a flipped tag byte → integrity-failure', async () => {
  // A key that advertises SEIPDv2 gets AEAD from openpgp.js.
  const aeadKey = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'aead@example.test' }], aead: true })).privateKeyArmored) as pgp.PgpPrivateKey;
  const msg = await pgp.encrypt({ data: new Uint8Array(3000).fill(7), encryptionKeys: [aeadKey.toPublic()], armor: false });
  const parsed = await openpgp.readMessage({ binaryMessage: msg });
  const seipd = parsed.packets.find((p) => p instanceof openpgp.SymEncryptedIntegrityProtectedDataPacket) as unknown as { version: number };
  assert.equal(seipd.version, 2);
  for (const offset of [1, 20, 600]) {
    const flipped = msg.slice();
    flipped[flipped.length - offset]! ^= 0x80;
    await rejects(pgp.decrypt({ message: flipped, decryptionKeys: [aeadKey] }), 'integrity-failure');
  }
});

test('compression bomb (70 MiB of zeros in ~70 KB) is refused with too-large, plain and encrypted', async () => {
  const bomb = compressionBomb(70 * 1024 * 1024);
  assert.ok(bomb.length < 200_000, `bomb is ${bomb.length} bytes`);
  const sk = randomSessionKey();
  const msg = concat(await skesk(sk, 'pw'), seipdV1(sk, bomb));
  const before = process.memoryUsage().rss;
  await rejects(pgp.decrypt({ message: msg, passwords: ['pw'] }), 'too-large');
  assert.ok(process.memoryUsage().rss - before < 400 * 1024 * 1024);
  // nested compression: refused by the message grammar before anything inflates
  const nested = compressedPacket(compressionBomb(70 * 1024 * 1024));
  const msg2 = concat(await skesk(sk, 'pw'), seipdV1(sk, nested));
  await rejects(pgp.decrypt({ message: msg2, passwords: ['pw'] }), 'bad-data');
  // a caller may raise the bound (the CLI does, streaming to disk): then it decrypts
  const ok = await pgp.decrypt({ message: msg, passwords: ['pw'], maxDecompressedBytes: 80 * 1024 * 1024 });
  assert.equal(ok.data.length, 70 * 1024 * 1024);
});

test('Argon2 SKESK with m = 2^30 KiB is refused quickly (too-large)', async () => {
  const msg = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: 'x' }), passwords: ['pw'], format: 'object',
    config: { s2kType: openpgp.enums.s2k.argon2, aeadProtect: true, s2kArgon2Params: { passes: 1, parallelism: 1, memoryExponent: 10 } },
  });
  const packetObj = msg.packets[0] as unknown as { s2k: { encodedM: number } };
  packetObj.s2k.encodedM = 30;
  const bytes = msg.write() as Uint8Array;
  const t0 = Date.now();
  await rejects(pgp.decrypt({ message: bytes, passwords: ['pw'] }), 'too-large');
  assert.ok(Date.now() - t0 < 5000);
});

test('a message encrypted to a signing-only subkey is not decrypted with it (A4.6)', async () => {
  // RSA can encrypt mathematically, so an RSA signing subkey is the real test of the key-flag check.
  const { privateKey: signer } = await openpgp.generateKey({ type: 'rsa', rsaBits: 2048, userIDs: [{ email: 's@example.test' }], subkeys: [{ sign: true }], format: 'object' });
  const signSub = signer.subkeys[0]!;
  const sk = randomSessionKey();
  const pk = new openpgp.PublicKeyEncryptedSessionKeyPacket() as unknown as {
    version: number; publicKeyID: openpgp.KeyID; publicKeyAlgorithm: number; sessionKey: Uint8Array; sessionKeyAlgorithm: number;
    encrypt(k: unknown): Promise<void>; write(): Uint8Array;
  };
  Object.assign(pk, { version: 3, publicKeyID: signSub.getKeyID(), publicKeyAlgorithm: signSub.keyPacket.algorithm, sessionKey: sk.data, sessionKeyAlgorithm: openpgp.enums.symmetric.aes128 });
  await pk.encrypt(signSub.keyPacket);
  const { packet } = await import('../testing/pgp-packets');
  const msg = concat(packet(1, pk.write()), seipdV1(sk, literalPacket(new TextEncoder().encode('should not be read'))));
  await rejects(pgp.decrypt({ message: msg, decryptionKeys: [signer] }), 'cannot-decrypt');
});

test('expired and revoked recipient keys are refused with distinct codes', async () => {
  const past = new Date(Date.now() - 10 * 24 * 3600 * 1000);
  const expired = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'old@example.test' }], expiresInSeconds: 3600, date: past })).publicKeyArmored);
  assert.equal((await pgp.describeKey(expired)).expired, true);
  await rejects(pgp.encrypt({ data: 'x', encryptionKeys: [expired] }), 'key-expired');
  const revoked = await pgp.revokeKey(carol, 'retired');
  assert.equal((await pgp.describeKey(revoked)).revoked, true);
  await rejects(pgp.encrypt({ data: 'x', encryptionKeys: [revoked.toPublic()] }), 'key-revoked');
});

test('signatures by a revoked key are reported as revoked-key', async () => {
  const dave = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'dave@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;
  const msg = await pgp.encrypt({ data: 'x', encryptionKeys: [bob.toPublic()], signingKeys: [dave] });
  const revoked = await pgp.revokeKey(dave, 'compromised');
  const r = await pgp.decrypt({ message: msg, decryptionKeys: [bob], verificationKeys: [revoked.toPublic()] });
  assert.equal(r.signatures[0]!.status, 'revoked-key');
});

test('streams: encryptStream/decryptStream round trip with progress', async () => {
  const chunk = new Uint8Array(256 * 1024).map((_, i) => i & 0xff);
  const total = chunk.length * 12;
  let sent = 0;
  const source = new ReadableStream<Uint8Array>({ pull(c) { if (sent >= 12) c.close(); else { sent++; c.enqueue(chunk); } } });
  const seen: number[] = [];
  const enc = await pgp.encryptStream({ data: source, encryptionKeys: [bob.toPublic()], signingKeys: [alice], armor: false, onProgress: (p) => seen.push(p.bytes), totalBytes: total });
  const dec = await pgp.decryptStream({ message: enc, decryptionKeys: [bob], verificationKeys: [alice] });
  const reader = dec.data.getReader();
  let n = 0;
  let ok = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i++) if (value[i] !== ((n + i) % chunk.length & 0xff)) ok = false;
    n += value.length;
  }
  assert.equal(n, total);
  assert.ok(ok);
  assert.equal(seen.at(-1), total);
  assert.ok(seen.length >= 3);
  const sigs = await dec.signatures;
  assert.equal(sigs[0]!.status, 'good');
});
