/** Detached, inline and cleartext signatures: round trips and tampering. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { isLockpaneError } from '../errors';
import * as pgp from './index';

let alice: pgp.PgpPrivateKey;
let mallory: pgp.PgpPrivateKey;
before(async () => {
  alice = await pgp.readKey((await pgp.generateKey({ userIDs: [{ name: 'Alice', email: 'alice@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;
  mallory = await pgp.readKey((await pgp.generateKey({ userIDs: [{ email: 'mallory@example.test' }] })).privateKeyArmored) as pgp.PgpPrivateKey;
});

test('detached signatures, binary and text mode, armored and binary', async () => {
  const data = new TextEncoder().encode('line one\r\nline two\r\n');
  for (const mode of ['binary', 'text'] as const) {
    for (const armor of [true, false]) {
      const sig = await pgp.sign({ data, signingKeys: [alice], mode, armor });
      const ok = await pgp.verify({ data, signature: sig, verificationKeys: [alice.toPublic()], expectedSenderEmail: 'alice@example.test' });
      assert.equal(ok.signatures[0]!.status, 'good');
      assert.equal(ok.signatures[0]!.senderMatches, true);
      const tampered = data.slice();
      tampered[0] = 0x4c;
      const bad = await pgp.verify({ data: tampered, signature: sig, verificationKeys: [alice.toPublic()] });
      assert.equal(bad.signatures[0]!.status, 'bad');
      const other = await pgp.verify({ data, signature: sig, verificationKeys: [mallory.toPublic()] });
      assert.equal(other.signatures[0]!.status, 'unknown-signer');
    }
  }
  // a text-mode signature also holds when the line endings were changed to LF
  const textSig = await pgp.sign({ data, signingKeys: [alice], mode: 'text' });
  const lf = new TextEncoder().encode('line one\nline two\n');
  assert.equal((await pgp.verify({ data: lf, signature: textSig, verificationKeys: [alice] })).signatures[0]!.status, 'good');
});

test('inline-signed messages return the signed data; a message without signature is refused', async () => {
  const signed = await pgp.signMessage({ data: 'inline body', signingKeys: [alice] });
  const r = await pgp.verifyMessage({ message: signed, verificationKeys: [alice] });
  assert.equal(new TextDecoder().decode(r.data), 'inline body');
  assert.equal(r.signatures[0]!.status, 'good');
  const unsigned = await pgp.encrypt({ data: 'x', passwords: ['p'] });
  await assert.rejects(pgp.verifyMessage({ message: unsigned, verificationKeys: [alice] }), (e: unknown) => isLockpaneError(e));
});

test('cleartext signatures: round trip, tampered text is bad, only the signed text is returned', async () => {
  const signed = await pgp.signCleartext({ text: 'Pay Bob 10 EUR.\n- dashed line\n', signingKeys: [alice] });
  const ok = await pgp.verifyCleartext({ message: signed, verificationKeys: [alice], expectedSenderEmail: 'alice@example.test' });
  assert.equal(ok.text.trimEnd(), 'Pay Bob 10 EUR.\n- dashed line');
  assert.equal(ok.signatures[0]!.status, 'good');
  assert.equal(ok.unsignedTextOutside, false);
  const tampered = signed.replace('10 EUR', '1000 EUR');
  const bad = await pgp.verifyCleartext({ message: tampered, verificationKeys: [alice] });
  assert.equal(bad.signatures[0]!.status, 'bad');
  const wrapped = `Hi!\n${signed}\nP.S. also pay Mallory\n`;
  const w = await pgp.verifyCleartext({ message: wrapped, verificationKeys: [alice] });
  assert.equal(w.signatures[0]!.status, 'good');
  assert.equal(w.unsignedTextOutside, true);
  assert.ok(!w.text.includes('Mallory'));
  await assert.rejects(pgp.verifyCleartext({ message: 'no block here', verificationKeys: [alice] }), (e: unknown) => isLockpaneError(e, 'bad-armor'));
});
