import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSmimePrivate, looksLikeKey, readImportFile } from './read-file';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

test('armored text stays text; binary becomes base64', async () => {
  const text = await readImportFile(new File(['-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----\n'], 'a.asc'));
  assert.equal(text.base64, undefined);
  assert.match(text.text!, /BEGIN PGP PUBLIC KEY BLOCK/);
  const bin = await readImportFile(new File([new Uint8Array([0x99, 1, 2, 3])], 'a.gpg'));
  assert.equal(bin.text, undefined);
  assert.deepEqual([...Buffer.from(bin.base64!, 'base64')], [0x99, 1, 2, 3]);
});

test('what claims to be a key: armor headers, DER SEQUENCE, OpenPGP packet tags', () => {
  assert.equal(looksLikeKey({ text: 'hello', name: '' }), false);
  assert.equal(looksLikeKey({ text: '-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----', name: '' }), true);
  assert.equal(looksLikeKey({ base64: b64([0x30, 0x82, 1, 0]), name: 'c.der' }), true);
  assert.equal(looksLikeKey({ base64: b64([0xc6, 0x33]), name: 'k.gpg' }), true);
  assert.equal(looksLikeKey({ base64: b64([0x48, 0x65]), name: 'n.txt' }), false);
});

test('S/MIME private keys: PKCS#12 (version INTEGER after the outer SEQUENCE) and PEM keys, not certificates', () => {
  assert.equal(isSmimePrivate({ base64: b64([0x30, 0x82, 0x09, 0x9a, 0x02, 0x01, 0x03, 0x30]), name: 'x.bin' }), true);
  assert.equal(isSmimePrivate({ base64: b64([0x30, 0x82, 0x01, 0x0a, 0x30, 0x81, 0xb1, 0xa0]), name: 'c.der' }), false);
  assert.equal(isSmimePrivate({ base64: b64([0x30, 0x03]), name: 'id.PFX' }), true);
  assert.equal(isSmimePrivate({ text: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA\n-----END ENCRYPTED PRIVATE KEY-----', name: '' }), true);
  assert.equal(isSmimePrivate({ text: '-----BEGIN PGP PRIVATE KEY BLOCK-----', name: '' }), false);
});
