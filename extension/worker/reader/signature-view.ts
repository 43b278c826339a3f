/** Maps the OpenPGP core's signature reports and the keyring's trust into what the reader shows. */
import type { SignatureReport } from '../../../keyring/pgp';
import type { KeyAcceptance } from '../../shared/key-summary';
import type { NotContactKey, SignatureView } from '../../shared/reader-result';

/** What the keyring says about a signer: its acceptance, and whether it is some contact's key (signer-standing.ts). */
export type SignerTrust = {
  acceptanceOf(fingerprint: string): KeyAcceptance;
  standingOf(fingerprint: string, userIds: readonly string[]): NotContactKey | null;
};

export function signatureView(report: SignatureReport, trust: SignerTrust): SignatureView {
  const base = {
    signer: report.signerUserIDs[0] ?? null,
    fingerprint: report.signerFingerprint,
    signedAt: report.created,
    senderMatches: report.senderMatches,
    reason: report.reason,
  };
  const notContact = report.signerFingerprint ? trust.standingOf(report.signerFingerprint, report.signerUserIDs) : null;
  // A held, rejected or conflicting key is never named by its own claim: that name is a contact's.
  const as = notContact ? { ...base, signer: null, notContact } : base;
  switch (report.status) {
    case 'good': {
      if (notContact) return { ...as, status: 'not-contact-key' };
      const acceptance = report.signerFingerprint ? trust.acceptanceOf(report.signerFingerprint) : 'undecided';
      return { ...base, status: acceptance === 'verified' ? 'verified' : 'valid' };
    }
    case 'bad': return { ...as, status: 'invalid' };
    case 'unknown-signer': return { ...as, status: 'unknown-signer' };
    case 'expired-key': case 'revoked-key': return { ...as, status: 'key-problem' };
    case 'unsupported': return { ...as, status: 'unsupported' };
  }
}
