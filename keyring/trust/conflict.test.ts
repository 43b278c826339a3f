import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLockpaneError } from '../errors';
import { MemoryBackend } from '../testing/memory-backend';
import { KeyringStore } from '../store/keyring-store';
import { openPgpEntryFromKey, readOpenPgpKeys } from '../store/facts-openpgp';
import { certificateEntryFrom } from '../store/facts-x509';
import { makeCertificate, makePgpKey } from '../testing/identities';
import { detectConflicts } from './conflict';

async function pgp(name: string, email: string) {
  const k = await makePgpKey(name, email);
  return openPgpEntryFromKey((await readOpenPgpKeys(k.publicArmored))[0]!);
}

describe('key change for a known address (A3.4)', () => {
  it('is flagged with old and new fingerprints; the newcomer is not trusted until the user decides', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const old = await pgp('Heidi', 'heidi@example.org');
    const pushed = await pgp('Heidi', 'heidi@example.org');
    assert.equal((await store.importEntry(old, 'user-import')).acceptance, 'unverified');
    const r = await store.importEntry(pushed, 'autocrypt');
    assert.equal(r.acceptance, 'undecided');
    assert.deepEqual(r.conflicts.map((c) => [c.email, c.known, c.candidate, c.source]), [['heidi@example.org', [old.fingerprint], pushed.fingerprint, 'autocrypt']]);
    // Importing the same newcomer again neither duplicates the conflict nor trusts it.
    const again = await store.importEntry(pushed, 'wkd');
    assert.equal(again.acceptance, 'undecided');
    assert.equal(store.conflicts().length, 1);
    // Re-importing the old key is not a change.
    assert.equal((await store.importEntry(old, 'user-import')).conflicts.length, 0);

    await store.resolveConflict(r.conflicts[0]!.id, { candidate: 'verify', retireKnown: true });
    assert.equal(store.acceptanceOf(pushed.fingerprint), 'verified');
    assert.equal(store.acceptanceOf(old.fingerprint), 'rejected');
    assert.equal(store.conflicts().length, 0);
    await assert.rejects(store.resolveConflict(r.conflicts[0]!.id, { candidate: 'reject' }), (e) => isLockpaneError(e, 'not-found'));
  });

  it('keeping the known key rejects the newcomer; a rejected old key does not count as known', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const a = await pgp('Ivan', 'ivan@example.org');
    const b = await pgp('Ivan', 'ivan@example.org');
    await store.importEntry(a, 'user-import');
    const r = await store.importEntry(b, 'wkd');
    await store.resolveConflict(r.conflicts[0]!.id, { candidate: 'reject' });
    assert.equal(store.acceptanceOf(b.fingerprint), 'rejected');
    assert.equal(store.acceptanceOf(a.fingerprint), 'unverified');
    await store.setAcceptance(a.fingerprint, 'reject');
    const c = await pgp('Ivan', 'ivan@example.org');
    const rc = await store.importEntry(c, 'user-import');
    assert.equal(rc.conflicts.length, 0);
    assert.equal(rc.acceptance, 'unverified');
  });

  it('a forbidden transition is a typed error and changes nothing', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const a = await pgp('Judy', 'judy@example.org');
    await store.importEntry(a, 'user-import');
    await store.setAcceptance(a.fingerprint, 'reject');
    await assert.rejects(store.setAcceptance(a.fingerprint, 'verify'), (e) => isLockpaneError(e, 'unsupported-option'));
    assert.equal(store.acceptanceOf(a.fingerprint), 'rejected');
    await assert.rejects(store.setAcceptance('AB'.repeat(20), 'verify'), (e) => isLockpaneError(e, 'not-found'));
  });

  it('X.509: a certificate from another issuer for a known address is a conflict; renewal by the same issuer is not', async () => {
    const store = await KeyringStore.open(new MemoryBackend());
    const ca = await makeCertificate({ cn: 'Org CA', ca: true });
    const other = await makeCertificate({ cn: 'Other CA', ca: true });
    const first = await certificateEntryFrom((await makeCertificate({ cn: 'Ken', email: 'ken@example.org', issuer: ca })).pem);
    const renewed = await certificateEntryFrom((await makeCertificate({ cn: 'Ken', email: 'ken@example.org', issuer: ca })).pem);
    const foreign = await certificateEntryFrom((await makeCertificate({ cn: 'Ken', email: 'ken@example.org', issuer: other })).pem);
    assert.equal((await store.importEntry(first, 'user-import')).conflicts.length, 0);
    assert.equal((await store.importEntry(renewed, 'smime-signature')).conflicts.length, 0);
    const r = await store.importEntry(foreign, 'smime-signature');
    assert.equal(r.conflicts.length, 1);
    assert.deepEqual(r.conflicts[0]!.known, [first.fingerprint, renewed.fingerprint].sort());
    await store.resolveConflict(r.conflicts[0]!.id, { candidate: 'reject' });
    assert.equal(store.getCertificate(foreign.fingerprint), undefined, 'a rejected certificate is removed');
  });

  it('detectConflicts is pure and only counts accepted, different keys', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const known = { 'x@example.org': [{ fingerprint: 'A'.repeat(40), accepted: true }, { fingerprint: 'B'.repeat(40), accepted: false }] } as Record<string, { fingerprint: string; accepted: boolean }[]>;
    const out = detectConflicts({ kind: 'openpgp', fingerprint: 'C'.repeat(40), emails: ['x@example.org', 'y@example.org'] }, (e) => known[e] ?? [], 'wkd', now);
    assert.deepEqual(out.map((c) => [c.email, c.known]), [['x@example.org', ['A'.repeat(40)]]]);
    assert.deepEqual(detectConflicts({ kind: 'openpgp', fingerprint: 'A'.repeat(40), emails: ['x@example.org'] }, (e) => known[e] ?? [], 'wkd', now), []);
  });
});
