/**
 * The keyring's records in memory: one RecordCollection per storage prefix, the per-address index of
 * entries, the quarantine notes and the store's options. Every other part of the store (loading,
 * lookups, transactions, trust on first use, key changes, roots, restore) works on this one object.
 *
 * Storage layout (one record per key, see record.ts):
 *   lp/meta                    {"schema": N}
 *   lp/e/openpgp:<FPR>         entry            lp/e/x509:<SHA256>   entry
 *   lp/a/<email>               address guard: the entry ids binding the address
 *   lp/t/<FPR>                 trust record (OpenPGP acceptance)
 *   lp/c/<kind>:<email>:<FPR>  open conflict
 *   lp/r/<SHA256>              X.509 trust root
 *   lp/q/<key>@<time>          a quarantined corrupt record, verbatim
 */
import type { Acceptance } from '../trust/acceptance';
import type { ConflictRecord, TrustRecord, TrustRoot } from '../trust/types';
import type { StorageBackend } from './backend';
import { RecordCollection, type Prepared, type QuarantineNote } from './collection';
import { keyIdOfFingerprint, normalizeFingerprint, type Entry, type EntryId } from './entry';
import { MIGRATIONS, targetSchema, type Migration } from './migrations';
import { DEFAULT_PBKDF2_ITERATIONS } from './private-key-envelope';
import { validateAddress, validateConflict, validateEntry, validateRoot, validateTrust, type AddressRecord } from './validate';

export type KeyringStoreOptions = {
  migrations?: readonly Migration[];
  /** Minimum PBKDF2 iterations accepted in an X.509 private-key envelope (tests lower it). */
  minKdfIterations?: number;
  now?: () => Date;
  /** Re-parse key material on write to check fingerprints (off only for synthetic bulk tests). */
  verifyMaterial?: boolean;
  maxRetries?: number;
};

/** What one write changes (committed together by compare-and-set) and what it returns. */
export type Plan<R> = { writes: Prepared[]; result: R };

export class StoreRecords {
  /** Work counters, so tests can show lookups are indexed (assert on work, not on time). */
  readonly stats = { lookups: 0, entriesExamined: 0, casAttempts: 0, casConflicts: 0 };

  readonly entries: RecordCollection<Entry>;
  readonly addresses: RecordCollection<AddressRecord>;
  readonly trust: RecordCollection<TrustRecord>;
  readonly conflicts: RecordCollection<ConflictRecord>;
  readonly roots: RecordCollection<TrustRoot>;
  readonly all: readonly RecordCollection<unknown>[];
  /** Entry ids by normalised address: kept in step with `entries` on every change. */
  readonly byEmail = new Map<string, Set<EntryId>>();
  /** OpenPGP entry ids by the key ID of the primary key and of each subkey (how signatures name signers). */
  readonly byKeyId = new Map<string, Set<EntryId>>();
  readonly quarantined: QuarantineNote[] = [];
  readonly now: () => Date;
  readonly minKdfIterations: number;
  readonly verifyMaterial: boolean;
  readonly maxRetries: number;
  readonly schema: number;

  constructor(readonly backend: StorageBackend, opts: KeyringStoreOptions) {
    const migrations = opts.migrations ?? MIGRATIONS;
    this.schema = targetSchema(migrations);
    this.now = opts.now ?? (() => new Date());
    this.minKdfIterations = opts.minKdfIterations ?? DEFAULT_PBKDF2_ITERATIONS;
    this.verifyMaterial = opts.verifyMaterial ?? true;
    this.maxRetries = opts.maxRetries ?? 16;
    const base = { migrations, target: this.schema, now: this.now, onQuarantine: (n: QuarantineNote) => this.quarantined.push(n) };
    this.entries = new RecordCollection<Entry>(backend, 'entry', 'lp/e/', validateEntry, {
      ...base, onChange: (id, before, after) => this.reindex(id as EntryId, before, after),
    });
    this.addresses = new RecordCollection(backend, 'address', 'lp/a/', validateAddress, base);
    this.trust = new RecordCollection(backend, 'trust', 'lp/t/', validateTrust, base);
    this.conflicts = new RecordCollection(backend, 'conflict', 'lp/c/', validateConflict, base);
    this.roots = new RecordCollection(backend, 'root', 'lp/r/', validateRoot, base);
    this.all = [this.entries, this.addresses, this.trust, this.conflicts, this.roots] as RecordCollection<unknown>[];
  }

  /** The collection a storage key belongs to, if any. */
  ownerOf(key: string): RecordCollection<unknown> | undefined {
    return this.all.find((c) => c.owns(key));
  }

  acceptanceOf(fingerprint: string): Acceptance {
    return this.trust.get(normalizeFingerprint(fingerprint))?.acceptance ?? 'undecided';
  }

  private reindex(id: EntryId, before: Entry | undefined, after: Entry | undefined): void {
    for (const email of before?.emails ?? []) unindex(this.byEmail, email, id);
    for (const email of after?.emails ?? []) index(this.byEmail, email, id);
    for (const keyId of keyIdsOf(before)) unindex(this.byKeyId, keyId, id);
    for (const keyId of keyIdsOf(after)) index(this.byKeyId, keyId, id);
  }
}

function index(map: Map<string, Set<EntryId>>, key: string, id: EntryId): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function unindex(map: Map<string, Set<EntryId>>, key: string, id: EntryId): void {
  const set = map.get(key);
  set?.delete(id);
  if (set && set.size === 0) map.delete(key);
}

/** The key IDs of an OpenPGP entry's primary key and subkeys; none for a certificate. */
function keyIdsOf(entry: Entry | undefined): string[] {
  if (entry?.kind !== 'openpgp') return [];
  return [entry.fingerprint, ...entry.facts.subkeys.map((k) => k.fingerprint)].map(keyIdOfFingerprint);
}
