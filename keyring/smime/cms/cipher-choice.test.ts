import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OID } from '../oids';
import { chooseContentCipher } from './cipher-choice';

test('GCM only when every recipient is known to support it; CBC otherwise', () => {
  const gcm = [OID.aes256Gcm, OID.aes128Gcm, OID.aes256Cbc];
  assert.equal(chooseContentCipher([gcm, gcm]), 'aes-256-gcm');
  assert.equal(chooseContentCipher([[OID.aes128Gcm], [OID.aes128Gcm, OID.aes256Gcm]]), 'aes-128-gcm');
  assert.equal(chooseContentCipher([gcm, undefined]), 'aes-256-cbc');
  assert.equal(chooseContentCipher([gcm, [OID.aes256Cbc]]), 'aes-256-cbc');
  assert.equal(chooseContentCipher([]), 'aes-256-cbc');
});
