import assert from 'node:assert/strict';
import { it } from 'node:test';
import { FaultBackend } from '../testing/fault-backend';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from './keyring-store';
import { syntheticEntry, syntheticFingerprint } from '../testing/entries';

it('10,000 entries: one list() per prefix to load, lookups touch only the matching entries and no storage', async () => {
  const N = 10_000;
  const inner = new MemoryBackend();
  const writer = await KeyringStore.open(inner, { verifyMaterial: false });
  for (let i = 0; i < N; i++) {
    const emails = [`user${i}@example.org`];
    if (i % 1000 === 0) emails.push('team@example.org');
    await writer.putEntry(syntheticEntry(i, emails));
  }
  writer.close();

  const backend = new FaultBackend(inner);
  const store = await KeyringStore.open(backend, { verifyMaterial: false });
  assert.equal(store.size, N);
  assert.equal(backend.counts.list, 6, 'one list() per record prefix plus quarantine');
  assert.equal(backend.counts.get, 1, 'only the schema marker is read on its own');

  backend.resetCounts();
  store.stats.entriesExamined = 0;
  for (let i = 0; i < N; i += 7) {
    const found = store.findByEmail(`USER${i}@example.org`);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.fingerprint, syntheticFingerprint(i));
    assert.ok(store.getOpenPgp(syntheticFingerprint(i))?.emails.includes(`user${i}@example.org`));
  }
  const lookups = Math.ceil(N / 7);
  // Exactly one entry examined per email lookup and per fingerprint lookup: indexed, not scanned.
  assert.equal(store.stats.entriesExamined, lookups * 2);
  assert.equal(store.findByEmail('team@example.org').length, 10);
  assert.equal(store.stats.entriesExamined, lookups * 2 + 10);
  assert.deepEqual(backend.counts, { get: 0, list: 0, set: 0, remove: 0, cas: 0, failed: 0 });

  // One more write costs one compare-and-set, whatever the keyring size.
  await store.putEntry(syntheticEntry(N, ['new@example.org']));
  assert.equal(backend.counts.cas, 1);
});
