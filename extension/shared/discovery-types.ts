/** Wire types of key discovery (WKD and VKS lookups the user starts, then accepts or not). */
import type { KeySummary } from './key-summary';

export type DiscoverySource = 'wkd-advanced' | 'wkd-direct' | 'vks';

/**
 * How a found key relates to the keyring: new (no accepted key for this address), same (this very key is
 * already there), change (the address already has another accepted key: importing it is held, never a swap).
 */
export type DiscoveryRelation = 'new' | 'same' | 'change';

export type DiscoveryCandidate = {
  /** Short-lived reference the worker keeps; `discovery.import` takes it, never key bytes from the caller. */
  id: string;
  sources: DiscoverySource[];
  /** Facts of the key as served (acceptance: the keyring's, or undecided for a key it does not have). */
  key: KeySummary;
  relation: DiscoveryRelation;
  /** Other OpenPGP keys the keyring has for the address (accepted or not). */
  known: KeySummary[];
};

export type DiscoveryOutcome = {
  source: 'wkd' | 'vks';
  /** The domain asked by WKD, or the key server's URL. */
  server: string;
  result: 'found' | 'not-found' | 'unreachable' | 'timeout' | 'bad-response' | 'too-large';
};

export type DiscoveryLookup = { email: string; candidates: DiscoveryCandidate[]; outcomes: DiscoveryOutcome[]; expiresAt: string };

export type DiscoveryImport = {
  key: KeySummary;
  /** Addresses for which the keyring already had another accepted key: the new one waits for the user's decision. */
  conflicts: { email: string; known: string[] }[];
};
