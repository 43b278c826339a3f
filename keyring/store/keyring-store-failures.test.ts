import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { FaultBackend } from '../testing/fault-backend';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from './keyring-store';
import { encodeRecord } from './record';
import { syntheticEntry, syntheticFingerprint } from '../testing/entries';
import type { Migration } from './migrations';

const opts = { verifyMaterial: false };

async function seeded(n: number): Promise<MemoryBackend> {
  const backend = new MemoryBackend();
  const store = await KeyringStore.open(backend, opts);
  for (let i = 0; i < n; i++) await store.putEntry(syntheticEntry(i, [`user${i}@example.org`]));
  store.close(); // otherwise this second context would notice (and quarantine) the damage first
  return backend;
}

describe('corrupt records', () => {
  it('are quarantined verbatim and reported, while every other entry keeps working', async () => {
    const backend = await seeded(5);
    const bad = {
      [`lp/e/openpgp:${syntheticFingerprint(1)}`]: '{"schema":1,"rev":1,"type":"entry","body":{"kind":"openpgp"', // truncated write
      [`lp/e/openpgp:${syntheticFingerprint(2)}`]: encodeRecord('entry', 1, 3, { kind: 'openpgp', fingerprint: 'not hex' }),
      [`lp/t/${syntheticFingerprint(3)}`]: encodeRecord('entry', 1, 1, {}), // wrong record type under the trust prefix
    };
    for (const [k, v] of Object.entries(bad)) await backend.set(k, v);

    const store = await KeyringStore.open(backend, opts);
    assert.equal(store.size, 3);
    assert.equal(store.findByEmail('user0@example.org').length, 1);
    assert.equal(store.findByEmail('user1@example.org').length, 0);
    const h = store.health();
    assert.equal(h.ok, false);
    assert.deepEqual(h.quarantined.map((q) => q.key).sort(), Object.keys(bad).sort());
    for (const q of h.quarantined) {
      assert.equal(await backend.get(q.key), undefined, 'the corrupt key is freed');
      const kept = JSON.parse((await backend.get(q.quarantineKey!))!) as { raw: string };
      assert.equal(kept.raw, bad[q.key], 'the corrupt bytes are kept for recovery');
    }
    // Writes keep working, including re-importing the entry whose record was lost.
    await store.putEntry(syntheticEntry(1, ['user1@example.org']));
    assert.equal(store.findByEmail('user1@example.org').length, 1);
    // The report survives a restart.
    const again = await KeyringStore.open(backend, opts);
    assert.equal(again.health().quarantined.length, 3);
    assert.equal(again.size, 4);
  });

  it('a record that cannot be moved to quarantine is left in place, reported and skipped', async () => {
    const inner = await seeded(2);
    await inner.set(`lp/e/openpgp:${syntheticFingerprint(0)}`, 'garbage');
    const backend = new FaultBackend(inner);
    backend.plan.failWrites = 1;
    const store = await KeyringStore.open(backend, opts);
    assert.equal(store.size, 1);
    assert.equal(store.health().unreadable.length, 1);
    assert.equal(await inner.get(`lp/e/openpgp:${syntheticFingerprint(0)}`), 'garbage');
  });

  it('a record written by a newer schema is not used, not touched and not overwritten', async () => {
    const backend = await seeded(2);
    const key = `lp/e/openpgp:${syntheticFingerprint(0)}`;
    const future = encodeRecord('entry', 99, 4, { whatever: 'a later version wrote this' });
    await backend.set(key, future);
    const store = await KeyringStore.open(backend, { ...opts, maxRetries: 2 });
    assert.equal(store.size, 1);
    assert.match(store.health().unreadable[0]!.reason, /newer version/);
    await assert.rejects(store.putEntry(syntheticEntry(0, ['user0@example.org'])), (e) => isLockpaneError(e, 'conflict'));
    assert.equal(await backend.get(key), future);
  });

  it('a failing read at open is a typed error, not a crash', async () => {
    const backend = new FaultBackend(await seeded(1));
    backend.plan.failReads = 1;
    await assert.rejects(KeyringStore.open(backend, opts), (e) => isLockpaneError(e, 'internal'));
    assert.equal((await KeyringStore.open(backend, opts)).size, 1);
  });
});

describe('schema migrations', () => {
  const trustKey = `lp/t/${syntheticFingerprint(0)}`;
  const migrations: Migration[] = [
    // Listed out of order on purpose: they run by `from`.
    { from: 2, type: 'trust', describe: 'second step', up: (b) => ({ ...(b as object), updatedAt: `${(b as { updatedAt: string }).updatedAt}-b` }) },
    { from: 1, type: 'trust', describe: 'first step', up: (b) => ({ ...(b as object), updatedAt: `${(b as { updatedAt: string }).updatedAt}-a` }) },
    { from: 1, type: 'entry', describe: 'addresses were stored as typed', up: (b) => ({ ...(b as object), emails: (b as { emails: string[] }).emails.map((e) => e.toLowerCase()) }) },
  ];

  it('run in order per record, rewrite the record at the new schema, and record the schema', async () => {
    const backend = new MemoryBackend();
    const legacy = { ...syntheticEntry(0, []), emails: ['User0@Example.ORG'] };
    await backend.set(`lp/e/openpgp:${syntheticFingerprint(0)}`, encodeRecord('entry', 1, 5, legacy));
    await backend.set(trustKey, encodeRecord('trust', 1, 2, { fingerprint: syntheticFingerprint(0), acceptance: 'verified', updatedAt: '2020', via: 'user' }));

    const store = await KeyringStore.open(backend, { ...opts, migrations });
    assert.equal(store.health().schema, 3);
    assert.equal(store.findByEmail('user0@example.org').length, 1);
    assert.equal(store.trustRecord(syntheticFingerprint(0))?.updatedAt, '2020-a-b');
    const rewritten = JSON.parse((await backend.get(trustKey))!) as { schema: number; rev: number };
    assert.deepEqual([rewritten.schema, rewritten.rev], [3, 3]);
    assert.deepEqual(JSON.parse((await backend.get('lp/meta'))!), { schema: 3 });
    // Without the migration the legacy entry would not validate: it is what made it readable.
    const unmigrated = new MemoryBackend([[`lp/e/openpgp:${syntheticFingerprint(0)}`, encodeRecord('entry', 1, 5, legacy)]]);
    assert.equal((await KeyringStore.open(unmigrated, opts)).health().quarantined.length, 1);
  });

  it('a gap in the migration chain is refused', async () => {
    await assert.rejects(KeyringStore.open(new MemoryBackend(), { migrations: [{ from: 2, describe: 'gap', up: (b) => b }] }),
      (e) => isLockpaneError(e, 'internal') && /contiguous/.test(e.message));
  });
});
