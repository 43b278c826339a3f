/** Wire types of key discovery (WKD and VKS lookups the user starts, then accepts or not). */
import { keyListSchema, keySummarySchema } from './key-summary';
import { mailText, many } from './catalogue/common';
import { arr, literal, obj, str, type Infer } from './schema';

export const discoverySourceSchema = literal('wkd-advanced', 'wkd-direct', 'vks');
export type DiscoverySource = Infer<typeof discoverySourceSchema>;

/**
 * How a found key relates to the keyring: new (no accepted key for this address), same (this very key is
 * already there), change (the address already has another accepted key: importing it is held, never a swap).
 */
export type DiscoveryRelation = 'new' | 'same' | 'change';

export const discoveryCandidateSchema = obj({
  /** Short-lived reference the worker keeps; `discovery.import` takes it, never key bytes from the caller. */
  id: str({ max: 64 }),
  sources: arr(discoverySourceSchema, { max: 3 }),
  /** Facts of the key as served (acceptance: the keyring's, or undecided for a key it does not have). */
  key: keySummarySchema,
  relation: literal<DiscoveryRelation>('new', 'same', 'change'),
  /** Other OpenPGP keys the keyring has for the address (accepted or not). */
  known: keyListSchema,
});
export type DiscoveryCandidate = Infer<typeof discoveryCandidateSchema>;

export const discoveryOutcomeSchema = obj({
  source: literal('wkd', 'vks'),
  /** The domain asked by WKD, or the key server's URL. */
  server: str({ max: 400 }),
  result: literal('found', 'not-found', 'unreachable', 'timeout', 'bad-response', 'too-large'),
});
export type DiscoveryOutcome = Infer<typeof discoveryOutcomeSchema>;

export const discoveryLookupSchema = obj({
  email: str({ max: 320 }), candidates: arr(discoveryCandidateSchema, { max: 100 }), outcomes: arr(discoveryOutcomeSchema, { max: 20 }), expiresAt: str({ max: 40 }),
});
export type DiscoveryLookup = Infer<typeof discoveryLookupSchema>;

export const discoveryImportSchema = obj({
  key: keySummarySchema,
  /** Addresses for which the keyring already had another accepted key: the new one waits for the user's decision. */
  conflicts: arr(obj({ email: mailText, known: arr(str({ max: 64 }), many) }), many),
});
export type DiscoveryImport = Infer<typeof discoveryImportSchema>;
