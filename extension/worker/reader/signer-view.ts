/**
 * Maps the S/MIME core's per-signer reports to what the reader shows. "verified" needs a good signature
 * over the shown content and a path to one of the user's or the organisation's roots; a good signature
 * without such a path is "valid" (unverified), with the chain problem as the reason. A certificate that
 * conflicts with the one the keyring relies on for its address is never shown under that address.
 */
import type { SignerReport } from '../../../keyring/smime';
import type { NotContactKey, SignatureView } from '../../shared/reader-result';
import type { SignerCertificate } from './signer-standing';

export type CertStanding = (cert: SignerCertificate) => NotContactKey | null;

export function signerView(r: SignerReport, standingOf: CertStanding = () => null): SignatureView {
  const notContact = r.certificate
    ? standingOf({ fingerprint: r.certificate.fingerprintSha256, emails: r.certificate.emails, issuer: r.certificate.issuer })
    : null;
  const base = {
    signer: r.certificate && !notContact ? (r.certificate.emails[0] ?? r.certificate.subject) : null,
    fingerprint: r.certificate ? r.certificate.fingerprintSha256.toUpperCase() : null,
    signedAt: r.signingTime ?? null,
    senderMatches: r.emailMatches ?? null,
    reason: r.problems.length > 0 ? r.problems.join('; ').slice(0, 500) : null,
    ...(notContact ? { notContact } : {}),
  };
  if (r.signatureValid === 'unsupported' || r.status === 'unsupported-algorithm') return { ...base, status: 'unsupported' };
  if (!r.certificate) return { ...base, status: 'unknown-signer' };
  const good = r.signatureValid === true && r.contentDigestMatches && r.status !== 'invalid-signature';
  if (!good) return { ...base, status: 'invalid' };
  if (r.status === 'expired' || r.status === 'revoked' || r.status === 'wrong-usage') return { ...base, status: 'key-problem' };
  if (notContact) return { ...base, status: 'not-contact-key' };
  // email-mismatch keeps the chain's verdict; senderMatches=false makes the reader warn about it.
  return { ...base, status: r.chainTrusted ? 'verified' : 'valid' };
}
