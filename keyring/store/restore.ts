/**
 * Backup and restore at the store's level: the snapshot a backup holds, and making the keyring exactly a
 * snapshot in one atomic write. Policy roots are not user data: never in a snapshot, never touched.
 */
import type { ConflictRecord, TrustRecord, TrustRoot } from '../trust/types';
import type { Prepared, RecordCollection } from './collection';
import { entryId, type Entry, type EntryId } from './entry';
import { entryWrites } from './entry-writes';
import type { Plan, StoreRecords } from './store-records';

/** Everything a backup holds and a restore writes back. */
export type KeyringSnapshot = {
  entries: Entry[];
  trust: TrustRecord[];
  conflicts: ConflictRecord[];
  roots: TrustRoot[];
};

export function snapshotOf(records: StoreRecords): KeyringSnapshot {
  return {
    entries: [...records.entries.values()],
    trust: [...records.trust.values()],
    conflicts: [...records.conflicts.values()],
    roots: [...records.roots.values()].filter((r) => r.source === 'user'),
  };
}

/** Writes for "the keyring becomes `snapshot`" (already checked: entries, trust, conflicts, user roots). */
export function replaceAllPlan(records: StoreRecords, snapshot: KeyringSnapshot): Plan<void> {
  const writes: Prepared[] = [];
  const keep = new Set<string>();
  const put = <T>(col: RecordCollection<T>, id: string, value: T): void => {
    keep.add(col.keyOf(id));
    writes.push(col.prepare(id, value));
  };
  const wantedEntries = new Map(snapshot.entries.map((e) => [entryId(e.kind, e.fingerprint), e] as const));
  const entryChanges = [...wantedEntries].map(([id, after]) => ({ id, after: after as Entry | undefined }));
  for (const id of records.entries.ids()) if (!wantedEntries.has(id as EntryId)) entryChanges.push({ id: id as EntryId, after: undefined });
  writes.push(...entryWrites(records, entryChanges));
  for (const p of writes) keep.add(p.op.key);
  for (const t of snapshot.trust) put(records.trust, t.fingerprint, t);
  for (const c of snapshot.conflicts) put(records.conflicts, c.id, c);
  for (const r of snapshot.roots) if (records.roots.get(r.fingerprint)?.source !== 'policy') put(records.roots, r.fingerprint, r);
  for (const col of records.all) {
    if (col === (records.entries as RecordCollection<unknown>) || col === (records.addresses as RecordCollection<unknown>)) continue;
    for (const id of col.ids()) {
      if (keep.has(col.keyOf(id))) continue;
      if (col === (records.roots as RecordCollection<unknown>) && records.roots.get(id)?.source === 'policy') continue;
      writes.push(col.prepare(id, undefined));
    }
  }
  return { writes, result: undefined };
}
