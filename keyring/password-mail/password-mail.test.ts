import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as openpgp from 'openpgp';
import { randomBytes } from '../testing/pgp-interop';
import { makePgpKey } from '../testing/identities';
import { decrypt } from '../pgp';
import {
  argon2Profile, buildPayload, checkArgon2, encryptReply, gpgCompatibleProfile, openPasswordMessage, parsePayload,
  PasswordMailError, readPasswordReply, sealPasswordMail,
} from '.';

const password = 'bako-refu-timo-laze-nupi';
const pdf = randomBytes(70_000, 7);
const attachments = [{ name: 'Befund März.pdf', type: 'application/pdf', data: pdf }, { name: 'empty.txt', type: 'text/plain', data: new Uint8Array() }];

/** Flips one bit of the binary message inside the armor and re-armors it. */
async function tamper(armored: string, at: (length: number) => number): Promise<string> {
  const { data } = await openpgp.unarmor(armored);
  const bytes = (data as Uint8Array).slice();
  bytes[at(bytes.length)]! ^= 0x01;
  return openpgp.armor(openpgp.enums.armor.message, bytes);
}

async function packets(armored: string) {
  return (await openpgp.readMessage({ armoredMessage: armored })).packets;
}

test('payload round trip keeps text, UTF-8 names and attachment bytes exactly', () => {
  const p = { subject: 'Ergebnisse für Sie', text: 'Guten Tag,\r\nanbei die Befunde. ✓', attachments, senderKey: null, replyRef: 'abcdefgh12' };
  const back = parsePayload(buildPayload(p));
  assert.equal(back.subject, p.subject);
  assert.equal(back.text, p.text);
  assert.equal(back.replyRef, 'abcdefgh12');
  assert.deepEqual(back.attachments.map((a) => [a.name, a.type, a.data.length]), [['Befund März.pdf', 'application/pdf', 70_000], ['empty.txt', 'text/plain', 0]]);
  assert.deepEqual(back.attachments[0]!.data, pdf);
});

test('argon2 profile: SKESK v6 with Argon2 t=3 p=4 m=2^16, SEIPDv2 AES-256 OCB; opens with the password', async () => {
  const alice = await makePgpKey('Alice', 'alice@example.test');
  const sealed = await sealPasswordMail({ subject: 'Results', text: 'Hello Carol', attachments, password, senderKey: alice.publicArmored });
  const list = await packets(sealed.armored);
  const skesk = list.filterByTag(openpgp.enums.packet.symEncryptedSessionKey)[0] as unknown as { version: number; s2k: { type: string; t: number; p: number; encodedM: number } };
  assert.equal(skesk.version, 6);
  assert.equal(skesk.s2k.type, 'argon2');
  assert.deepEqual([skesk.s2k.t, skesk.s2k.p, skesk.s2k.encodedM], [3, 4, 16]);
  const seipd = list.filterByTag(openpgp.enums.packet.symEncryptedIntegrityProtectedData)[0] as unknown as { version: number; cipherAlgorithm: number; aeadAlgorithm: number };
  assert.deepEqual([seipd.version, seipd.cipherAlgorithm, seipd.aeadAlgorithm], [2, openpgp.enums.symmetric.aes256, openpgp.enums.aead.ocb]);
  const opened = await openPasswordMessage(sealed.armored, ` ${password} `);
  assert.equal(opened.text, 'Hello Carol');
  assert.equal(opened.replyRef, sealed.replyRef);
  assert.equal(opened.sealedSessionKey, true);
  assert.equal(opened.senderKey?.replace(/\r\n/g, '\n').trim(), alice.publicArmored.trim());
  assert.deepEqual(opened.attachments[0]!.data, pdf);
});

