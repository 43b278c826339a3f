import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateKey } from 'openpgp';
import { MemoryBackend } from '../../../keyring/testing/memory-backend';
import type { PageContext } from '../../shared/sender';
import { createKeyringService } from '../keyring/service';
import { memoryArea } from '../kv';
import type { Services } from '../services';
import { keyConflictHandlers } from './key-conflicts';

const page = { cls: 'page' } as PageContext;

async function contactKey(email: string) {
  return (await generateKey({ userIDs: [{ email }], format: 'armored' })).publicKey;
}

async function withChangedKey() {
  const keyring = createKeyringService(new MemoryBackend(), memoryArea());
  const h = keyConflictHandlers({ keyring } as unknown as Services);
  const [first] = await keyring.import({ text: await contactKey('bea@example.test') }, 'user');
  await keyring.setAcceptance(first!.key.fingerprint, 'verify');
  const [second] = await keyring.import({ text: await contactKey('bea@example.test') }, 'user');
  return { keyring, h, old: first!.key.fingerprint, fresh: second!.key.fingerprint, importConflicts: second!.conflicts };
}

const acceptance = async (k: ReturnType<typeof createKeyringService>, fp: string) => (await k.list()).find((x) => x.fingerprint === fp)?.acceptance;

test('a second key for a verified address is held as a conflict, listed with both fingerprints', async () => {
  const { keyring, h, old, fresh, importConflicts } = await withChangedKey();
  assert.equal(importConflicts.length, 1);
  const { conflicts } = await h['keys.conflicts']({}, page);
  assert.deepEqual(conflicts.map((c) => [c.email, c.known, c.candidate]), [['bea@example.test', [old], fresh]]);
  assert.equal(await acceptance(keyring, fresh), 'undecided');
});

test('keep-known rejects the newcomer and closes the conflict', async () => {
  const { keyring, h, old, fresh } = await withChangedKey();
  const [c] = (await h['keys.conflicts']({}, page)).conflicts;
  await h['keys.resolveConflict']({ id: c!.id, choice: 'keep-known' }, page);
  assert.equal(await acceptance(keyring, fresh), 'rejected');
  assert.equal(await acceptance(keyring, old), 'verified');
  assert.deepEqual((await h['keys.conflicts']({}, page)).conflicts, []);
});

test('switch-to-new verifies the newcomer and rejects the old key; settling twice is not-found', async () => {
  const { keyring, h, old, fresh } = await withChangedKey();
  const [c] = (await h['keys.conflicts']({}, page)).conflicts;
  await h['keys.resolveConflict']({ id: c!.id, choice: 'switch-to-new' }, page);
  assert.equal(await acceptance(keyring, fresh), 'verified');
  assert.equal(await acceptance(keyring, old), 'rejected');
  await assert.rejects(h['keys.resolveConflict']({ id: c!.id, choice: 'keep-known' }, page), (e: { code?: string }) => e.code === 'not-found');
});
