/**
 * Key changes (SECURITY A3.4): when an address that already has an accepted key gets another one, the
 * newcomer is held as a conflict until the user decides. The options page lists them and settles each:
 * keep the known key (the newcomer is rejected) or switch to the new key after checking it with the
 * person (the newcomer becomes verified, the old one rejected). Page class only.
 */
import type { ConflictDecision } from '../../../keyring/store/keyring-store';
import type { HandlerMap } from '../router';
import type { Services } from '../services';

export type ConflictChoice = 'keep-known' | 'switch-to-new';

export function decisionFor(choice: ConflictChoice): ConflictDecision {
  return choice === 'keep-known' ? { candidate: 'reject' } : { candidate: 'verify', retireKnown: true };
}

export function keyConflictHandlers(s: Services): Pick<HandlerMap, 'keys.conflicts' | 'keys.resolveConflict'> {
  return {
    'keys.conflicts': async () => {
      const store = await s.keyring.store();
      return {
        conflicts: store.conflicts().map((c) => ({
          id: c.id, kind: c.kind, email: c.email, known: [...c.known], candidate: c.candidate, source: c.source, detectedAt: c.detectedAt,
        })).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt)),
      };
    },
    'keys.resolveConflict': async (req) => {
      const store = await s.keyring.store();
      await store.resolveConflict(req.id, decisionFor(req.choice));
      return { resolved: true };
    },
  };
}
