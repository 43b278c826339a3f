/**
 * Two store instances over one backend stand in for two extension contexts (worker and options
 * page). "Blind" backends deliver no change notifications, so every stale cache is only corrected
 * by compare-and-set failing: the hardest case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { StorageBackend } from './backend';
import { FaultBackend } from '../testing/fault-backend';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from './keyring-store';
import { certificateEntryFrom } from './facts-x509';
import { openPgpEntryFromKey, readOpenPgpKeys } from './facts-openpgp';
import { protectPkcs8 } from './private-key-envelope';
import { makeCertificate, makePgpKey } from '../testing/identities';
import { syntheticEntry, syntheticFingerprint } from '../testing/entries';

const blind = (b: StorageBackend): StorageBackend => ({
  get: (k) => b.get(k), list: (p) => b.list(p), set: (k, v) => b.set(k, v), remove: (k) => b.remove(k), compareAndSet: (ops) => b.compareAndSet(ops),
});
const synthetic = { verifyMaterial: false };

/** The stored address guards must list exactly the entries that bind each address. */
async function assertGuardsConsistent(backend: StorageBackend): Promise<void> {
  const fresh = await KeyringStore.open(backend, synthetic);
  const guards = await backend.list('lp/a/');
  const expected = new Map<string, string[]>();
  for (const e of fresh.list()) for (const m of e.emails) expected.set(m, [...(expected.get(m) ?? []), `${e.kind}:${e.fingerprint}`]);
  assert.deepEqual(new Set(guards.keys()), new Set([...expected.keys()].map((m) => `lp/a/${m}`)));
  for (const [m, ids] of expected) {
    assert.deepEqual((JSON.parse(guards.get(`lp/a/${m}`)!) as { body: { ids: string[] } }).body.ids, ids.sort());
  }
}

async function pgp(name: string, email: string) {
  const k = await makePgpKey(name, email);
  return openPgpEntryFromKey((await readOpenPgpKeys(k.publicArmored))[0]!);
}

