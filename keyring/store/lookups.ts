/** Reads served from memory: by kind and fingerprint, and by address through the index (never a scan). */
import { entryId, normalizeEmail, type Entry, type EntryKind, type OpenPgpEntry } from './entry';
import type { StoreRecords } from './store-records';

export function lookup(records: StoreRecords, kind: EntryKind, fingerprint: string): Entry | undefined {
  records.stats.lookups++;
  const e = records.entries.get(entryId(kind, fingerprint));
  if (e) records.stats.entriesExamined++;
  return e;
}

/** Every entry binding `email`, both kinds. */
export function lookupByEmail(records: StoreRecords, email: string): Entry[] {
  records.stats.lookups++;
  const ids = records.byEmail.get(normalizeEmail(email));
  if (!ids) return [];
  const out: Entry[] = [];
  for (const id of ids) {
    const e = records.entries.get(id);
    records.stats.entriesExamined++;
    if (e) out.push(e);
  }
  return out;
}

/** Every OpenPGP entry whose primary key or a subkey has this key ID (16 hex digits). */
export function lookupByKeyId(records: StoreRecords, keyId: string): OpenPgpEntry[] {
  records.stats.lookups++;
  const ids = records.byKeyId.get(keyId.toUpperCase());
  if (!ids) return [];
  const out: OpenPgpEntry[] = [];
  for (const id of ids) {
    const e = records.entries.get(id);
    records.stats.entriesExamined++;
    if (e?.kind === 'openpgp') out.push(e);
  }
  return out;
}