test('argon2 profile tells a wrong password from a changed file, and returns nothing in either case', async () => {
  const sealed = await sealPasswordMail({ subject: 's', text: 'secret text', attachments: [], password, senderKey: null });
  await assert.rejects(openPasswordMessage(sealed.armored, 'bako-refu-timo-laze-nupa'), (e) => e instanceof PasswordMailError && e.failure === 'wrong-password');
  for (const at of [(n: number) => n - 5, (n: number) => Math.floor(n * 0.8), () => 30]) {
    const changed = await tamper(sealed.armored, at);
    await assert.rejects(openPasswordMessage(changed, password), PasswordMailError, 'a changed byte must be refused');
  }
  const body = await tamper(sealed.armored, (n) => n - 20);
  await assert.rejects(openPasswordMessage(body, password), (e) => e instanceof PasswordMailError && e.failure === 'tampered');
  await assert.rejects(openPasswordMessage('not a message', password), (e) => e instanceof PasswordMailError && e.failure === 'tampered');
});

test('gpg-compatible profile: SKESK v4, iterated S2K with the largest count, SEIPDv1', async () => {
  const sealed = await sealPasswordMail({ subject: 's', text: 'for gpg', attachments, password, senderKey: null, profile: gpgCompatibleProfile });
  const list = await packets(sealed.armored);
  const skesk = list.filterByTag(openpgp.enums.packet.symEncryptedSessionKey)[0] as unknown as { version: number; s2k: { type: string; c: number } };
  assert.deepEqual([skesk.version, skesk.s2k.type, skesk.s2k.c], [4, 'iterated', 255]);
  const seipd = list.filterByTag(openpgp.enums.packet.symEncryptedIntegrityProtectedData)[0] as unknown as { version: number };
  assert.equal(seipd.version, 1);
  assert.equal((await openPasswordMessage(sealed.armored, password)).text, 'for gpg');
  await assert.rejects(openPasswordMessage(sealed.armored, 'nope'), (e) => e instanceof PasswordMailError && e.failure === 'wrong-password-or-tampered');
});

test('policy: a KDF below the floor, the gpg profile when forbidden, and a weak password are refused', async () => {
  const base = { subject: 's', text: 't', attachments: [], senderKey: null };
  await assert.rejects(sealPasswordMail({ ...base, password, profile: { kind: 'argon2', argon2: { passes: 1, parallelism: 4, memoryExponent: 15 } }, floor: { minMemoryExponent: 16, minPasses: 3, allowGpgCompatible: true } }), /at least 2\^16 KiB/);
  await assert.rejects(sealPasswordMail({ ...base, password, profile: gpgCompatibleProfile, floor: { minMemoryExponent: 16, minPasses: 1, allowGpgCompatible: false } }), /forbids the GnuPG-compatible/);
  await assert.rejects(sealPasswordMail({ ...base, password: 'Sommer2024!', minStrengthBits: 50 }), /too weak for the policy/);
  await assert.rejects(sealPasswordMail({ ...base, password: '   ' }), /A password is needed/);
  assert.throws(() => checkArgon2({ passes: 3, parallelism: 4, memoryExponent: 22 }), /memoryExponent must be an integer from 13 to 21/);
  assert.equal(argon2Profile.kind, 'argon2');
});

test('the reply is encrypted to the sender key, unsigned, and recognised by its ref', async () => {
  const alice = await makePgpKey('Alice', 'alice@example.test');
  const armored = await encryptReply({ text: 'Danke, erhalten.', senderKey: alice.publicArmored, replyRef: 'abcDEF123_-x' });
  const key = await openpgp.readPrivateKey({ armoredKey: alice.privateArmored });
  const { data, signatures } = await decrypt({ message: armored, decryptionKeys: [key] });
  assert.equal(signatures.length, 0);
  assert.deepEqual(readPasswordReply(data), { replyRef: 'abcDEF123_-x', text: 'Danke, erhalten.' });
  assert.equal(readPasswordReply(new TextEncoder().encode('just text')), null);
  await assert.rejects(encryptReply({ text: '  ', senderKey: alice.publicArmored, replyRef: null }), /reply is empty/);
});
