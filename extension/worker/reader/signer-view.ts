/**
 * Maps the S/MIME core's per-signer reports to what the reader shows. "verified" needs a good signature
 * over the shown content and a path to one of the user's or the organisation's roots; a good signature
 * without such a path is "valid" (unverified), with the chain problem as the reason.
 */
import type { SignerReport } from '../../../keyring/smime';
import type { SignatureView } from '../../shared/reader-result';

export function signerView(r: SignerReport): SignatureView {
  const base = {
    signer: r.certificate ? (r.certificate.emails[0] ?? r.certificate.subject) : null,
    fingerprint: r.certificate ? r.certificate.fingerprintSha256.toUpperCase() : null,
    signedAt: r.signingTime ?? null,
    senderMatches: r.emailMatches ?? null,
    reason: r.problems.length > 0 ? r.problems.join('; ').slice(0, 500) : null,
  };
  if (r.signatureValid === 'unsupported' || r.status === 'unsupported-algorithm') return { ...base, status: 'unsupported' };
  if (!r.certificate) return { ...base, status: 'unknown-signer' };
  const good = r.signatureValid === true && r.contentDigestMatches && r.status !== 'invalid-signature';
  if (!good) return { ...base, status: 'invalid' };
  if (r.status === 'expired' || r.status === 'revoked' || r.status === 'wrong-usage') return { ...base, status: 'key-problem' };
  // email-mismatch keeps the chain's verdict; senderMatches=false makes the reader warn about it.
  return { ...base, status: r.chainTrusted ? 'verified' : 'valid' };
}
