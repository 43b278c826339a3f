/**
 * Key-change conflicts as stored (SECURITY.md A3.4): a newcomer for an address that already has another
 * accepted key is recorded as an open conflict (the rule is keyring/trust/conflict.ts), and the user's
 * decision settles it atomically with the acceptance changes it implies.
 */
import { LockpaneError } from '../errors';
import { isAccepted, nextAcceptance, type AcceptanceEvent } from '../trust/acceptance';
import { detectConflicts, type KnownBinding } from '../trust/conflict';
import type { ConflictRecord } from '../trust/types';
import type { Prepared } from './collection';
import { entryId, type Entry, type EntryKind } from './entry';
import { entryWrites } from './entry-writes';
import type { Plan, StoreRecords } from './store-records';

export type ConflictDecision = {
  /** What happens to the newcomer. */
  candidate: Extract<AcceptanceEvent, 'seen' | 'verify' | 'reject'>;
  /** Reject the previously known keys for the address (OpenPGP only). */
  retireKnown?: boolean;
};

function knownBindings(records: StoreRecords, kind: EntryKind, email: string): KnownBinding[] {
  const ids = records.byEmail.get(email);
  if (!ids) return [];
  const out: KnownBinding[] = [];
  for (const id of ids) {
    const e = records.entries.get(id);
    if (!e || e.kind !== kind) continue;
    out.push(e.kind === 'openpgp'
      ? { fingerprint: e.fingerprint, accepted: isAccepted(records.acceptanceOf(e.fingerprint)) }
      : { fingerprint: e.fingerprint, accepted: true, issuer: e.facts.issuer });
  }
  return out;
}

/** The conflicts importing `next` opens that are not open already. */
export function newConflicts(records: StoreRecords, next: Entry, source: string, now: Date): ConflictRecord[] {
  const issuer = next.kind === 'x509' ? next.facts.issuer : undefined;
  return detectConflicts(
    { kind: next.kind, fingerprint: next.fingerprint, emails: next.emails, ...(issuer !== undefined ? { issuer } : {}) },
    (email) => knownBindings(records, next.kind, email),
    source,
    now,
  ).filter((c) => !records.conflicts.has(c.id));
}

/** Whether an open conflict names `fingerprint` as its newcomer (it stays undecided meanwhile). */
export function isPendingCandidate(records: StoreRecords, fingerprint: string): boolean {
  for (const c of records.conflicts.values()) if (c.candidate === fingerprint) return true;
  return false;
}

/** Removes the open conflicts whose newcomer is this key (when the key itself goes). */
export function conflictsNamingRemoved(records: StoreRecords, kind: EntryKind, fingerprint: string): Prepared[] {
  return [...records.conflicts.values()]
    .filter((c) => c.kind === kind && c.candidate === fingerprint)
    .map((c) => records.conflicts.prepare(c.id, undefined));
}

/** Settles an open key-change conflict with the user's decision. */
export function resolveConflictPlan(records: StoreRecords, id: string, decision: ConflictDecision): Plan<void> {
  const c = records.conflicts.get(id);
  if (!c) throw new LockpaneError('not-found', 'This key change was already settled.');
  const writes = [records.conflicts.prepare(id, undefined)];
  if (c.kind === 'openpgp') {
    const at = records.now().toISOString();
    const t = nextAcceptance(records.acceptanceOf(c.candidate), decision.candidate);
    if (!t.ok) throw new LockpaneError('unsupported-option', t.reason);
    writes.push(records.trust.prepare(c.candidate, { fingerprint: c.candidate, acceptance: t.state, updatedAt: at, via: 'user' }));
    if (decision.retireKnown) {
      for (const fp of c.known) writes.push(records.trust.prepare(fp, { fingerprint: fp, acceptance: 'rejected', updatedAt: at, via: 'user' }));
    }
  } else if (decision.candidate === 'reject') {
    writes.push(...entryWrites(records, [{ id: entryId('x509', c.candidate), after: undefined }]));
  }
  return { writes, result: undefined };
}
