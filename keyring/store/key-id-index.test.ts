/** The key-ID index: how a signature's issuer finds its entry without a scan, kept in step with writes. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MemoryBackend } from '../testing/memory-backend';
import { syntheticEntry } from '../testing/entries';
import type { OpenPgpEntry } from './entry';
import { KeyringStore } from './keyring-store';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').toUpperCase();
/** A v4 fingerprint whose key ID (last 16 digits) carries `i`; `sub` tells a subkey from its primary. */
const v4 = (i: number, sub: number) => `${'B'.repeat(24)}${hex(sub, 4)}${hex(i, 12)}`;
const keyId = (i: number, sub = 0) => v4(i, sub).slice(-16);

function entry(i: number, subkeyFingerprint = v4(i, 1)): OpenPgpEntry {
  const base = syntheticEntry(i, [`u${i}@example.org`]);
  return {
    ...base, fingerprint: v4(i, 0) as OpenPgpEntry['fingerprint'],
    facts: { ...base.facts, subkeys: [{ ...base.facts.subkeys[0]!, fingerprint: subkeyFingerprint }] },
  };
}

it('finds entries by primary and subkey key ID, touching only the match; follows updates and removals', async () => {
  const store = await KeyringStore.open(new MemoryBackend(), { verifyMaterial: false });
  const N = 2000;
  for (let i = 0; i < N; i++) await store.putEntry(entry(i));
  store.stats.entriesExamined = 0;
  for (let i = 0; i < N; i += 13) {
    assert.deepEqual(store.findByKeyId(keyId(i)).map((e) => e.fingerprint), [v4(i, 0)]);
    assert.deepEqual(store.findByKeyId(keyId(i, 1).toLowerCase()).map((e) => e.fingerprint), [v4(i, 0)], 'a subkey, any case');
  }
  assert.equal(store.stats.entriesExamined, 2 * Math.ceil(N / 13), 'one entry examined per lookup: indexed, not scanned');
  assert.deepEqual(store.findByKeyId('0123456789ABCDEF'), []);

  // A v6 fingerprint's key ID is its first 16 digits.
  const v6 = `C0FFEE00${'D'.repeat(56)}`;
  await store.putEntry({ ...entry(N), fingerprint: v6 as OpenPgpEntry['fingerprint'], facts: { ...entry(N).facts, version: 6, subkeys: [] } });
  assert.deepEqual(store.findByKeyId(v6.slice(0, 16)).map((e) => e.fingerprint), [v6]);

  // A changed subkey moves in the index; a removed entry leaves it.
  const newSub = v4(7, 9);
  await store.replaceEntry(entry(7, newSub));
  assert.deepEqual(store.findByKeyId(keyId(7, 1)), []);
  assert.equal(store.findByKeyId(keyId(7, 9)).length, 1);
  await store.removeEntry('openpgp', v4(7, 0));
  assert.deepEqual(store.findByKeyId(keyId(7)), []);
  assert.deepEqual(store.findByKeyId(keyId(7, 9)), []);
});
