/**
 * The worker's unlock cache over the keyring's session cache: what survives a worker restart (the
 * passphrase mirror in storage.session), what a timeout change does, and that "lock now" leaves nothing.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { generateKey } from '../../../keyring/pgp';
import { memoryArea } from '../kv';
import { createUnlockCache, unlockSessionKey } from './unlock-cache';

let armored = '';
let fingerprint = '';
before(async () => {
  const k = await generateKey({ userIDs: [{ email: 'ada@example.test' }], passphrase: 'ada passphrase' });
  armored = k.privateKeyArmored;
  fingerprint = k.fingerprint;
});

test('an unlocked key survives a worker restart through the session mirror, until its timeout', async () => {
  let now = 1_000_000;
  const session = memoryArea();
  const first = createUnlockCache(session, () => now);
  await assert.rejects(first.unlock(fingerprint, armored, 'wrong'), /passphrase/i);
  assert.equal(session.data.has(unlockSessionKey), false, 'a wrong passphrase caches nothing');
  await first.unlock(fingerprint, armored, 'ada passphrase');
  assert.equal(first.isUnlocked(fingerprint), true);

  const restarted = createUnlockCache(session, () => now);
  assert.equal(restarted.isUnlocked(fingerprint), false, 'no key object before it is used again');
  const key = await restarted.get(fingerprint, armored);
  assert.equal(key?.getFingerprint().toUpperCase(), fingerprint.toUpperCase());
  assert.equal(restarted.isUnlocked(fingerprint), true);

  now += 15 * 60_000;
  assert.equal(await restarted.get(fingerprint, armored), null, 'expired after the default 15 minutes');
  assert.equal(await createUnlockCache(session, () => now).get(fingerprint, armored), null);
});

test('a shorter timeout applies to keys already unlocked; 0 remembers nothing', async () => {
  let now = 0;
  const session = memoryArea();
  const cache = createUnlockCache(session, () => now);
  await cache.unlock(fingerprint, armored, 'ada passphrase');
  now += 6 * 60_000;
  cache.setTimeoutMinutes(5);
  assert.equal(await cache.get(fingerprint, armored), null, 'unlocked 6 minutes ago: past a 5-minute timeout');
  cache.setTimeoutMinutes(0);
  await cache.unlock(fingerprint, armored, 'ada passphrase');
  assert.equal(await cache.get(fingerprint, armored), null);
  assert.equal(session.data.has(unlockSessionKey), false);
});

test('lock now forgets keys and the mirror; a damaged mirror only means asking again', async () => {
  const session = memoryArea();
  const cache = createUnlockCache(session);
  await cache.unlock(fingerprint, armored, 'ada passphrase');
  await cache.lockAll();
  assert.equal(cache.isUnlocked(fingerprint), false);
  assert.equal(session.data.has(unlockSessionKey), false);
  assert.equal(await createUnlockCache(session).get(fingerprint, armored), null);

  await session.set(unlockSessionKey, { version: 9, items: 'nonsense' });
  const afterDamage = createUnlockCache(session);
  assert.equal(await afterDamage.get(fingerprint, armored), null);
  assert.equal(session.data.has(unlockSessionKey), false, 'the damaged mirror was dropped');
  await afterDamage.unlock(fingerprint, armored, 'ada passphrase');
  assert.ok(await afterDamage.get(fingerprint, armored));
});
