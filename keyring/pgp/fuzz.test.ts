/** Property tests: random and mutated inputs to every parser entry point give only LockpaneErrors, quickly. */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LockpaneError } from '../errors';
import * as pgp from './index';

let key: pgp.PgpPrivateKey;
let samples: { armoredMsg: string; binaryMsg: Uint8Array; armoredKey: string; binaryKey: Uint8Array; detached: string; cleartext: string; signedMsg: Uint8Array };

before(async () => {
  const g = await pgp.generateKey({ userIDs: [{ email: 'fuzz@example.test' }] });
  key = await pgp.readKey(g.privateKeyArmored) as pgp.PgpPrivateKey;
  samples = {
    armoredMsg: await pgp.encrypt({ data: 'hello fuzz', encryptionKeys: [key], signingKeys: [key] }),
    binaryMsg: await pgp.encrypt({ data: 'hello fuzz', passwords: ['pw'], armor: false }),
    armoredKey: g.publicKeyArmored,
    binaryKey: pgp.exportKey(key, { armor: false, secret: true }),
    detached: await pgp.sign({ data: 'data', signingKeys: [key] }) as string,
    cleartext: await pgp.signCleartext({ text: 'hello', signingKeys: [key] }),
    signedMsg: await pgp.signMessage({ data: 'inline', signingKeys: [key], armor: false }) as Uint8Array,
  };
});

/** Runs one parser call; it may succeed, or fail with a LockpaneError — nothing else. */
async function onlyTyped(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof LockpaneError)) throw new Error(`untyped error: ${String(e)}`, { cause: e });
  }
}

const entryPoints: [string, (input: Uint8Array) => Promise<unknown>][] = [
  ['readKeys', (b) => pgp.readKeys(b)],
  ['decrypt(keys)', (b) => pgp.decrypt({ message: b, decryptionKeys: [key], verificationKeys: [key] })],
  ['decrypt(password)', (b) => pgp.decrypt({ message: b, passwords: ['pw'] })],
  ['verify(detached)', (b) => pgp.verify({ data: 'data', signature: b, verificationKeys: [key] })],
  ['verifyMessage', (b) => pgp.verifyMessage({ message: b, verificationKeys: [key] })],
  ['verifyCleartext', (b) => pgp.verifyCleartext({ message: new TextDecoder().decode(b), verificationKeys: [key] })],
];

function mutate(base: Uint8Array, edits: { at: number; value: number }[], cut: number): Uint8Array {
  const out = base.slice(0, Math.max(1, base.length - cut));
  for (const e of edits) out[e.at % out.length] = e.value;
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

test('random bytes to every parser: only LockpaneErrors, no hang', async () => {
  for (const [name, fn] of entryPoints) {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => { await onlyTyped(() => fn(bytes)); }),
      { numRuns: 60, interruptAfterTimeLimit: 20_000 }).catch((e: unknown) => { throw new Error(`${name}: ${String(e)}`); });
  }
});

test('mutated valid inputs (byte edits and truncation) to every parser: only LockpaneErrors', async () => {
  const bases: Uint8Array[] = [enc(samples.armoredMsg), samples.binaryMsg, enc(samples.armoredKey), samples.binaryKey,
    enc(samples.detached), enc(samples.cleartext), samples.signedMsg];
  const edit = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
  for (const [name, fn] of entryPoints) {
    await fc.assert(fc.asyncProperty(fc.nat({ max: bases.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), fc.nat({ max: 40 }),
      async (i, edits, cut) => { await onlyTyped(() => fn(mutate(bases[i]!, edits, cut))); }),
      { numRuns: 80, interruptAfterTimeLimit: 25_000 }).catch((e: unknown) => { throw new Error(`${name}: ${String(e)}`); });
  }
});

test('mutated ciphertext never decrypts to different plaintext', async () => {
  await fc.assert(fc.asyncProperty(fc.integer({ min: 0 }), fc.integer({ min: 1, max: 255 }), async (pos, xor) => {
    const m = samples.binaryMsg.slice();
    const at = pos % m.length;
    m[at] = m[at]! ^ xor;
    try {
      const r = await pgp.decrypt({ message: m, passwords: ['pw'] });
      assert.equal(new TextDecoder().decode(r.data), 'hello fuzz', `byte ${at} changed the plaintext`);
    } catch (e) {
      assert.ok(e instanceof LockpaneError, String(e));
    }
  }), { numRuns: 150, interruptAfterTimeLimit: 20_000 });
});
