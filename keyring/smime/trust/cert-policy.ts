/**
 * Our S/MIME certificate rules (RFC 8550 §4.4, SECURITY A2.4/A4.8): key usage and extended key
 * usage for signing and for encryption, and the binding between a sender address and a certificate.
 */
import { publicKeyInfo } from '../crypto/keys';
import { OID } from '../oids';
import { certificateEmails, type Certificate } from '../x509/certificate';

/** Problems that make `cert` unfit to sign mail; empty when it is fit. */
export function signingUsageProblems(cert: Certificate): string[] {
  const out: string[] = [];
  if (cert.keyUsage !== undefined && !cert.keyUsage.includes('digitalSignature') && !cert.keyUsage.includes('nonRepudiation')) {
    out.push('key usage does not allow digital signatures');
  }
  out.push(...ekuProblems(cert));
  return out;
}

/** Problems that make `cert` unfit to receive encrypted mail; empty when it is fit. */
export function encryptionUsageProblems(cert: Certificate): string[] {
  const out: string[] = [];
  if (cert.keyUsage !== undefined) {
    let type: string;
    try { type = publicKeyInfo(cert.spki).type; } catch { type = 'other'; }
    const need = type === 'ec' ? 'keyAgreement' : 'keyEncipherment';
    if (!cert.keyUsage.includes(need)) out.push(`key usage does not allow ${need}`);
  }
  out.push(...ekuProblems(cert));
  return out;
}

function ekuProblems(cert: Certificate): string[] {
  const eku = cert.extendedKeyUsage;
  if (eku === undefined || eku.includes(OID.ekuEmailProtection) || eku.includes(OID.ekuAny)) return [];
  return ['extended key usage does not include emailProtection'];
}

/** The addr-spec of an address, lower-cased ("Name <a@b>" → "a@b"). */
export function normaliseEmail(address: string): string {
  const m = /<([^<>]*)>\s*$/.exec(address);
  return (m?.[1] ?? address).trim().toLowerCase();
}

/** True when the certificate is bound to the address (SAN rfc822Name, else subject emailAddress). */
export function certificateHasEmail(cert: Certificate, address: string): boolean {
  const want = normaliseEmail(address);
  return want.length > 0 && certificateEmails(cert).includes(want);
}
