/**
 * After a worker restart, warmUp() re-opens the own keys whose passphrases the session still holds, and a
 * request asking at the same time gets the same key from one derivation. Nothing locked is opened.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import { memoryArea } from '../kv';
import { createKeyringService } from './service';

it('a restarted worker re-opens the session\'s keys once, and leaves locked keys locked', async () => {
  const backend = new MemoryBackend();
  const session = memoryArea();
  const first = createKeyringService(backend, session);
  const open = (await first.generate({ name: 'Bob', email: 'bob@example.test', passphrase: 'bob pass', algorithm: 'curve25519' })).key;
  const locked = (await first.generate({ name: 'Bob Work', email: 'bob@work.example', passphrase: 'other pass', algorithm: 'curve25519' })).key;
  await first.unlock(open.fingerprint, 'bob pass');

  // The same storage and session, a new worker: nothing is open in memory yet.
  const restarted = createKeyringService(backend, session);
  assert.equal(restarted.unlocks.isUnlocked(open.fingerprint), false);
  await restarted.warmUp();
  assert.equal(restarted.unlocks.isUnlocked(open.fingerprint), true);
  assert.equal(restarted.unlocks.isUnlocked(locked.fingerprint), false, 'no passphrase held: stays locked');

  // Two askers at once on a fresh restart (a warm-up and a Decrypt): one derivation, one key object.
  const third = createKeyringService(backend, session);
  const [a, b] = await Promise.all([third.unlockedOwnKeys(), third.unlockedOwnKeys()]);
  assert.equal(a.length, 1);
  assert.equal(a[0], b[0], 'both got the key of the one derivation');
});
