/**
 * OpenPGP acceptance: what the user (or first sight) decided about a key. Revoked and expired are
 * facts about the key (validity.ts), never states here. Transitions are a pure table so the UI,
 * the worker and the tests agree on what is allowed.
 *
 *   undecided --seen--> unverified --verify--> verified
 *       |                   |                    |  \--unverify--> unverified
 *       +------verify-------+---------------------+
 *   any --reject--> rejected --reconsider--> undecided
 */
export type Acceptance = 'undecided' | 'unverified' | 'verified' | 'rejected';

export type AcceptanceEvent =
  | 'seen'        // first use or import (trust on first use)
  | 'verify'      // the user confirmed the fingerprint out of band
  | 'unverify'    // the user withdraws a confirmation
  | 'reject'      // the user refuses the key
  | 'reconsider'; // the user takes back a rejection

export const ACCEPTANCES: readonly Acceptance[] = ['undecided', 'unverified', 'verified', 'rejected'];
export const ACCEPTANCE_EVENTS: readonly AcceptanceEvent[] = ['seen', 'verify', 'unverify', 'reject', 'reconsider'];

export type TransitionResult = { ok: true; state: Acceptance } | { ok: false; reason: string };

const table: Record<Acceptance, Partial<Record<AcceptanceEvent, Acceptance>>> = {
  undecided: { seen: 'unverified', verify: 'verified', reject: 'rejected' },
  // 'seen' again is a no-op: first sight happens once.
  unverified: { seen: 'unverified', verify: 'verified', unverify: 'unverified', reject: 'rejected' },
  // Seeing a verified key again never downgrades it.
  verified: { seen: 'verified', verify: 'verified', unverify: 'unverified', reject: 'rejected' },
  // A rejected key is never revived by being seen again (A3.4): only an explicit reconsider.
  rejected: { seen: 'rejected', reject: 'rejected', reconsider: 'undecided' },
};

export function nextAcceptance(current: Acceptance, event: AcceptanceEvent): TransitionResult {
  const state = table[current][event];
  if (state === undefined) return { ok: false, reason: `A ${current} key cannot be changed by "${event}".` };
  return { ok: true, state };
}

/** Usable for encryption and for a "trusted" signature status. Undecided keys are not (yet). */
export function isAccepted(a: Acceptance): boolean {
  return a === 'unverified' || a === 'verified';
}