describe('two writers', () => {
  it('many interleaved imports and trust changes from two contexts all survive', async () => {
    const shared = new MemoryBackend();
    const a = await KeyringStore.open(blind(shared), synthetic);
    const b = await KeyringStore.open(blind(shared), synthetic);
    const jobs: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      // Half of the addresses are shared between the two writers, so address guards collide too.
      jobs.push(a.putEntry(syntheticEntry(i, [`a${i}@example.org`, `shared${i % 7}@example.org`], 1)));
      jobs.push(b.putEntry(syntheticEntry(i, [`b${i}@example.org`, `shared${i % 7}@example.org`], 2)));
    }
    await Promise.all(jobs);
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).setAcceptance(syntheticFingerprint(i, 1), 'verify')));
    const fresh = await KeyringStore.open(shared, synthetic);
    assert.equal(fresh.size, 120);
    for (let s = 0; s < 7; s++) {
      const expected = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 7 === s).length * 2;
      assert.equal(fresh.findByEmail(`shared${s}@example.org`).length, expected, `shared${s}`);
    }
    for (let i = 0; i < 30; i++) assert.equal(fresh.acceptanceOf(syntheticFingerprint(i, 1)), 'verified');
    assert.ok(a.stats.casConflicts + b.stats.casConflicts > 0, 'the writers really did collide');
    await assertGuardsConsistent(shared);
  });

  it('property: random interleaved puts and removals from two contexts lose nothing and keep the guards exact', async () => {
    const pool = ['p@x.org', 'q@x.org', 'r@x.org', 's@x.org'];
    const op = fc.record({ who: fc.constantFrom(0, 1), i: fc.integer({ min: 0, max: 9 }), emails: fc.subarray(pool, { minLength: 1 }), remove: fc.boolean() });
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
      const shared = new MemoryBackend();
      const stores = [await KeyringStore.open(blind(shared), synthetic), await KeyringStore.open(blind(shared), synthetic)];
      // Each context owns its fingerprints (salt = who); per context, operations apply in order.
      const expected = new Map<string, string[]>();
      const chains: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
      for (const o of ops) {
        const fp = syntheticFingerprint(o.i, o.who + 1);
        if (o.remove) expected.delete(fp); else expected.set(fp, [...o.emails].sort());
        const store = stores[o.who]!;
        chains[o.who] = chains[o.who]!.then(async () => {
          if (o.remove) await store.removeEntry('openpgp', fp);
          else await store.putEntry(syntheticEntry(o.i, o.emails, o.who + 1));
        });
      }
      await Promise.all(chains);
      const fresh = await KeyringStore.open(shared, synthetic);
      assert.deepEqual(new Map(fresh.list().map((e) => [e.fingerprint as string, e.emails])), expected);
      await assertGuardsConsistent(shared);
    }), { numRuns: 25 });
  });

  it('a stale writer re-reads and merges instead of overwriting: the private key added elsewhere is kept', async () => {
    const shared = new MemoryBackend();
    const cert = await makeCertificate({ cn: 'Frank', email: 'frank@example.org' });
    const pub = await certificateEntryFrom(cert.pem);
    const a = await KeyringStore.open(blind(shared), { minKdfIterations: 1000 });
    await a.putEntry(pub);
    const b = await KeyringStore.open(blind(shared), { minKdfIterations: 1000 });
    // A adds the private key; B, which still holds the public-only copy, re-imports the certificate.
    await a.putEntry({ ...pub, privateKey: await protectPkcs8(cert.pkcs8, 'pw', { fingerprint: pub.fingerprint, iterations: 1000 }) });
    await b.putEntry(await certificateEntryFrom(cert.pem));
    assert.equal(b.stats.casConflicts, 1);
    const fresh = await KeyringStore.open(shared, { minKdfIterations: 1000 });
    assert.ok(fresh.getCertificate(pub.fingerprint)?.privateKey, 'the private key survived the stale write');
  });

  it('a writer overtaken at the last moment (between plan and commit) replans on fresh data', async () => {
    const inner = new MemoryBackend();
    const racer = await KeyringStore.open(blind(inner), synthetic);
    const faulty = new FaultBackend(inner);
    const victim = await KeyringStore.open(blind(faulty), synthetic);
    await racer.putEntry(syntheticEntry(1, ['x@example.org']));
    await victim.putEntry(syntheticEntry(2, ['y@example.org']));
    let raced = false;
    faulty.plan.beforeCas = async () => {
      if (raced) return;
      raced = true;
      await racer.putEntry(syntheticEntry(3, ['y@example.org'])); // binds the same address first
      await racer.setAcceptance(syntheticFingerprint(2), 'reject');
    };
    await victim.setAcceptance(syntheticFingerprint(2), 'verify').catch((e: unknown) => e);
    const fresh = await KeyringStore.open(inner, synthetic);
    // The victim's plan was computed from a stale "undecided"; after the refresh, rejected → verify is not allowed.
    assert.equal(fresh.acceptanceOf(syntheticFingerprint(2)), 'rejected');
    assert.equal(fresh.findByEmail('y@example.org').length, 2);
  });

  it('two contexts importing different keys for one address cannot both be trusted on first use (A3.4)', async () => {
    const shared = new MemoryBackend();
    const a = await KeyringStore.open(blind(shared));
    const b = await KeyringStore.open(blind(shared));
    const k1 = await pgp('Grace', 'grace@example.org');
    const k2 = await pgp('Grace (attacker)', 'grace@example.org');
    const r1 = await a.importEntry(k1, 'user-import');
    const r2 = await b.importEntry(k2, 'autocrypt'); // b never saw k1 in its cache
    assert.equal(r1.acceptance, 'unverified');
    assert.equal(r2.acceptance, 'undecided');
    assert.equal(r2.conflicts.length, 1);
    assert.deepEqual(r2.conflicts[0]!.known, [k1.fingerprint]);
    assert.equal(r2.conflicts[0]!.candidate, k2.fingerprint);
    const fresh = await KeyringStore.open(shared);
    assert.equal(fresh.conflicts().length, 1);
  });

  it('with change notifications, the other context sees a write without any conflict', async () => {
    const shared = new MemoryBackend();
    const a = await KeyringStore.open(shared, synthetic);
    const b = await KeyringStore.open(shared, synthetic);
    await a.putEntry(syntheticEntry(1, ['seen@example.org']));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(b.findByEmail('seen@example.org').length, 1);
    await a.removeEntry('openpgp', syntheticFingerprint(1));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(b.findByEmail('seen@example.org').length, 0);
    a.close(); b.close();
  });
});
