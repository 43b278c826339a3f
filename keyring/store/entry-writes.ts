/**
 * Writing entries: the checks before anything is written, merging with a stored copy, and the address
 * guards. Every entry write also rewrites the guards of the addresses it binds, so two contexts
 * importing different keys for one address collide on the guard and the second one sees the first
 * (key-change detection cannot be bypassed by a race).
 */
import { LockpaneError } from '../errors';
import type { Prepared } from './collection';
import { entryId, normalizeEmail, normalizeFingerprint, type Entry, type EntryId } from './entry';
import { assertProtectedSecretKey, fingerprintOfArmored, mergeOpenPgpEntries } from './facts-openpgp';
import { certificateDer, sha256Fingerprint } from './facts-x509';
import { assertEnvelope } from './private-key-envelope';
import type { StoreRecords } from './store-records';
import { validateEntry } from './validate';

/** Checks shape and that private material is protected, before anything is written. */
export async function checkEntry(records: StoreRecords, input: Entry): Promise<Entry> {
  let entry: Entry;
  try {
    entry = validateEntry({ ...input, fingerprint: normalizeFingerprint(input.fingerprint), emails: [...new Set(input.emails.map(normalizeEmail))].sort() });
  } catch (e) {
    throw new LockpaneError('bad-data', `Not a valid keyring entry: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  if (entry.kind === 'openpgp') {
    if (entry.privateArmored !== undefined) await assertProtectedSecretKey(entry.privateArmored, entry.fingerprint);
    if (records.verifyMaterial && await fingerprintOfArmored(entry.publicArmored) !== entry.fingerprint) {
      throw new LockpaneError('key-invalid', 'The entry fingerprint does not match its key.');
    }
  } else {
    if (entry.privateKey !== undefined) assertEnvelope(entry.privateKey, records.minKdfIterations);
    if (records.verifyMaterial && await sha256Fingerprint(certificateDer(entry.certificatePem)) !== entry.fingerprint) {
      throw new LockpaneError('key-invalid', 'The entry fingerprint does not match its certificate.');
    }
  }
  return entry;
}

/** `entry` merged with the stored copy of the same key, if any: a private part is never dropped. */
export async function mergedWithStored(records: StoreRecords, entry: Entry): Promise<Entry> {
  const cur = records.entries.get(entryId(entry.kind, entry.fingerprint));
  if (!cur) return entry;
  if (cur.kind === 'openpgp' && entry.kind === 'openpgp') {
    if (records.verifyMaterial) return mergeOpenPgpEntries(cur, entry, records.now());
    // Synthetic entries (no key material to merge): take the newcomer, keep age and private part.
    const priv = cur.privateArmored ?? entry.privateArmored;
    return { ...entry, addedAt: cur.addedAt, ...(priv !== undefined ? { privateArmored: priv } : {}) };
  }
  if (cur.kind === 'x509' && entry.kind === 'x509') {
    const pk = cur.privateKey ?? entry.privateKey;
    return { ...entry, addedAt: cur.addedAt, ...(pk ? { privateKey: pk } : {}) };
  }
  return entry;
}

/** Entry writes plus the address-guard rewrites they imply, aggregated per address. */
export function entryWrites(records: StoreRecords, changes: readonly { id: EntryId; after: Entry | undefined }[]): Prepared[] {
  const writes: Prepared[] = [];
  const touched = new Map<string, Set<string>>();
  const members = (email: string): Set<string> => {
    let set = touched.get(email);
    if (!set) touched.set(email, (set = new Set(records.addresses.get(email)?.ids ?? [])));
    return set;
  };
  for (const { id, after } of changes) {
    const before = records.entries.get(id);
    writes.push(records.entries.prepare(id, after));
    const was = new Set(before?.emails ?? []);
    const now = new Set(after?.emails ?? []);
    for (const email of was) if (!now.has(email)) members(email).delete(id);
    for (const email of now) if (!was.has(email) || !records.addresses.has(email)) members(email).add(id);
  }
  for (const [email, ids] of touched) {
    const list = [...ids].sort();
    const cur = records.addresses.get(email);
    if (cur && cur.ids.length === list.length && cur.ids.every((x, i) => x === list[i])) continue;
    writes.push(records.addresses.prepare(email, list.length === 0 ? undefined : { email, ids: list }));
  }
  return writes;
}
