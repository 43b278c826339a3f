import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { isLockpaneError, LockpaneError } from '../../errors';
import { desEncryptBlock, tripleDesCbcDecrypt, tripleDesCbcEncrypt } from './des';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fromHex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

test('DES known answer (FIPS 81 style example)', () => {
  assert.equal(hex(desEncryptBlock(fromHex('133457799bbcdff1'), fromHex('0123456789abcdef'))), '85e813540f0ab405');
});

test('3DES-CBC matches openssl enc both ways, for several lengths', () => {
  for (const len of [0, 7, 8, 33]) {
    const key = crypto.getRandomValues(new Uint8Array(24));
    const iv = crypto.getRandomValues(new Uint8Array(8));
    const pt = crypto.getRandomValues(new Uint8Array(len));
    const theirs = execFileSync('openssl', ['enc', '-des-ede3-cbc', '-K', hex(key), '-iv', hex(iv)], { input: pt });
    assert.equal(hex(tripleDesCbcEncrypt(key, iv, pt)), theirs.toString('hex'));
    assert.equal(hex(tripleDesCbcDecrypt(key, iv, new Uint8Array(theirs), new LockpaneError('bad-data', 'x'))), hex(pt));
  }
});

test('3DES-CBC bad padding or length throws the given error', () => {
  const key = new Uint8Array(24).fill(1);
  const failure = new LockpaneError('wrong-passphrase', 'x');
  assert.throws(() => tripleDesCbcDecrypt(key, new Uint8Array(8), new Uint8Array(12), failure), (e: unknown) => isLockpaneError(e, 'wrong-passphrase'));
});

test('PKCS#12 KDF matches a published vector (RFC 7292 KDF, SHA-1, "smeg")', async () => {
  // From the well-known PKCS#12 KDF test set (password "smeg", salt 0A58CF64530D823F, 1 iteration, ID 1, 24 bytes).
  const out = await pkcs12Kdf('SHA-1', bmpPassword('smeg'), fromHex('0a58cf64530d823f'), 1, 1, 24);
  assert.equal(hex(out), '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3');
});

test('synchronous SHA-1/SHA-256 (for the PKCS#12 KDF) agree with WebCrypto', async () => {
  const { sha1, sha256 } = await import('./sync-hash');
  for (const len of [0, 1, 55, 56, 63, 64, 65, 200]) {
    const d = crypto.getRandomValues(new Uint8Array(len));
    assert.equal(hex(sha1(d)), hex(new Uint8Array(await crypto.subtle.digest('SHA-1', d))), `sha1 ${len}`);
    assert.equal(hex(sha256(d)), hex(new Uint8Array(await crypto.subtle.digest('SHA-256', d))), `sha256 ${len}`);
  }
});

test('RC2-CBC (40, 64 and 128-bit effective keys) decrypts what openssl enc (legacy provider) encrypted', async () => {
  const { rc2CbcDecrypt, rc2TableIsPermutation } = await import('./rc2');
  assert.equal(rc2TableIsPermutation(), true);
  for (const [alg, klen, bits] of [['-rc2-40-cbc', 5, 40], ['-rc2-64-cbc', 8, 64], ['-rc2-cbc', 16, 128]] as const) {
    const key = crypto.getRandomValues(new Uint8Array(klen));
    const iv = crypto.getRandomValues(new Uint8Array(8));
    const pt = crypto.getRandomValues(new Uint8Array(45));
    const ct = execFileSync('openssl', ['enc', alg, '-K', hex(key), '-iv', hex(iv), '-provider', 'legacy', '-provider', 'default'], { input: pt });
    assert.equal(hex(rc2CbcDecrypt(key, bits, iv, new Uint8Array(ct), new LockpaneError('bad-data', 'x'))), hex(pt), alg);
  }
});
