import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findArmoredBlocks, normaliseArmorText } from './armor-scan';

const msg = '-----BEGIN PGP MESSAGE-----\n\nwcBMA0\n=abcd\n-----END PGP MESSAGE-----';

test('finds each kind of block in surrounding text', () => {
  const text = `Hi\n${msg}\nand\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhello\n-----BEGIN PGP SIGNATURE-----\nx\n-----END PGP SIGNATURE-----\n-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----`;
  assert.deepEqual(findArmoredBlocks(text).map((b) => b.kind), ['pgp-message', 'pgp-signed', 'cms']);
  assert.equal(findArmoredBlocks(text)[0]!.text, msg);
});

test('mismatched BEGIN/END pairs are not blocks', () => {
  assert.deepEqual(findArmoredBlocks('-----BEGIN PGP MESSAGE-----\nx\n-----END PGP PUBLIC KEY BLOCK-----'), []);
});

test('web mail whitespace is normalised; hidden characters make a block unusable', () => {
  assert.equal(normaliseArmorText('a\u00a0b  \r\nc'), 'a b\nc');
  assert.equal(normaliseArmorText('wcBMA\u200b0'), null);
  assert.deepEqual(findArmoredBlocks(msg.replace('wcBMA0', 'wcB\u200bMA0')), []);
});
