/**
 * The keyring store: entries (OpenPGP keys, X.509 certificates), OpenPGP acceptance, key-change
 * conflicts and X.509 trust roots, over an injected StorageBackend. A thin facade: each concept lives
 * in its own file and works on the records in memory (store-records.ts, which also shows the layout):
 *   loading.ts        open, migrate, quarantine, watch other contexts, health
 *   lookups.ts        indexed reads
 *   transactions.ts   the compare-and-set engine every write goes through
 *   entry-writes.ts   checks, merging with a stored copy, address guards
 *   trust-records.ts  trust on first use and the user's acceptance decisions
 *   key-changes.ts    key-change conflicts and their resolution
 *   trust-roots.ts    X.509 user and policy roots
 *   restore.ts        snapshot and replace-all
 */
import { LockpaneError } from '../errors';
import type { Acceptance, AcceptanceEvent } from '../trust/acceptance';
import type { ConflictRecord, TrustRecord, TrustRoot } from '../trust/types';
import type { StorageBackend } from './backend';
import { entryId, normalizeFingerprint, type CertificateEntry, type Entry, type EntryKind, type OpenPgpEntry } from './entry';
import { checkEntry, entryWrites, mergedWithStored } from './entry-writes';
import { describeCertificate } from './facts-x509';
import { conflictsNamingRemoved, resolveConflictPlan, type ConflictDecision } from './key-changes';
import { healthOf, loadRecords, watchRecords, type StoreHealth } from './loading';
import { lookup, lookupByEmail, lookupByKeyId } from './lookups';
import { CURRENT_SCHEMA } from './migrations';
import { replaceAllPlan, snapshotOf, type KeyringSnapshot } from './restore';
import { StoreRecords, type KeyringStoreOptions } from './store-records';
import { createTransactions, type Transact } from './transactions';
import { acceptancePlan, importPlan, type ImportResult } from './trust-records';
import { addUserRootPlan, policyRootsPlan, removeRootPlan } from './trust-roots';
import { validateConflict, validateRoot, validateTrust } from './validate';

export { META_KEY, type StoreHealth } from './loading';
export type { ConflictDecision, ImportResult, KeyringSnapshot, KeyringStoreOptions };

export class KeyringStore {
  /** Work counters, so tests can show lookups are indexed (assert on work, not on time). */
  readonly stats: StoreRecords['stats'];

  private readonly records: StoreRecords;
  private readonly transact: Transact;
  private unwatch: (() => void) | undefined;

  private constructor(backend: StorageBackend, opts: KeyringStoreOptions) {
    this.records = new StoreRecords(backend, opts);
    this.stats = this.records.stats;
    this.transact = createTransactions(this.records);
  }

  /** Loads everything (one list() per prefix), migrates, quarantines what is corrupt, starts watching. */
  static async open(backend: StorageBackend, opts: KeyringStoreOptions = {}): Promise<KeyringStore> {
    const store = new KeyringStore(backend, opts);
    await loadRecords(store.records);
    store.unwatch = watchRecords(store.records);
    return store;
  }

  close(): void {
    this.unwatch?.();
    this.unwatch = undefined;
  }

  // ---------------------------------------------------------------- reads (in memory, indexed)

  get size(): number { return this.records.entries.size; }
  get(kind: EntryKind, fingerprint: string): Entry | undefined { return lookup(this.records, kind, fingerprint); }
  getOpenPgp(fingerprint: string): OpenPgpEntry | undefined { return this.get('openpgp', fingerprint) as OpenPgpEntry | undefined; }
  getCertificate(fingerprint: string): CertificateEntry | undefined { return this.get('x509', fingerprint) as CertificateEntry | undefined; }
  /** Every entry binding `email`, both kinds. */
  findByEmail(email: string): Entry[] { return lookupByEmail(this.records, email); }
  /** OpenPGP entries with a primary key or subkey of this key ID (how a signature names its signer). */
  findByKeyId(keyId: string): OpenPgpEntry[] { return lookupByKeyId(this.records, keyId); }
  list(): Entry[] { return [...this.records.entries.values()]; }
  acceptanceOf(fingerprint: string): Acceptance { return this.records.acceptanceOf(fingerprint); }
  trustRecord(fingerprint: string): TrustRecord | undefined { return this.records.trust.get(normalizeFingerprint(fingerprint)); }
  conflicts(): ConflictRecord[] { return [...this.records.conflicts.values()]; }
  roots(): TrustRoot[] { return [...this.records.roots.values()]; }
  health(): StoreHealth { return healthOf(this.records); }
  snapshot(): KeyringSnapshot { return snapshotOf(this.records); }

  // ---------------------------------------------------------------- entries

  /** Stores or updates one entry (merging with a stored copy; a private part is never dropped). No trust change. */
  async putEntry(input: Entry): Promise<Entry> {
    const entry = await checkEntry(this.records, input);
    const id = entryId(entry.kind, entry.fingerprint);
    return this.transact(async () => {
      const next = await mergedWithStored(this.records, entry);
      return { writes: entryWrites(this.records, [{ id, after: next }]), result: next };
    });
  }

