/** Maps the OpenPGP core's signature reports and the keyring's trust into what the reader shows. */
import type { SignatureReport } from '../../../keyring/pgp';
import type { KeyAcceptance } from '../../shared/key-summary';
import type { SignatureView } from '../../shared/reader-result';

export function signatureView(report: SignatureReport, acceptanceOf: (fingerprint: string) => KeyAcceptance): SignatureView {
  const base = {
    signer: report.signerUserIDs[0] ?? null,
    fingerprint: report.signerFingerprint,
    signedAt: report.created,
    senderMatches: report.senderMatches,
    reason: report.reason,
  };
  switch (report.status) {
    case 'good': {
      const acceptance = report.signerFingerprint ? acceptanceOf(report.signerFingerprint) : 'undecided';
      if (acceptance === 'rejected') return { ...base, status: 'key-problem', reason: 'You rejected the signer\'s key.' };
      return { ...base, status: acceptance === 'verified' ? 'verified' : 'valid' };
    }
    case 'bad': return { ...base, status: 'invalid' };
    case 'unknown-signer': return { ...base, status: 'unknown-signer' };
    case 'expired-key': case 'revoked-key': return { ...base, status: 'key-problem' };
    case 'unsupported': return { ...base, status: 'unsupported' };
  }
}
