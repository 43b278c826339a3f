/**
 * OpenPGP acceptance as stored: trust on first use when a key is imported, and the user's decisions
 * through the transition table (keyring/trust/acceptance.ts). A key with an open key-change conflict is
 * never marked seen: it stays undecided until the user settles the conflict.
 */
import { LockpaneError } from '../errors';
import { nextAcceptance, type Acceptance, type AcceptanceEvent } from '../trust/acceptance';
import type { ConflictRecord, TrustRecord } from '../trust/types';
import { entryId, type Entry } from './entry';
import { entryWrites, mergedWithStored } from './entry-writes';
import { isPendingCandidate, newConflicts } from './key-changes';
import type { Plan, StoreRecords } from './store-records';

export type ImportResult = { entry: Entry; acceptance: Acceptance | null; conflicts: ConflictRecord[] };

/** Stores a checked entry, records the conflicts it opens, and marks an OpenPGP key seen unless one is pending. */
export async function importPlan(records: StoreRecords, entry: Entry, source: string): Promise<Plan<ImportResult>> {
  const next = await mergedWithStored(records, entry);
  const now = records.now();
  const found = newConflicts(records, next, source, now);
  const writes = [
    ...entryWrites(records, [{ id: entryId(next.kind, next.fingerprint), after: next }]),
    ...found.map((c) => records.conflicts.prepare(c.id, c)),
  ];
  let acceptance: Acceptance | null = null;
  if (next.kind === 'openpgp') {
    const current = records.acceptanceOf(next.fingerprint);
    const pending = found.length > 0 || isPendingCandidate(records, next.fingerprint);
    acceptance = current;
    if (!pending && current === 'undecided') {
      acceptance = 'unverified';
      writes.push(records.trust.prepare(next.fingerprint, { fingerprint: next.fingerprint, acceptance, updatedAt: now.toISOString(), via: 'tofu' }));
    }
  }
  return { writes, result: { entry: next, acceptance, conflicts: found } };
}

/** A user decision about a stored OpenPGP key; a forbidden transition changes nothing. */
export function acceptancePlan(records: StoreRecords, fp: string, event: AcceptanceEvent, via: TrustRecord['via']): Plan<Acceptance> {
  if (!records.entries.has(entryId('openpgp', fp))) throw new LockpaneError('not-found', `No OpenPGP key ${fp} in the keyring.`);
  const current = records.acceptanceOf(fp);
  const t = nextAcceptance(current, event);
  if (!t.ok) throw new LockpaneError('unsupported-option', t.reason);
  if (t.state === current && records.trust.has(fp)) return { writes: [], result: current };
  const rec: TrustRecord = { fingerprint: fp, acceptance: t.state, updatedAt: records.now().toISOString(), via };
  return { writes: [records.trust.prepare(fp, rec)], result: t.state };
}
