/** SOP VERIFICATIONS lines: "<date> <signing key fpr> <primary key fpr> mode:<binary|text>". */
import type { SignatureReport } from '../../pgp';

export function goodWithin(reports: SignatureReport[], notBefore: Date | null, notAfter: Date | null): SignatureReport[] {
  return reports.filter((r) => {
    if (r.status !== 'good' || !r.created) return false;
    const t = Date.parse(r.created);
    if (notBefore && t < notBefore.getTime()) return false;
    if (notAfter && t > notAfter.getTime()) return false;
    return true;
  });
}

function sopDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

export function formatVerifications(reports: SignatureReport[]): string {
  return reports.map((r) =>
    `${sopDate(r.created ?? '')} ${r.signingKeyFingerprint ?? ''} ${r.signerFingerprint ?? ''} mode:${r.mode ?? 'binary'}\n`).join('');
}
