/** Persisted trust data: plain JSON records, one storage key each. */
import type { Acceptance } from './acceptance';

export type TrustRecord = {
  fingerprint: string;
  acceptance: Acceptance;
  updatedAt: string;
  /** How the current state came about, for the UI and for audits. */
  via: 'tofu' | 'user' | 'policy' | 'restore';
};

/**
 * A new key or certificate for an address that already has a different one (SECURITY.md A3.4).
 * It stays open until the user decides; the candidate is never preferred meanwhile.
 */
export type ConflictRecord = {
  id: string;
  kind: 'openpgp' | 'x509';
  email: string;
  /** Fingerprints already known (and accepted) for the address. */
  known: string[];
  /** The newcomer's fingerprint. */
  candidate: string;
  source: string;
  detectedAt: string;
};

/** An X.509 trust anchor. Policy roots come from managed storage and the user cannot remove them. */
export type TrustRoot = {
  fingerprint: string;
  certificatePem: string;
  subject: string;
  source: 'user' | 'policy';
  locked: boolean;
  addedAt: string;
};

export function conflictId(kind: 'openpgp' | 'x509', email: string, candidate: string): string {
  return `${kind}:${email}:${candidate}`;
}
