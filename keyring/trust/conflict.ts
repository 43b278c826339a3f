/**
 * Key-change detection (SECURITY.md A3.4): a newcomer for an address that already has a different
 * accepted key (OpenPGP) or a certificate from another issuer (X.509) is never silently used;
 * a conflict record names the old and the new fingerprints until the user decides.
 * Routine certificate renewal by the same issuer is not a conflict: its trust comes from the path.
 */
import { conflictId, type ConflictRecord } from './types';

export type KnownBinding = {
  fingerprint: string;
  /** OpenPGP: acceptance is unverified or verified. X.509: always true. */
  accepted: boolean;
  /** X.509 only: the issuer name. */
  issuer?: string;
};

export type Newcomer = { kind: 'openpgp' | 'x509'; fingerprint: string; emails: readonly string[]; issuer?: string };

export function detectConflicts(
  newcomer: Newcomer,
  knownFor: (email: string) => readonly KnownBinding[],
  source: string,
  now: Date,
): ConflictRecord[] {
  const out: ConflictRecord[] = [];
  for (const email of newcomer.emails) {
    const known = knownFor(email).filter((k) => k.fingerprint !== newcomer.fingerprint && k.accepted
      && (newcomer.kind === 'openpgp' || k.issuer !== newcomer.issuer));
    if (known.length === 0) continue;
    out.push({
      id: conflictId(newcomer.kind, email, newcomer.fingerprint),
      kind: newcomer.kind,
      email,
      known: known.map((k) => k.fingerprint).sort(),
      candidate: newcomer.fingerprint,
      source,
      detectedAt: now.toISOString(),
    });
  }
  return out;
}