  /**
   * Replaces one stored entry with exactly this one (no merge), keeping when it was added: own-key
   * maintenance (new passphrase, new expiry, revocation) whose result must not be merged back with the
   * older secret part or self-signatures. One atomic write of that entry; every other entry is untouched.
   */
  async replaceEntry(input: Entry): Promise<Entry> {
    const entry = await checkEntry(this.records, input);
    const id = entryId(entry.kind, entry.fingerprint);
    return this.transact(() => {
      const cur = this.records.entries.get(id);
      if (!cur) throw new LockpaneError('not-found', 'This key is no longer in the keyring.');
      const next: Entry = { ...entry, addedAt: cur.addedAt };
      return { writes: entryWrites(this.records, [{ id, after: next }]), result: next };
    });
  }

  /**
   * Like replaceEntry, but the new entry is computed from the stored one inside the write: when another
   * context changed the entry meanwhile, `update` runs again on its version, so two changes of one own key
   * (a new passphrase here, a new expiry there) both survive instead of the later overwriting the earlier.
   */
  async updateEntry(kind: EntryKind, fingerprint: string, update: (current: Entry) => Promise<Entry>): Promise<Entry> {
    const id = entryId(kind, fingerprint);
    return this.transact(async () => {
      const cur = this.records.entries.get(id);
      if (!cur) throw new LockpaneError('not-found', 'This key is no longer in the keyring.');
      const entry = await checkEntry(this.records, await update(cur));
      if (entryId(entry.kind, entry.fingerprint) !== id) throw new LockpaneError('internal', 'An entry update changed the key it is for.');
      const next: Entry = { ...entry, addedAt: cur.addedAt };
      return { writes: entryWrites(this.records, [{ id, after: next }]), result: next };
    });
  }

  /**
   * Imports an entry the user (or a discovery source they accepted) brought in: stored, then for
   * OpenPGP marked seen (trust on first use) — unless the address already has another accepted
   * key, in which case the newcomer stays undecided and a conflict is recorded (A3.4).
   */
  async importEntry(input: Entry, source: string): Promise<ImportResult> {
    const entry = await checkEntry(this.records, input);
    return this.transact(() => importPlan(this.records, entry, source));
  }

  /** Removes an entry with its trust record and any conflicts naming it as the candidate. */
  async removeEntry(kind: EntryKind, fingerprint: string): Promise<boolean> {
    const fp = normalizeFingerprint(fingerprint);
    const id = entryId(kind, fp);
    return this.transact(() => {
      if (!this.records.entries.has(id)) return { writes: [], result: false };
      const writes = entryWrites(this.records, [{ id, after: undefined }]);
      if (kind === 'openpgp' && this.records.trust.has(fp)) writes.push(this.records.trust.prepare(fp, undefined));
      writes.push(...conflictsNamingRemoved(this.records, kind, fp));
      return { writes, result: true };
    });
  }

  // ---------------------------------------------------------------- acceptance and key changes

  /** Applies a user decision through the transition table; a forbidden transition changes nothing. */
  async setAcceptance(fingerprint: string, event: AcceptanceEvent, via: TrustRecord['via'] = 'user'): Promise<Acceptance> {
    const fp = normalizeFingerprint(fingerprint);
    return this.transact(() => acceptancePlan(this.records, fp, event, via));
  }

  /** Settles an open key-change conflict with the user's decision, atomically. */
  async resolveConflict(id: string, decision: ConflictDecision): Promise<void> {
    await this.transact(() => resolveConflictPlan(this.records, id, decision));
  }

  // ---------------------------------------------------------------- X.509 trust roots

  async addUserRoot(certificate: string | Uint8Array): Promise<TrustRoot> {
    const d = await describeCertificate(certificate);
    return this.transact(() => addUserRootPlan(this.records, d));
  }

  async removeRoot(fingerprint: string): Promise<void> {
    const fp = normalizeFingerprint(fingerprint);
    await this.transact(() => removeRootPlan(this.records, fp));
  }

  /** Replaces the policy roots with exactly `certificates` (from managed storage); user roots stay. */
  async setPolicyRoots(certificates: readonly (string | Uint8Array)[]): Promise<TrustRoot[]> {
    const described = await Promise.all(certificates.map((c) => describeCertificate(c)));
    return this.transact(() => policyRootsPlan(this.records, described));
  }

  // ---------------------------------------------------------------- restore

  /**
   * Makes the keyring exactly `snapshot` (policy roots untouched), in one atomic write.
   * The caller (backup/restore.ts) has already checked the snapshot's key material.
   */
  async replaceAll(snapshot: KeyringSnapshot): Promise<void> {
    const entries: Entry[] = [];
    for (const e of snapshot.entries) entries.push(await checkEntry(this.records, e));
    const checked: KeyringSnapshot = {
      entries,
      trust: snapshot.trust.map((t) => validateTrust(t)),
      conflicts: snapshot.conflicts.map((c) => validateConflict(c)),
      roots: snapshot.roots.map((r) => validateRoot(r)).filter((r) => r.source === 'user'),
    };
    await this.transact(() => replaceAllPlan(this.records, checked));
  }
}

export { CURRENT_SCHEMA };
